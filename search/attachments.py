"""The text of files attached to pages (PDF, Word .docx, OpenDocument .odt, plain text), for
the search: read with maintained libraries (pypdf, python-docx, odfpy), once per file.

A page's document is built by the outbox worker after the page's change has committed (see
search/indexing.py), and by `manage.py search_index`; that is where a file is read, never in a
request. Its text is kept in an `AttachmentText` row keyed by the file's hash, so that an update
or a rebuild reads a row instead of parsing the file again. A file is read in a child process
within the limits of the settings SEARCH_ATTACHMENT_MAX_BYTES, _UNPACKED (a .docx/.odt's parts),
_PAGES, _SECONDS, _MEMORY and _CHARS (reading stops there; search/file_text.py). A file that is
broken, encrypted, over a limit or of another kind gives no text: a log line says why, its row
keeps the reason, and the page is indexed without it. A file that cannot be opened at all
(storage unavailable) raises, and the outbox retries the row later, as for any other indexing
failure.
"""

import dataclasses
import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import JSONObject, Length, Substr
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction
from wagtail.utils.file import hash_filelike

from . import file_text
from .file_text import Unreadable
from .models import AttachmentText

logger = logging.getLogger(__name__)


def attached_file(path: str) -> JSONObject:
    """What `read` needs of the document at `path` (such as "document" from a page's
    document relation), as one value of a query: read for a whole chunk of pages at once,
    the stored text included, so that a rebuild costs no query per page or file."""
    texts = AttachmentText.objects.filter(file_hash=OuterRef(f"{path}__file_hash"))
    return JSONObject(
        id=f"{path}_id",
        title=f"{path}__title",
        hash=f"{path}__file_hash",
        stored=Exists(texts),
        text=Subquery(texts.values("text")[:1]),
    )


def public_files(path: str) -> Exists:
    """Whether the document at `path` is in a private collection (or inside one): such a file is
    shown to signed-in people only, so its words must not reach the public search. A collection
    is inside another when its tree path starts with the other's."""
    own = OuterRef(f"{path}__collection__path")
    restricted = CollectionViewRestriction.objects.annotate(
        prefix=Substr(own, 1, Length("collection__path"))
    ).filter(prefix=F("collection__path"))
    return ~Exists(restricted)


def read(files: Iterable[dict]) -> tuple[tuple[str, str], ...]:
    """The (title, text) of one page's attachments from the values `attached_file` made; a file
    with no stored text is read now, and its text stored; one that gave none is findable by its title."""
    found = []
    for file in files:
        text = file["text"] if file["stored"] else _extracted(file["id"])
        found.append((file["title"], text or ""))
    return tuple(found)


def _extracted(pk: int) -> str:
    document = get_document_model().objects.get(pk=pk)
    try:
        file_hash = document.file_hash or _hashed(document)
        stored = AttachmentText.objects.filter(file_hash=file_hash).first()
        if stored is not None:
            return stored.text
        text, skipped = extract(document.file.name, _content(document)), ""
    except FileNotFoundError:
        # Nothing stored: a file put back is read next time.
        logger.warning("attachment %s (document %s) skipped: the file is missing", document.file.name, pk)
        return ""
    except Unreadable as reason:
        text, skipped = "", str(reason)[:200]
        logger.warning("attachment %s (document %s) skipped: %s", document.file.name, pk, skipped)
    try:
        with transaction.atomic():
            AttachmentText.objects.create(file_hash=file_hash, text=text, skipped=skipped)
    except IntegrityError:
        pass  # another process stored the same file's text meanwhile
    return text


def _hashed(document) -> str:
    """The file's hash, as Wagtail's upload form sets it, for a document stored without one;
    saved without signals, as nothing about the document changed."""
    with document.open_file() as file:
        file_hash = hash_filelike(file)
    type(document).objects.filter(pk=document.pk).update(file_hash=file_hash)
    return file_hash


def _content(document) -> bytes:
    limit = limits().max_bytes
    if document.file_size is not None and document.file_size > limit:
        raise Unreadable(f"{document.file_size} bytes, over the limit")
    with document.open_file() as file:
        # One byte more than the limit tells a file over it, whatever its recorded size said.
        return file.read(limit + 1)


def extract(name: str, content: bytes) -> str:
    """The words of a file's text, spaces normalised, at most SEARCH_ATTACHMENT_MAX_CHARS of them,
    read in a child process within the limits of the settings (search/file_text.py). Raises
    Unreadable for a file of another kind, one over a limit, or one its library cannot read."""
    return file_text.read(name, content, limits())


def limits() -> file_text.Limits:
    """The limits of the settings SEARCH_ATTACHMENT_MAX_*, the defaults where one is not set."""
    return file_text.Limits(
        **{
            field.name: type(field.default)(
                getattr(settings, f"SEARCH_ATTACHMENT_{field.name.upper()}", field.default)
            )
            for field in dataclasses.fields(file_text.Limits)
        }
    )


def forget_unused() -> int:
    """Delete the stored texts of files that no document holds any more (a file replaced or
    deleted): the words of an erased file do not stay in the database. Returns how many."""
    held = get_document_model().objects.values("file_hash")
    deleted, _ = AttachmentText.objects.exclude(file_hash__in=held).delete()
    return deleted


def _file_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        forget_unused()


def connect() -> None:
    """Forget the text of a file once no document holds it (replaced by another, or deleted)."""
    document = get_document_model()
    post_save.connect(_file_changed, sender=document, dispatch_uid="search.attachments.saved")
    post_delete.connect(_file_changed, sender=document, dispatch_uid="search.attachments.deleted")
