"""A bare Wagtail site: the baseline the issue's targets are measured against.

One page model (title and a rich-text body), Wagtail's default routing and serving, no
kopbal code. `BARE_SITE_CACHE=1` adds Django's per-site cache (the usual quick fix);
`BARE_CONN_MAX_AGE` keeps database connections open between requests.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
VAR = Path(os.environ["BARE_VAR_DIR"])
SECRET_KEY = "bench-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "urls"
INSTALLED_APPS = [
    "barepages",
    "wagtail.users",
    "wagtail.images",
    "wagtail.documents",
    "wagtail.admin",
    "wagtail",
    "taggit",
    "modelcluster",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
INSTALLED_APPS.insert(1, "wagtail.contrib.redirects")
if os.environ.get("BARE_SITE_CACHE") == "1":
    MIDDLEWARE.insert(0, "django.middleware.cache.UpdateCacheMiddleware")
    MIDDLEWARE.append("django.middleware.cache.FetchFromCacheMiddleware")
    CACHE_MIDDLEWARE_SECONDS = 10
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR / "bare.sqlite3",
        # Django's default closes the connection after each request; kopbal keeps it open.
        # BARE_CONN_MAX_AGE=60 measures the bare page with that one setting as kopbal has it.
        "CONN_MAX_AGE": int(os.environ.get("BARE_CONN_MAX_AGE", "0")),
    }
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "/static/"
WAGTAIL_SITE_NAME = "bare"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
USE_TZ = True
