"""A resource's documents are marked with the material's language where the page is in another."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.models import ResourceDocument
from tests.helpers import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide_with_document(site_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(
        title="Guide till sociala innovationer", file=ContentFile(b"%PDF-1.4\n", name="guide.pdf")
    )
    pages = []
    for page in (site_tree.resource, site_tree.pages_en[-1]):
        page.resource_language = "sv"
        page.documents = [ResourceDocument(document=document)]
        page.save()
        pages.append(publish(page))
    return pages


def document_link(client, page):
    html = client.get(page.url).text
    return BeautifulSoup(html, "html.parser").select_one(".documents a")


def test_the_english_page_marks_the_swedish_document_for_screen_readers(client, guide_with_document):
    english = guide_with_document[1]
    link = document_link(client, english)
    assert (link["lang"], link["hreflang"], link.text) == ("sv", "sv", "Guide till sociala innovationer")


def test_the_swedish_page_leaves_its_own_language_unmarked(client, guide_with_document):
    link = document_link(client, guide_with_document[0])
    assert not link.has_attr("lang")


def test_material_in_another_language_than_the_sites_is_left_unmarked(client, guide_with_document):
    english = guide_with_document[1]
    english.resource_language = "other"
    publish(english)
    assert not document_link(client, english).has_attr("lang")
