"""The polls' knobs: a Django setting if there is one, else the environment, else the
default below (so an operator can tune a limit without editing settings files)."""

import os

from django.conf import settings


def setting(name: str):
    if hasattr(settings, name):
        return getattr(settings, name)
    default = DEFAULTS[name]
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return type(default)(raw)


DEFAULTS = {
    # The anonymous voter's signed cookie: a random key, two years, HttpOnly.
    "KOPBAL_POLL_COOKIE": "kb_stemmer",
    "KOPBAL_POLL_COOKIE_AGE": 2 * 365 * 24 * 3600,
    # New anonymous voters (votes without a valid cookie) per address per window. Every
    # reader's first vote has no cookie, so this must allow a busy office or a mobile
    # network's shared address, and stops a script that throws its cookies away.
    "KOPBAL_POLL_NEW_VOTERS_PER_IP": 20,
    "KOPBAL_POLL_NEW_VOTERS_WINDOW": 600,
    # Vote attempts of any kind (a script hammering with one cookie).
    "KOPBAL_POLL_ATTEMPTS_PER_IP": 300,
    "KOPBAL_POLL_ATTEMPTS_PER_USER": 30,
    "KOPBAL_POLL_ATTEMPTS_WINDOW": 60,
    # How long counted results may be served from the cache to readers who already voted.
    # The voter's own response is always recounted after the vote commits.
    "KOPBAL_POLL_RESULTS_TTL": 3,
    # After a vote without JavaScript, the signed `?peiling=` link shows results this long.
    "KOPBAL_POLL_SHOWN_MAX_AGE": 15 * 60,
}
