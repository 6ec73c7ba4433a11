"""The words of one file (PDF, Word .docx, OpenDocument .odt, plain text), read by maintained
libraries (pypdf, python-docx, odfpy) in a process of its own, within limits of size, pages,
time and memory.

A file is whatever an editor uploaded: a PDF of many thousand pages, a .docx whose parts unpack
to gigabytes, or one made to send a parser into a loop. The limits that can be checked before
reading (bytes, unpacked size, pages) are; the rest is bounded by reading in a child process
that is killed after `max_seconds` and that may not grow by more than `max_memory` bytes, so a
file can cost the worker neither its time nor its memory. Either way the file gives no text and
`Unreadable` says why. Children are forked from a fork server that has these libraries loaded
(a few milliseconds each); the server, started on the first file, forks nothing but readers.

No Django here: the child imports this module only (search.attachments passes the settings).
"""

import dataclasses
import io
import multiprocessing
import os
import resource
import zipfile
from collections.abc import Iterable, Iterator

import docx
import pypdf
from odf import teletype
from odf.namespaces import TEXTNS
from odf.opendocument import load as load_odf


class Unreadable(Exception):
    """The file gives no text; the message says why."""


@dataclasses.dataclass(frozen=True)
class Limits:
    max_bytes: int = 20_000_000
    # The unpacked parts of a .docx or .odt (a zip bomb is refused before it is opened).
    max_unpacked: int = 100_000_000
    # Reading stops at this many characters.
    max_chars: int = 100_000
    max_pages: int = 5_000
    max_seconds: float = 20.0
    # What the reader may allocate beyond what it held when it started.
    max_memory: int = 512_000_000


def read(name: str, content: bytes, limits: Limits) -> str:
    """The words of the file `name` (its kind by its extension), read in a child process within
    `limits`. Raises Unreadable when the file gives no text."""
    kind = _kind(name)
    if len(content) > limits.max_bytes:
        raise Unreadable(f"{len(content)} bytes, over the limit")
    if kind not in READERS:
        raise Unreadable(f"no text is read from .{kind or '?'} files")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    answers, answer = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(kind, content, limits, answer), daemon=True)
    child.start()
    answer.close()  # this process's copy: the child's end alone keeps the pipe open
    try:
        if not answers.poll(limits.max_seconds):
            raise Unreadable(f"reading took more than {limits.max_seconds:g} s")
        try:
            found, value = answers.recv()
        except EOFError:
            child.join()
            raise Unreadable(f"the reader stopped (exit code {child.exitcode})") from None
    finally:
        answers.close()
        child.kill()
        child.join()
    if not found:
        raise Unreadable(value)
    return value


def _kind(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _child(kind: str, content: bytes, limits: Limits, answer) -> None:
    _cap_memory(limits.max_memory)
    try:
        answer.send((True, text(kind, content, limits)))
    except Unreadable as reason:
        answer.send((False, str(reason)))
    answer.close()


def _cap_memory(extra: int) -> None:
    """The process's address space limited to what it has now and `extra` more (Linux)."""
    try:
        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return
    resource.setrlimit(resource.RLIMIT_AS, (used + extra, resource.getrlimit(resource.RLIMIT_AS)[1]))


def text(kind: str, content: bytes, limits: Limits) -> str:
    """The words of a file of `kind`, spaces normalised, at most `limits.max_chars` of them, read
    in this process: `read` calls it in a child."""
    try:
        found = " ".join(" ".join(_bounded(READERS[kind](content, limits), limits.max_chars)).split())
    except Unreadable:
        raise
    except MemoryError:
        raise Unreadable("reading needs more than the memory limit") from None
    except Exception as error:  # a library's error on a malformed file, whatever its kind
        raise Unreadable(f"unreadable .{kind}: {type(error).__name__}: {error}") from error
    return _cut(found, limits.max_chars)


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


def _pdf(content: bytes, limits: Limits) -> Iterator[str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    # Many PDFs are encrypted with an empty password, only to restrict printing or copying.
    if reader.is_encrypted and not reader.decrypt(""):
        raise Unreadable("encrypted PDF")
    # As the file declares it: counting the pages would read every one of them. A file that
    # declares fewer than it holds is stopped by the time limit instead.
    if (pages := int(reader.root_object["/Pages"].get("/Count", 0))) > limits.max_pages:
        raise Unreadable(f"{pages} pages, over the limit")
    for page in reader.pages:
        yield page.extract_text() or ""


def _unpacked(content: bytes, limits: Limits) -> None:
    """Refuse a .docx or .odt whose parts would unpack to more than the limit (a zip bomb). An
    archive that lies about its sizes is read no further than it says (zipfile stops there)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        size = sum(entry.file_size for entry in archive.infolist())
    if size > limits.max_unpacked:
        raise Unreadable(f"unpacks to {size} bytes, over the limit")


def _docx(content: bytes, limits: Limits) -> Iterator[str]:
    _unpacked(content, limits)
    document = docx.Document(io.BytesIO(content))
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield cell.text


def _odt(content: bytes, limits: Limits) -> Iterator[str]:
    _unpacked(content, limits)
    yield from _odf_paragraphs(load_odf(io.BytesIO(content)).text)


def _odf_paragraphs(element) -> Iterator[str]:
    """The text of each paragraph and heading, in the document's order."""
    for child in element.childNodes:
        if child.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
            yield teletype.extractText(child)
        elif child.nodeType == child.ELEMENT_NODE:
            yield from _odf_paragraphs(child)


def _plain(content: bytes, limits: Limits) -> Iterator[str]:
    yield content.decode("utf-8", errors="replace")


READERS = {"pdf": _pdf, "docx": _docx, "odt": _odt, "txt": _plain, "md": _plain}
