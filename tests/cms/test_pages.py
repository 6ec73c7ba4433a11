"""Every page type renders in both languages, inside the theme's chrome."""

import pytest
from bs4 import BeautifulSoup
from django.utils.html import escape
from wagtail.images.models import Image

from tests.helpers import publish

pytestmark = pytest.mark.django_db


def test_every_page_type_renders_in_swedish_and_english(client, site_tree):
    for page, language in [(p, "sv") for p in site_tree.pages_sv] + [(p, "en") for p in site_tree.pages_en]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, page.url
        assert escape(page.title) in html, page.url


def test_english_lives_under_en_and_swedish_at_the_root(site_tree):
    assert site_tree.home.url == "/"
    assert site_tree.home_en.url == "/en/"
    assert site_tree.article.url == "/nyheter/skansk-samverkan/"
    assert site_tree.article_en.url == "/en/news/joining-forces/"


def test_home_page_lists_latest_news_and_upcoming_events_of_its_own_language(client, site_tree):
    html = client.get("/").content.decode()
    assert site_tree.article.title in html
    assert site_tree.event.title in html
    assert site_tree.article_en.title not in html

    html_en = client.get("/en/").content.decode()
    assert site_tree.article_en.title in html_en
    assert site_tree.article.title not in html_en


def test_news_index_filters_by_tag(client, site_tree):
    assert site_tree.article.title in client.get("/nyheter/?tag=samverkan").content.decode()
    assert site_tree.article.title not in client.get("/nyheter/?tag=annat").content.decode()


def test_resource_index_filters_by_type_and_challenge_area(client, site_tree):
    assert site_tree.resource.title in client.get("/resurser/?type=guide").content.decode()
    assert site_tree.resource.title not in client.get("/resurser/?type=video").content.decode()
    assert (
        site_tree.resource.title
        not in client.get("/resurser/?challenge=ungdomsarbetsloshet").content.decode()
    )


def test_event_page_shows_place_and_registration_link(client, site_tree):
    html = client.get(site_tree.event.url).content.decode()
    assert "Malmö stadsbibliotek" in html
    assert "https://example.org/anmalan" in html


@pytest.mark.parametrize(
    ("place", "shown"),
    [
        ("Stadsbiblioteket, Kung Oscars väg 11, Malmö", "Stadsbiblioteket, Kung Oscars väg 11, Malmö</dd>"),
        ("Stadsbiblioteket", "Stadsbiblioteket, Malmö</dd>"),
    ],
)
def test_the_event_names_its_town_once(client, site_tree, place, shown):
    """The municipality is added to the place only when the address does not already name it."""
    site_tree.event.place = place
    publish(site_tree.event)
    html = client.get(site_tree.event.url).content.decode()
    assert shown in html


def test_page_has_meta_description_open_graph_and_breadcrumbs(client, site_tree):
    html = client.get(site_tree.article.url).content.decode()
    assert f'<meta name="description" content="{escape(site_tree.article.lead)}"' in html
    assert 'property="og:title"' in html
    assert 'property="og:url"' in html
    assert 'aria-label="' in html
    assert "breadcrumb" in html.lower()
    assert 'href="/nyheter/"' in html  # the news index in the breadcrumb trail


def test_language_switcher_lands_on_the_translated_page(client, site_tree):
    html = client.get(site_tree.article.url).content.decode()
    assert f'href="{site_tree.article_en.url}"' in html
    html_en = client.get(site_tree.article_en.url).content.decode()
    assert f'href="{site_tree.article.url}"' in html_en


def test_language_switcher_falls_back_to_the_home_page_without_a_translation(client, site_tree):
    site_tree.about_en.unpublish()
    html = client.get(site_tree.about.url).content.decode()
    assert 'href="/en/"' in html
    assert f'href="{site_tree.about_en.url}"' not in html


def test_language_switcher_keeps_the_search_and_its_query(client, site_tree):
    html = client.get("/search/", {"q": "cykel", "type": "news"}).content.decode()
    assert 'href="/en/search/?q=cykel&amp;type=news"' in html
    html_en = client.get("/en/search/", {"q": "bike"}).content.decode()
    assert 'href="/search/?q=bike"' in html_en


def test_interface_strings_are_translated_to_swedish(client, site_tree):
    html_sv = client.get("/").content.decode()
    html_en = client.get("/en/").content.decode()
    assert "Log in for editors and reviewers" in html_en
    assert "Inloggning för redaktörer och granskare" in html_sv


def test_event_cannot_end_before_it_starts(site_tree):
    from django.core.exceptions import ValidationError

    event = site_tree.event
    event.end = event.start.replace(year=event.start.year - 1)
    with pytest.raises(ValidationError):
        event.full_clean()


def test_body_images_are_responsive_and_carry_the_editors_alt_text(client, site_tree, picture):
    # A second image: Wagtail's ImageBlock keeps alt texts on the image instance, so one image
    # used twice in a body shares the last block's alt text.
    ornament = Image.objects.create(title="Ornament", file=picture.file)
    article = site_tree.article
    article.body = [
        ("image", {"image": picture, "alt_text": "Två deltagare skissar på en idé", "decorative": False}),
        ("image", {"image": ornament, "alt_text": "", "decorative": True}),
    ]
    article.image = picture
    publish(article)
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    body_images = soup.select(".stream img")
    assert [img["alt"] for img in body_images] == ["Två deltagare skissar på en idé", ""]
    assert all("srcset" in img.attrs for img in body_images)
    assert soup.find("meta", property="og:image")["content"].startswith("http://testserver/")
