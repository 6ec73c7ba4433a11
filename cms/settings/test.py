"""Tests: immediate tasks, local-memory e-mail, a fast hasher; the cache as in base (Redis with REDIS_URL)."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-key"  # noqa: S105 (signs only the test run's sessions and links)
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WAGTAILADMIN_BASE_URL = env("BASE_URL", "http://testserver")
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Static files come from the finders; there is no collected STATIC_ROOT in tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
SEARCH_BACKEND = "embedded"
SEARCH_INDEX_DIR = BASE_DIR / "var" / "test-search-index"  # noqa: F405
# Most tests sign staff in with force_login; the sign-in tests (tests/cms/test_signin.py) turn
# the second factor's requirement back on. The lock-out is on everywhere.
TWO_FACTOR_REQUIRED = False
