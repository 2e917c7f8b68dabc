"""Tests: fast hashing, local-memory cache unless a test run brings Redis."""

import os

from .base import *

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests read pages through the test client: no manifest needed.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_AUTOREFRESH = True
KOPBAL_SCHEDULER_INTERVAL = 1
# Tests flush buffered article views themselves (kopbal.stats.counter.flush_views).
KOPBAL_VIEWS_FLUSH_IN_BACKGROUND = False
DEBUG = False
if not os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
