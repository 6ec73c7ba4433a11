"""The text of files attached to pages (PDF, Word .docx, OpenDocument .odt, plain text), for
the search: read with maintained libraries (pypdf, python-docx, odfpy), once per file.

A page's document is built by the outbox worker after the page's change has committed (see
search/indexing.py), and by `manage.py search_index`; that is where a file is read, never in a
request. Its text is kept in an `AttachmentText` row keyed by the file's hash, so that an update
or a rebuild reads a row instead of parsing the file again. Limits: a file over
SEARCH_ATTACHMENT_MAX_BYTES (or a .docx/.odt whose parts unpack to more than
SEARCH_ATTACHMENT_MAX_UNPACKED) is not read, and reading stops after
SEARCH_ATTACHMENT_MAX_CHARS characters. A file that is broken, encrypted, too large or of
another kind gives no text: a log line says why, its row keeps the reason, and the page is
indexed without it. A file that cannot be opened at all (storage unavailable) raises, and the
outbox retries the row later, as for any other indexing failure.
"""

import io
import logging
import zipfile
from collections.abc import Iterable

import docx
import pypdf
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import JSONObject, Length, Substr
from django.db.models.signals import post_delete, post_save
from odf import teletype
from odf.namespaces import TEXTNS
from odf.opendocument import load as load_odf
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction
from wagtail.utils.file import hash_filelike

from .models import AttachmentText

logger = logging.getLogger(__name__)

MAX_BYTES = 20_000_000
MAX_UNPACKED = 100_000_000
MAX_CHARS = 100_000


class Unreadable(Exception):
    """The file gives no text; the message says why."""


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


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
    limit = _limit("SEARCH_ATTACHMENT_MAX_BYTES", MAX_BYTES)
    if document.file_size is not None and document.file_size > limit:
        raise Unreadable(f"{document.file_size} bytes, over the limit")
    with document.open_file() as file:
        # One byte more than the limit tells a file over it, whatever its recorded size said.
        return file.read(limit + 1)


def extract(name: str, content: bytes) -> str:
    """The words of a file's text, spaces normalised, at most SEARCH_ATTACHMENT_MAX_CHARS of them.
    Raises Unreadable for a file of another kind, or one its library cannot read."""
    if len(content) > _limit("SEARCH_ATTACHMENT_MAX_BYTES", MAX_BYTES):
        raise Unreadable(f"{len(content)} bytes, over the limit")
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    reader = READERS.get(kind)
    if reader is None:
        raise Unreadable(f"no text is read from .{kind or '?'} files")
    limit = _limit("SEARCH_ATTACHMENT_MAX_CHARS", MAX_CHARS)
    try:
        text = " ".join(" ".join(_bounded(reader(content), limit)).split())
    except Unreadable:
        raise
    except Exception as error:  # a library's error on a malformed file, whatever its kind
        raise Unreadable(f"unreadable .{kind}: {type(error).__name__}: {error}") from error
    return _cut(text, limit)


def _bounded(parts: Iterable[str], limit: int) -> list[str]:
    """The parts until `limit` characters are reached: the rest of the file is not read."""
    found, size = [], 0
    for part in parts:
        found.append(part)
        size += len(part) + 1
        if size >= limit:
            break
    return found


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit + 1)
    return text[: space if space > 0 else limit]


def _pdf(content: bytes):
    reader = pypdf.PdfReader(io.BytesIO(content))
    # Many PDFs are encrypted with an empty password, only to restrict printing or copying.
    if reader.is_encrypted and not reader.decrypt(""):
        raise Unreadable("encrypted PDF")
    for page in reader.pages:
        yield page.extract_text() or ""


def _unpacked(content: bytes) -> None:
    """Refuse a .docx or .odt whose parts would unpack to more than the limit (a zip bomb)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        size = sum(entry.file_size for entry in archive.infolist())
    if size > _limit("SEARCH_ATTACHMENT_MAX_UNPACKED", MAX_UNPACKED):
        raise Unreadable(f"unpacks to {size} bytes, over the limit")


def _docx(content: bytes):
    _unpacked(content)
    document = docx.Document(io.BytesIO(content))
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield cell.text


def _odt(content: bytes):
    _unpacked(content)
    yield from _odf_paragraphs(load_odf(io.BytesIO(content)).text)


def _odf_paragraphs(element):
    """The text of each paragraph and heading, in the document's order."""
    for child in element.childNodes:
        if child.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
            yield teletype.extractText(child)
        elif child.nodeType == child.ELEMENT_NODE:
            yield from _odf_paragraphs(child)


def _plain(content: bytes):
    yield content.decode("utf-8", errors="replace")


READERS = {"pdf": _pdf, "docx": _docx, "odt": _odt, "txt": _plain, "md": _plain}


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
