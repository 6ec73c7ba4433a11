"""Files made to cost a reader too much: a PDF of very many pages (or one that hides them), a
.docx whose text takes far more memory than its size, one whose archive lies about its sizes."""

import io
import struct
import zipfile

from fixtures.media import pdf_of_objects

from .files import word


def pdf_of_pages(count: int, declared: int | None = None) -> bytes:
    """A PDF of `count` pages, each with the word "Lingonsylt" (one content stream shared by all), whose
    page tree declares `declared` pages (the truth when None)."""
    stream = b"BT /F1 11 Tf 56 780 Td (Lingonsylt) Tj ET"
    kids = b" ".join(b"%d 0 R" % (5 + number) for number in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count if declared is None else declared),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
    objects += [page + b"/Contents 3 0 R >>"] * count
    return pdf_of_objects(objects)


def _with_body(body: bytes) -> dict[str, bytes]:
    """The parts of a .docx whose document holds `body` as well."""
    with zipfile.ZipFile(io.BytesIO(word("Mall"))) as archive:
        parts = {entry.filename: archive.read(entry.filename) for entry in archive.infolist()}
    document = parts["word/document.xml"]
    start = document.index(b"<w:body>") + len(b"<w:body>")
    parts["word/document.xml"] = document[:start] + body + document[start:]
    return parts


def _zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def word_of_paragraphs(count: int) -> bytes:
    """A .docx of `count` one-word paragraphs: about 42 bytes each unpacked, a few hundred each
    once parsed, and next to nothing each compressed (300 000 of them: 12 MB unpacked, 73 kB)."""
    return _zipped(_with_body(b"<w:p><w:r><w:t>hjortron</w:t></w:r></w:p>" * count))


def lying_zip_bomb(unpacked: int, claimed: int) -> bytes:
    """A .docx whose document part unpacks to `unpacked` bytes while its archive says `claimed`."""
    content = bytearray(_zipped(_with_body(b" " * unpacked)))
    name = b"word/document.xml"
    # The part's header locally and in the central directory: where its name and its size are.
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        header = content.index(signature)
        while content[header + name_at : header + name_at + len(name)] != name:
            header = content.index(signature, header + 4)
        content[header + size_at : header + size_at + 4] = struct.pack("<I", claimed)
    return bytes(content)
