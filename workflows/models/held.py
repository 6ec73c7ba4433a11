"""Attachments held for an intake form sent back with errors in other fields."""

import hashlib
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage
from ..validators import ATTACHMENT_EXTENSIONS


def held_path(instance: "HeldUpload", filename: str) -> str:
    # Random, with its detected type's extension, as an idea's attachments are stored.
    return f"held/{secrets.token_hex(16)}{ATTACHMENT_EXTENSIONS[instance.content_type][0]}"


def hash_form_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class HeldUpload(models.Model):
    """A valid attachment of an intake form that another field sent back: kept in private storage
    so that the applicant need not choose it again, bound to that one rendering of the form by
    the hash of its signed one-time key (only that browser holds the key). Sending the form
    turns it into the idea's attachment; a form never sent again leaves it to
    `discard_abandoned_uploads`, once the key has expired."""

    form_key_hash = models.CharField(max_length=64, db_index=True, editable=False)
    file = models.FileField(_("file"), storage=private_storage, upload_to=held_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    created = models.DateTimeField(_("uploaded"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("held attachment")
        verbose_name_plural = _("held attachments")

    def __str__(self):
        return self.original_name
