"""Settings shared by every profile. Every deployment knob comes from the environment.

The embedded default (no variables set) is SQLite plus the local-memory cache, so that
`make run` needs no services. The scale profile sets DATABASE_URL (PostgreSQL) and
REDIS_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("KOPBAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "kopbal.core",
    "kopbal.users",
    "kopbal.news",
    "kopbal.comments",
    "kopbal.football",
    "kopbal.search",
    "kopbal.seo",
    "kopbal.polls",
    "kopbal.stats",
    "kopbal.liveblogs",
    "kopbal.transfers",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered before sessions, auth and the rest are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Stores whole pages for anonymous readers (hits are answered in kopbal/wsgi.py).
    "kopbal.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Logged-in readers get the cached pages too, with their personal parts filled in.
    "kopbal.core.personal.PersonalPageMiddleware",
]

ROOT_URLCONF = "kopbal.urls"
WSGI_APPLICATION = "kopbal.wsgi.application"
AUTH_USER_MODEL = "users.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "kopbal.core.context_processors.site_navigation",
                "kopbal.core.pagecache.csrf_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        # Persistent, health-checked connections: cheap on PostgreSQL, harmless on SQLite.
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; the busy timeout turns short
    # write contention between server workers into a wait instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Kept open between requests as on PostgreSQL: opening one (and setting WAL on it) was
    # a third of an uncached article request.

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Degrades to a miss while Redis is down: pages keep coming from the database.
            "BACKEND": "kopbal.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kopbal",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kopbal",
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch (Flemish) is the source language of every string readers see; French and English
# can be added as translations later.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("fr", _("Frans")), ("en", _("Engels"))]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on S3-compatible storage (AWS, MinIO, Scaleway, ...): `pip install -e ".[s3]"` and
# set the bucket; every app server then shares the same media. Static files stay on disk
# (WhiteNoise / nginx).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }

# A static file missing from the manifest (collectstatic not rerun) gets its plain URL
# instead of turning every page into a 500.
WHITENOISE_MANIFEST_STRICT = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kopbal <noreply@localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Every background task and page action is logged at INFO: too chatty for a console.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("KOPBAL_SITE_NAME", "Kopbal")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Slugs are plain ASCII: `Vazquez wéér doeltreffend` becomes vazquez-weer-doeltreffend.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Dutch stemming and accent folding on SQLite (FTS5) and PostgreSQL ("dutch" config), with
# fresh articles ranked first among equally relevant ones: see kopbal/search/backend.py.
# For very large archives, point BACKEND at wagtail.search.backends.opensearch3 (README).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "kopbal.search.backend",
        "SEARCH_CONFIG": os.environ.get("KOPBAL_SEARCH_CONFIG", "dutch"),
        "FRESHNESS_DAYS": 30,
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAIL_DATE_FORMAT = "d-m-Y"
WAGTAIL_DATETIME_FORMAT = "d-m-Y H:i"

# How often the in-process scheduler publishes due pages (scheduled publishing without cron).
KOPBAL_SCHEDULER_INTERVAL = int(os.environ.get("KOPBAL_SCHEDULER_INTERVAL", "15"))
# Teasers: the lead's first sentence, cut at a word boundary under this many characters.
KOPBAL_TEASER_LENGTH = 95
KOPBAL_LATEST_COUNT = 25
KOPBAL_PAGE_SIZE = 20
# How long a whole page may be served from a cache (ours, nginx's, a CDN's: s-maxage).
# Purges make changes show at once; this bounds what no purge reaches (counts in lists).
# Parts of pages every reader shares (a comment thread, `Meest recent`) are kept rendered
# until what they show changes; 0 renders them on every page render (benchmarks).
KOPBAL_FRAGMENT_CACHE = os.environ.get("KOPBAL_FRAGMENT_CACHE", "1") != "0"
KOPBAL_PAGE_CACHE_SECONDS = int(os.environ.get("KOPBAL_PAGE_CACHE_SECONDS", "10"))
# How many proxies (nginx, a CDN) stand before the app: rate limits then read the reader's
# address from X-Forwarded-For instead of the proxy's.
KOPBAL_PROXY_COUNT = int(os.environ.get("KOPBAL_PROXY_COUNT", "0"))

# Front caches (the nginx in deploy/) that the page cache purges, by refreshing URLs.
if os.environ.get("KOPBAL_FRONTEND_CACHE_URLS"):
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "kopbal.core.frontendcache.NginxRefreshBackend",
            "LOCATIONS": env_list("KOPBAL_FRONTEND_CACHE_URLS"),
            "SECRET": os.environ["KOPBAL_FRONTEND_CACHE_SECRET"],
        }
    }
KOPBAL_COMMENTS_PAGE = 50

# --- Reader accounts and comments (issue #3) ---------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # the Wagtail admin login
    "allauth.account.auth_backends.AuthenticationBackend",  # readers: e-mail or username
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "kopbal.users.forms.SignupForm"
ACCOUNT_ADAPTER = "kopbal.users.adapter.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kopbal] "
ACCOUNT_USERNAME_BLACKLIST = ["admin", "kopbal", "redactie", "moderator", "moderatie"]


def env_rate(name: str, default: str) -> tuple[int, int, int]:
    """`per_user,per_ip,window_seconds` from the environment, e.g. "5,60,60"."""
    per_user, per_ip, window = (int(x) for x in os.environ.get(name, default).split(","))
    return per_user, per_ip, window


# Per account and per address (behind KOPBAL_PROXY_COUNT proxies), per window in seconds.
# The per-address limits are higher: a stadium or office Wi-Fi shares one address.
KOPBAL_COMMENT_RATE_LIMITS = {
    "post": env_rate("KOPBAL_RATE_COMMENT_POST", "5,60,60"),
    "like": env_rate("KOPBAL_RATE_COMMENT_LIKE", "60,600,60"),
    "report": env_rate("KOPBAL_RATE_COMMENT_REPORT", "10,100,600"),
}
# Replies shown under each top-level comment on the article page; the rest on its thread page.
KOPBAL_COMMENTS_REPLIES_SHOWN = 5
KOPBAL_COMMENTS_THREAD_MAX = 1000
KOPBAL_COMMENTS_FEATURED_MAX = 5

# Search (kopbal/search): longest query we answer, results per page, requests per minute
# per reader and per address (search and suggestions are cheap, but not free).
KOPBAL_SEARCH_MAX_LENGTH = 200
KOPBAL_SEARCH_PAGE_SIZE = 10
KOPBAL_SEARCH_PER_MINUTE = int(os.environ.get("KOPBAL_SEARCH_PER_MINUTE", "60"))
KOPBAL_SUGGEST_PER_MINUTE = int(os.environ.get("KOPBAL_SUGGEST_PER_MINUTE", "300"))
