"""The intake form's one-time key: signed with a timestamp when the form is rendered, claimed once
when it is sent, so that a double click or a replay stores the idea only once."""

import secrets

from django.core import signing
from django.core.cache import cache

#: How long a rendered intake form may be posted (its one-time key is signed with a timestamp).
FORM_KEY_MAX_AGE = 3 * 24 * 60 * 60
FORM_KEY_SALT = "workflows.public.intake"


def new_form_key() -> str:
    return signing.TimestampSigner(salt=FORM_KEY_SALT).sign(secrets.token_urlsafe(18))


def read_form_key(signed: str) -> str:
    """The key of a form rendered here at most `FORM_KEY_MAX_AGE` ago; else `signing.BadSignature`."""
    return signing.TimestampSigner(salt=FORM_KEY_SALT).unsign(signed, max_age=FORM_KEY_MAX_AGE)


def claim_form_key(key: str) -> bool:
    """Whether this rendering of the form was not sent before (a double click or a replay)."""
    return cache.add(f"workflows:intake:key:{key}", "1", timeout=FORM_KEY_MAX_AGE)


def release_form_key(key: str) -> None:
    cache.delete(f"workflows:intake:key:{key}")
