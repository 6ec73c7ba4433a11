"""Production: refuses to start without a secret key, allowed hosts and an e-mail configuration.

Behind a TLS-terminating proxy set CSRF_TRUSTED_ORIGINS (and keep the proxy's
X-Forwarded-Proto header): without them every POST fails the CSRF check, and
`check --deploy` does not warn about it.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, EMAIL_DISABLED, EMAIL_HOST, SECRET_KEY, env_bool

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of at least 50 characters in production."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production.")
# Without one, Django's console backend would print applicants' names and status links to the log.
if not EMAIL_HOST and not EMAIL_DISABLED:
    raise ImproperlyConfigured(
        "EMAIL_HOST must be set in production, or EMAIL_DISABLED=1 to drop every e-mail on purpose."
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's preview views set SAMEORIGIN for themselves, so the rest can deny framing.
X_FRAME_OPTIONS = "DENY"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
