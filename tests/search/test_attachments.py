"""Attached files' text: read by the worker after commit, once per file, within limits; shown on
the search page and in the API as found in the file, in both languages."""

import io
import logging
import time
import zipfile

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction

from cms.models import ResourcePage
from search import indexing
from search.attachments import Unreadable, extract
from search.backends import get_backend
from search.documents import document_id, source
from search.models import AttachmentText
from search.query import SearchQuery

from .files import attach, encrypted_pdf, opendocument, pdf, stored, word
from .hostile_files import lying_zip_bomb, pdf_of_pages, word_of_paragraphs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def found(text: str, language: str = "sv") -> list[str]:
    return [hit.id for hit in get_backend().search(SearchQuery(text=text, language=language)).hits]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", pdf("Försöket med kardemummabullar.", "Andra stycket.")),
        ("a.docx", word("Försöket med kardemummabullar.", "Andra stycket.")),
        ("a.odt", opendocument("Försöket med kardemummabullar.", "Andra stycket.")),
        ("a.TXT", "Försöket med kardemummabullar.\n\nAndra stycket.".encode()),
    ],
)
def test_each_kind_of_file_gives_its_words_in_order(name, content):
    assert "Försöket med kardemummabullar. Andra stycket." in extract(name, content)


def test_a_word_documents_tables_are_read_too():
    parsed = docx.Document(io.BytesIO(word("Före tabellen.")))
    parsed.add_table(rows=1, cols=1).cell(0, 0).text = "Cellinnehåll"
    out = io.BytesIO()
    parsed.save(out)
    assert extract("t.docx", out.getvalue()).endswith("Cellinnehåll")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("a.pdf", encrypted_pdf("Hemligt."), "encrypted PDF"),
        ("a.pdf", b"%PDF-1.4 not a PDF at all", "unreadable .pdf"),
        ("a.docx", b"not a zip", "unreadable .docx: BadZipFile"),
        ("a.odt", pdf("Fel sorts fil."), "unreadable .odt: BadZipFile"),
        ("a.xlsx", b"PK", "no text is read from .xlsx files"),
        ("README", b"text", "no text is read from .? files"),
    ],
)
def test_a_file_that_gives_no_text_says_why(name, content, reason):
    with pytest.raises(Unreadable, match=reason.replace(".", r"\.").replace("?", r"\?")):
        extract(name, content)


def test_files_over_the_limits_are_not_read(settings):
    settings.SEARCH_ATTACHMENT_MAX_BYTES = 1_000
    with pytest.raises(Unreadable, match="over the limit"):
        extract("a.txt", b"ord " * 300)
    # A .docx whose parts unpack far beyond the file's own size (a zip bomb).
    settings.SEARCH_ATTACHMENT_MAX_BYTES = 1_000_000
    settings.SEARCH_ATTACHMENT_MAX_UNPACKED = 100_000
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * 200_000)
    with pytest.raises(Unreadable, match="unpacks to 200000 bytes"):
        extract("bomb.docx", bomb.getvalue())


def test_reading_stops_at_the_character_limit_on_a_word_boundary(settings):
    settings.SEARCH_ATTACHMENT_MAX_CHARS = 20
    assert extract("a.txt", b"kanelbulle " * 100) == "kanelbulle"
    assert extract("a.pdf", pdf(*["Sida med ord." for _ in range(50)])) == "Rapport Sida med"


def test_the_worker_reads_the_file_after_commit_never_the_publish(site, django_capture_on_commit_callbacks):
    report = stored("Årsrapport", "rapport.pdf", pdf("Om kardemummabullar."))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attach(site.resource, report)
    assert not AttachmentText.objects.exists()  # the publish did not open the file
    for callback in callbacks:
        callback()  # the commit: the outbox row is delivered
    assert found("kardemummabullar") == [document_id("resource", site.resource.pk)]
    assert AttachmentText.objects.get().file_hash == report.file_hash


def test_a_rebuild_reuses_the_stored_text_instead_of_reading_the_file_again(site):
    report = stored("Årsrapport", "rapport.pdf", pdf("Om kardemummabullar."))
    attach(site.resource, report)
    indexing.rebuild()
    report.file.storage.delete(report.file.name)  # reading it again would find nothing
    indexing.rebuild()
    assert found("kardemummabullar") == [document_id("resource", site.resource.pk)]


def test_a_missing_file_is_skipped_and_read_once_it_is_back(site, caplog):
    content = pdf("Om kardemummabullar.")
    report = stored("Årsrapport", "rapport.pdf", content)
    report.file.storage.delete(report.file.name)
    attach(site.resource, report)
    with caplog.at_level(logging.WARNING, logger="search.attachments"):
        indexing.rebuild()
    assert "the file is missing" in caplog.text
    assert found("årsrapport") == [document_id("resource", site.resource.pk)]
    report.file.storage.save(report.file.name, io.BytesIO(content))
    indexing.rebuild()
    assert found("kardemummabullar") == [document_id("resource", site.resource.pk)]


def test_a_file_in_a_private_collection_is_not_searched(site):
    private = Collection.get_first_root_node().add_child(name="Styrgruppen")
    inner = private.add_child(name="Protokoll")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    attach(
        site.resource,
        stored("Protokoll", "protokoll.pdf", pdf("Om kardemummabullar."), collection=inner),
        stored("Öppen", "open.pdf", pdf("Om lingonsylt.")),
    )
    indexing.rebuild()
    assert found("kardemummabullar") == []
    assert found("lingonsylt") == [document_id("resource", site.resource.pk)]


def test_reading_resources_costs_the_same_queries_however_many_files_they_hold(site):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(source("resource").documents())
        return len(captured)

    attach(site.resource, stored("Årsrapport", "rapport.pdf", pdf("Om kardemummabullar.")))
    list(source("resource").documents())  # the file read and stored once
    one = queries()
    for number in range(3):
        page = site.resource_index.add_child(
            instance=ResourcePage(title=f"Resurs {number}", slug=f"resurs-{number}", lead="Text.")
        )
        attach(
            page,
            *(
                stored(f"Fil {number} {n}", f"f{number}{n}.txt", f"Ord {number} {n}".encode())
                for n in range(3)
            ),
        )
    list(source("resource").documents())
    assert queries() == one


def test_the_search_page_and_the_api_say_which_file_the_words_are_in(client, site):
    attach(site.resource, stored("Årsrapport", "rapport.pdf", pdf("Om kardemummabullar.")))
    english = ResourcePage.objects.get(pk=site.pages_en[-1].pk)
    attach(english, stored("Annual report", "report.docx", word("About cinnamon buns and kardemummabullar.")))
    indexing.rebuild()

    html = client.get("/search/", {"q": "kardemummabullar"}).content.decode()
    assert "Hittat i bilagan ”Årsrapport”" in html
    assert "<mark>kardemummabullar</mark>" in html
    html = client.get("/en/search/", {"q": "kardemummabullar"}).content.decode()
    assert "Found in the attachment “Annual report”" in html
    (hit,) = client.get("/api/search/", {"q": "kardemummabullar", "lang": "sv"}).json()["hits"]
    assert (hit["url"], hit["found_in_attachment"]) == ("/resurser/guide/", "Årsrapport")
    (hit,) = client.get("/api/search/", {"q": "guide", "lang": "sv"}).json()["hits"]
    assert hit["found_in_attachment"] is None


def test_words_deep_in_a_long_file_are_located_for_the_snippet(site):
    filler = " ".join(f"Stycke {number} om samverkan i Skåne." for number in range(1_500))
    long_text = f"{filler} Här står kardemummabullarna till sist.".encode()
    attach(site.resource, stored("Långt protokoll", "protokoll.txt", long_text))
    indexing.rebuild()
    (hit,) = get_backend().search(SearchQuery(text="kardemummabulle", language="sv")).hits
    assert len(long_text) > 40_000
    assert hit.found_in == "Långt protokoll"
    assert "<mark>kardemummabullarna</mark> till sist." in hit.snippet_html


# Files made to cost the reader too much: each is skipped within its limit, and never stops the
# other files or the page from being indexed.


def test_a_pdf_of_very_many_pages_is_refused_by_its_page_count():
    with pytest.raises(Unreadable, match="20000 pages, over the limit"):
        extract("many.pdf", pdf_of_pages(20_000))
    assert extract("few.pdf", pdf_of_pages(3)) == "Lingonsylt Lingonsylt Lingonsylt"


def test_a_pdf_that_hides_its_pages_is_stopped_by_the_time_limit(settings):
    settings.SEARCH_ATTACHMENT_MAX_SECONDS = 1
    hidden = pdf_of_pages(20_000, declared=1)  # about 30 s of reading on this machine's cores
    started = time.monotonic()
    with pytest.raises(Unreadable, match=r"reading took more than 1 s"):
        extract("hidden.pdf", hidden)
    assert time.monotonic() - started < 10


def test_a_word_file_whose_text_needs_too_much_memory_is_refused(settings):
    settings.SEARCH_ATTACHMENT_MAX_MEMORY = 20_000_000
    hungry = word_of_paragraphs(300_000)
    assert len(hungry) < 100_000
    with pytest.raises(Unreadable, match=r"(?i)memory"):
        extract("hungry.docx", hungry)
    settings.SEARCH_ATTACHMENT_MAX_MEMORY = 1_000_000_000
    assert extract("hungry.docx", hungry).startswith("hjortron hjortron")


def test_a_zip_bomb_that_lies_about_its_size_is_read_no_further_than_it_says(settings):
    settings.SEARCH_ATTACHMENT_MAX_UNPACKED = 1_000_000
    with pytest.raises(Unreadable, match=r"unreadable \.docx: BadZipFile"):
        extract("bomb.docx", lying_zip_bomb(unpacked=50_000_000, claimed=1_000))


def test_hostile_files_are_skipped_with_a_log_line_and_the_page_indexed_with_the_rest(site, settings, caplog):
    settings.SEARCH_ATTACHMENT_MAX_MEMORY = 20_000_000
    attach(
        site.resource,
        stored("Sidor", "sidor.pdf", pdf_of_pages(20_000)),
        stored("Stycken", "stycken.docx", word_of_paragraphs(300_000)),
        stored("Årsrapport", "rapport.pdf", pdf("Om kardemummabullar.")),
    )
    with caplog.at_level(logging.WARNING, logger="search.attachments"):
        indexing.rebuild()
    assert found("kardemummabullar") == [document_id("resource", site.resource.pk)]
    assert found("lingonsylt") == found("hjortron") == []
    assert "attachment documents/sidor.pdf (document" in caplog.text
    assert "skipped: 20000 pages, over the limit" in caplog.text
    assert "attachment documents/stycken.docx (document" in caplog.text
    skipped = dict(AttachmentText.objects.exclude(skipped="").values_list("text", "skipped"))
    assert list(skipped) == [""]
    assert sorted(AttachmentText.objects.values_list("skipped", flat=True))[1:] == [
        "20000 pages, over the limit",
        "reading needs more than the memory limit",
    ]
