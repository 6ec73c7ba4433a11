"""Small real files made with the libraries that read them, and a way to attach them to a
resource as an editor does (a Wagtail document chosen in the resource's Documents panel)."""

import io

import docx
import pypdf
from django.core.files.base import ContentFile
from odf import text as odf_text
from odf.opendocument import OpenDocumentText
from wagtail.documents.models import Document

from cms.models import ResourceDocument, ResourcePage
from fixtures import media
from tests.helpers import publish


def pdf(*paragraphs: str) -> bytes:
    return media.pdf("Rapport", list(paragraphs))


def encrypted_pdf(*paragraphs: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf(*paragraphs))))
    writer.encrypt("hemligt", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def word(*paragraphs: str) -> bytes:
    document = docx.Document()
    document.add_heading("Mall", 1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def opendocument(*paragraphs: str) -> bytes:
    document = OpenDocumentText()
    document.text.addElement(odf_text.H(outlinelevel=1, text="Underlag"))
    for paragraph in paragraphs:
        document.text.addElement(odf_text.P(text=paragraph))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def stored(title: str, name: str, content: bytes, **fields) -> Document:
    """A document as Wagtail's upload form stores it: with its size and hash."""
    document = Document(title=title, file=ContentFile(content, name=name), **fields)
    document._set_document_file_metadata()
    document.save()
    return document


def attach(resource: ResourcePage, *documents: Document) -> ResourcePage:
    """The resource, published with these documents in its Documents panel."""
    resource = ResourcePage.objects.get(pk=resource.pk)
    resource.documents = [ResourceDocument(document=document) for document in documents]
    return publish(resource)


def replace_file(document: Document, name: str, content: bytes) -> None:
    """A new file for the document, as the document's edit form saves it."""
    document.file = ContentFile(content, name=name)
    document._set_document_file_metadata()
    document.save()
