"""Local development: `make run`. Debug on, a fixed insecure key, any local host."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405
# runserver serves static files from the finders; nothing is collected in development.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# The demo's accounts (fixtures/, README) sign in without a second factor, here only; anyone may
# still set one up. Production and the tests never read this.
TWO_FACTOR_EXEMPT_USERNAMES = [
    "editor",
    "moderator",
    "screener",
    "advisor",
    "coordinator",
    "manager",
    "admin",
    "host",
]
