"""Settings shared by every mode; the only module that reads the environment.

Twelve-factor: with nothing set, the embedded defaults serve (SQLite, local-memory
cache, local media, console e-mail, database task queue). Each variable switches one
part to its scale-out engine; `.env.example` lists them all.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name) or default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = env("BASE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Our apps first: their templates win over Viewflow's top-level 404/500 pages.
    "themes",
    "infra",
    "cms",
    "reach",
    "registrations",
    "workflows",
    "figures",
    "search",
    "fixtures",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "viewflow",
    "viewflow.workflow",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: /healthz answers load balancers that probe by address over plain HTTP (infra/health.py).
    "infra.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "infra.security.SecurityHeadersMiddleware",  # Content-Security-Policy, Permissions-Policy
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous GETs of public pages from the shared page cache: a hit skips everything below.
    "infra.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "themes.middleware.ThemeMiddleware",
    # Before any view's process_view (CSRF reads the body): refuses an oversize request unread.
    "workflows.public.limits.RequestSizeLimitMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            # The theme loader looks in the active Site's theme first; see themes/loaders.py.
            "loaders": [
                (
                    "themes.loaders.ThemeLoader",
                    [
                        "themes.loaders.ThemeDirectoriesLoader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        # Kept open between requests: opening one cost 1.7 ms on SQLite (its schema is read
        # again) and more on PostgreSQL; checked before each request's first use.
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # The app servers and the task worker share the file: in WAL mode readers never wait for a
    # writer, IMMEDIATE transactions take the write lock at their start (so writers queue instead
    # of failing half-way), and a writer waits up to 30 s for the lock before "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=30,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "infra.cache.OptionalRedisCache",
            "LOCATION": env("REDIS_URL"),
            # Unreachable, Redis is a miss (infra/cache.py); hung, a miss after 2 s instead of never.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    # Room for the page cache's entries beside the rest (Django's default is 300 entries).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# The shared page cache (infra/page_cache.py, docs/performance.md); PAGE_CACHE=0 turns it off.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
# At most how long, in seconds, an entry is kept. Changes drop entries at once wherever the cache
# is shared; with the local-memory cache and several app server processes, the other processes
# see a change only when their entries expire: set REDIS_URL there.
PAGE_CACHE_TIMEOUT = int(env("PAGE_CACHE_TIMEOUT", "600"))
# The max-age a browser or reverse proxy is told: short, as a proxy hears of no change unless
# its purge is set up (WAGTAILFRONTENDCACHE, docs/performance.md).
PAGE_CACHE_MAX_AGE = int(env("PAGE_CACHE_MAX_AGE", "60"))

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# /healthz (infra/health.py): seconds each check may take; the most undelivered outbox messages,
# and the longest a task may wait for a worker, before the server reports itself unwell.
HEALTHZ_TIMEOUT = float(env("HEALTHZ_TIMEOUT", "1"))
HEALTHZ_OUTBOX_LIMIT = int(env("HEALTHZ_OUTBOX_LIMIT", "1000"))
HEALTHZ_QUEUE_MAX_AGE = float(env("HEALTHZ_QUEUE_MAX_AGE", "300"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Stockholm"
# The project's own catalogue first; then Swedish for the strings of Wagtail's admin it lacks.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_upstream"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "infra.staticfiles.UsedAppDirectoriesFinder",
]
# Each theme keeps its files under static/<theme name>/, so the folders never collide.
STATICFILES_DIRS = sorted(str(path) for path in (BASE_DIR / "themes").glob("*/static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Idea attachments: never under MEDIA_ROOT, never served by the web server; see workflows/storage.py.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_HOST = env("EMAIL_HOST")
# E-mail off on purpose: messages are dropped and only that fact is logged (infra/mail.py).
EMAIL_DISABLED = env_bool("EMAIL_DISABLED")
if EMAIL_DISABLED:
    EMAIL_BACKEND = "infra.mail.DroppingEmailBackend"
elif EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Social Innovation Skåne <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "Social Innovation Skåne"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "infra.wagtail_search"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Avatars from Gravatar would send reviewers' e-mail hashes to a third party: the admin shows its own.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILAPI_LIMIT_MAX = 50
TAGGIT_CASE_INSENSITIVE = True

# Public search: the embedded engine (tantivy, on this machine's disk) unless Elasticsearch is
# configured; with more than one app server, search must run on Elasticsearch.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
SEARCH_BACKEND = env("SEARCH_BACKEND", "elasticsearch" if ELASTICSEARCH_URL else "embedded")
SEARCH_INDEX_DIR = Path(env("SEARCH_INDEX_DIR", str(BASE_DIR / "var" / "search-index")))
ELASTICSEARCH_INDEX = env("ELASTICSEARCH_INDEX", "sis-search")  # the alias; indexes are named after it
# The elasticsearch 8 client's compatibility media type; OpenSearch-compatible servers refuse it.
ELASTICSEARCH_COMPAT_HEADERS = env_bool("ELASTICSEARCH_COMPAT_HEADERS", True)
ELASTICSEARCH_TIMEOUT = float(env("ELASTICSEARCH_TIMEOUT", "5"))
# How long a write waits for the embedded index's single-writer lock before it is retried later.
SEARCH_LOCK_TIMEOUT = float(env("SEARCH_LOCK_TIMEOUT", "30"))
# Helper processes that read and analyse a large rebuild's documents while the rebuild's own
# process indexes them (search/rebuild_helpers.py); 0 does everything in that one process.
SEARCH_REBUILD_HELPERS = int(env("SEARCH_REBUILD_HELPERS", str(os.cpu_count() or 1)))

# The idea intake: the largest attachment accepted, in bytes.
IDEA_ATTACHMENT_MAX_BYTES = int(env("IDEA_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# Days after an idea last changed, once it has ended, before its applicant's personal data is
# erased (workflows/actions/privacy.py). Set it to what the funders' record-keeping rules require.
IDEA_PERSONAL_DATA_RETENTION_DAYS = int(env("IDEA_PERSONAL_DATA_RETENTION_DAYS", str(5 * 365)))
# Months after its event that a registration's personal data is erased (the counts stay).
REGISTRATION_RETENTION_MONTHS = int(env("REGISTRATION_RETENTION_MONTHS", "12"))

# Security: see docs/security.md.
# The reverse proxies in front of the app servers, each appending to X-Forwarded-For; 0 when
# clients connect directly. The rate limit and the sign-in lock-out count the address it gives.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))

# Staff sign-in. Lock-out (django-axes) by account and by address alike, for a cool-off.
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE += [
    "django_otp.middleware.OTPMiddleware",
    "infra.signin.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as axes asks
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = int(env("SIGNIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("SIGNIN_COOLOFF_MINUTES", "30")))
AXES_CLIENT_IP_CALLABLE = "infra.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "infra.signin.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no record of every successful sign-in (personal data, never read)
# Two-factor sign-in (infra/signin.py): required for superusers and these groups, open to everyone.
TWO_FACTOR_REQUIRED = True
TWO_FACTOR_REQUIRED_GROUPS = ["Programme managers"]
TWO_FACTOR_EXEMPT_USERNAMES: list[str] = []  # dev.py exempts the demo's accounts
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# A working day; every session (staff and applicants alike) ends then.
SESSION_COOKIE_AGE = 8 * 60 * 60

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_status_links": {"()": "workflows.public.log_redaction.RedactStatusLinks"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_status_links"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
