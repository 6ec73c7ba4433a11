"""Attachments held across an intake form sent back with errors: kept, handed to `submit_idea`, dropped.

No idea exists yet, so there is no audit entry: nothing here is a step of an idea.
"""

from datetime import timedelta

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from ..models import HeldUpload
from ..models.held import hash_form_key
from ..validators import attachment_name
from .intake import checked_files, delete_stored


def hold_uploads(form_key: str, files) -> list[HeldUpload]:
    """Keep `files` for the form of `form_key`, instead of what it held before. Each is checked by
    its content again (InvalidInput, nothing changed, if one is not allowed)."""
    checked = checked_files(files)
    stored: list[str] = []
    try:
        with transaction.atomic():
            discard_held_uploads(form_key)
            held = []
            for file, content_type in checked:
                upload = HeldUpload(
                    form_key_hash=hash_form_key(form_key),
                    original_name=attachment_name(getattr(file, "name", ""), content_type),
                    content_type=content_type,
                    size=file.size,
                )
                file.seek(0)
                upload.file.save("upload", file, save=False)
                stored.append(upload.file.name)
                upload.save()
                held.append(upload)
            return held
    except BaseException:
        delete_stored(stored)
        raise


def held_uploads(form_key: str) -> list[HeldUpload]:
    return list(HeldUpload.objects.filter(form_key_hash=hash_form_key(form_key)).order_by("pk"))


def held_files(held: list[HeldUpload]) -> list[File]:
    """The held files opened for `submit_idea`, under the applicant's names; the caller closes them."""
    return [File(upload.file.open("rb"), name=upload.original_name) for upload in held]


def _discard(uploads) -> int:
    names = [upload.file.name for upload in uploads]
    HeldUpload.objects.filter(pk__in=[upload.pk for upload in uploads]).delete()
    transaction.on_commit(lambda: delete_stored(names))
    return len(names)


def discard_held_uploads(form_key: str) -> int:
    """Drop what the form of `form_key` held (it was sent, or holds other files now)."""
    return _discard(list(HeldUpload.objects.filter(form_key_hash=hash_form_key(form_key))))


def discard_abandoned_uploads(older_than: timedelta) -> int:
    """Drop what forms never sent again held: their keys are older than `older_than`, so expired."""
    cutoff = timezone.now() - older_than
    with transaction.atomic():
        return _discard(list(HeldUpload.objects.filter(created__lt=cutoff)))
