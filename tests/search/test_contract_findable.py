"""On every engine: the words of a resource's attached files (PDF, Word, OpenDocument) find the
resource and say which file they are in; a broken file is skipped; replacing or deleting a file
reaches the index; programme pages and partners are found, each in its own language."""

import logging

import pytest
from django.utils import timezone
from wagtail.models import Locale

from cms.models import Partner, StandardPage
from infra.models import OutboxMessage
from search import indexing
from search.documents import document_id
from search.models import AttachmentText
from search.query import SearchQuery
from tests.helpers import publish

from .files import attach, opendocument, pdf, replace_file, stored, word

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def search(backend, text: str, language: str = "sv"):
    return backend.search(SearchQuery(text=text, language=language)).hits


def found(backend, text: str, language: str = "sv") -> list[str]:
    return [hit.id for hit in search(backend, text, language)]


def deliver(backend) -> None:
    """What the worker does with the index rows written so far, on this engine."""
    for row in OutboxMessage.objects.filter(kind=indexing.KIND, done_at__isnull=True).order_by("pk"):
        indexing.apply(row.payload, backend)
        OutboxMessage.objects.filter(pk=row.pk).update(done_at=timezone.now())


def test_words_only_in_attached_files_find_the_resource_and_name_the_file(site, backend):
    attach(
        site.resource,
        stored("Årsrapport", "rapport.pdf", pdf("Försöket med kardemummabullar gav resultat.")),
        stored("Budgetmall", "budget.docx", word("Kalkyl för lingonsylt och annat.")),
        stored("Underlag", "underlag.odt", opendocument("Protokoll om hjortronsylt.")),
    )
    indexing.rebuild(backend=backend)
    resource = document_id("resource", site.resource.pk)
    for term, title in [
        ("kardemummabullar", "Årsrapport"),
        ("lingonsylt", "Budgetmall"),
        ("hjortronsylt", "Underlag"),
    ]:
        (hit,) = search(backend, term)
        assert (hit.id, hit.url, hit.found_in) == (resource, "/resurser/guide/", title)
        assert f"<mark>{term}</mark>" in hit.snippet_html


def test_a_hit_on_the_page_itself_names_no_file(site, backend):
    attach(site.resource, stored("Årsrapport", "rapport.pdf", pdf("Om sociala innovationer i Skåne.")))
    indexing.rebuild(backend=backend)
    (hit,) = search(backend, "marknaden")  # in the resource's lead
    assert (hit.found_in, "<mark>marknaden</mark>" in hit.snippet_html) == ("", True)


def test_a_broken_file_is_skipped_with_a_log_line_and_the_resource_is_still_found(site, backend, caplog):
    attach(
        site.resource,
        stored("Trasig rapport", "trasig.pdf", b"%PDF-1.4 this is not a PDF"),
        stored("Hel mall", "hel.docx", word("Recept på blåbärspaj.")),
    )
    with caplog.at_level(logging.WARNING, logger="search.attachments"):
        indexing.rebuild(backend=backend)
    (line,) = [record.getMessage() for record in caplog.records if record.name == "search.attachments"]
    assert "trasig.pdf" in line
    assert "skipped" in line
    resource = document_id("resource", site.resource.pk)
    assert found(backend, "guide sociala innovationer") == [resource]
    assert found(backend, "blåbärspaj") == [resource]
    assert AttachmentText.objects.exclude(skipped="").count() == 1


def test_replacing_and_deleting_a_file_updates_the_index(site, backend):
    report = stored("Årsrapport", "rapport.pdf", pdf("Om hallonbåtar."))
    attach(site.resource, report)
    indexing.rebuild(backend=backend)
    resource = document_id("resource", site.resource.pk)
    assert found(backend, "hallonbåtar") == [resource]

    replace_file(report, "rapport-2.pdf", pdf("Om smultronställen."))
    deliver(backend)
    assert (found(backend, "hallonbåtar"), found(backend, "smultronställen")) == ([], [resource])
    assert list(AttachmentText.objects.values_list("file_hash", flat=True)) == [report.file_hash]

    report.delete()
    deliver(backend)
    assert (found(backend, "smultronställen"), found(backend, "guide")) == ([], [resource])
    assert not AttachmentText.objects.exists()  # the erased file's words are not kept


def test_programme_pages_are_found_in_each_language(site, backend):
    about = StandardPage.objects.get(pk=site.about.pk)
    about.body = [("paragraph", "<p>Ring projektledaren på måndagar.</p>")]
    publish(about)
    about_en = StandardPage.objects.get(pk=site.about_en.pk)
    about_en.body = [("paragraph", "<p>Call the project manager on Mondays.</p>")]
    publish(about_en)
    indexing.rebuild(backend=backend)
    (hit,) = search(backend, "projektledare")
    assert (hit.id, hit.type, hit.url) == (document_id("programme", about.pk), "programme", "/om/")
    (hit,) = search(backend, "manager", language="en")
    assert (hit.id, hit.url) == (document_id("programme", about_en.pk), "/en/about/")


def partners(site) -> tuple[Partner, Partner]:
    """A partner organisation in Swedish and English, listed by the programme page in each."""
    swedish = Partner.objects.create(
        name="Coompanion Skåne", role="partner", description="Rådgivning om kooperativt företagande."
    )
    english = swedish.copy_for_translation(Locale.objects.get(language_code="en"))
    english.description = "Advice on co-operative enterprise."
    english.save()
    for page in (site.about, site.about_en):
        page = StandardPage.objects.get(pk=page.pk)
        page.body = [("partner_list", {"role": "partner"})]
        publish(page)
    return swedish, english


def test_a_partner_is_found_in_its_language_and_links_to_the_page_that_lists_it(site, backend):
    swedish, english = partners(site)
    Partner.objects.create(name="Coompanion Fonden", role="funder")  # no page lists funders
    indexing.rebuild(backend=backend)
    (hit,) = search(backend, "coompanion")
    assert (hit.id, hit.type, hit.url) == (
        document_id("partner", swedish.pk),
        "partner",
        f"/om/#partner-{swedish.pk}",
    )
    (hit,) = search(backend, "coompanion", language="en")
    assert (hit.id, hit.url) == (document_id("partner", english.pk), f"/en/about/#partner-{english.pk}")
    # Its role, in its language, finds it too.
    assert found(backend, "samverkanspart") == [document_id("partner", swedish.pk)]
    assert found(backend, "kooperativt") == [document_id("partner", swedish.pk)]


def test_a_renamed_partner_and_a_page_that_stops_listing_partners_reach_the_index(site, backend):
    swedish, _english = partners(site)
    indexing.rebuild(backend=backend)
    swedish.name = "Coompanion Syd"
    swedish.save()
    deliver(backend)
    assert found(backend, "syd") == [document_id("partner", swedish.pk)]
    StandardPage.objects.get(pk=site.about.pk).unpublish()
    deliver(backend)
    assert found(backend, "coompanion") == []
