"""Every page's footer: whom to contact, who funds the programme (with the EU emblem the
Regional Development Fund's publicity rules ask for), and the site's accessibility statement."""

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cms.models import FooterSettings, Partner

pytestmark = pytest.mark.django_db

EMBLEM = Path(__file__).parents[2] / "themes/default/static/default/eu-emblem.svg"


@pytest.fixture
def footer(site_tree):
    settings = FooterSettings.for_site(site_tree.home.get_site())
    settings.contact_email = "kontakt@example.org"
    settings.contact_phone = "040-12 34 56"
    settings.accessibility_statement = site_tree.about
    settings.co_financed_by_erdf = True
    settings.save()
    funder = Partner.objects.create(name="Region Skåne", role="funder", locale=site_tree.sv)
    english = funder.copy_for_translation(site_tree.en)
    english.name = "Skåne Regional Council"
    english.save()
    Partner.objects.create(name="Coompanion Skåne", role="partner", locale=site_tree.sv)
    return settings


def footer_of(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("footer")


def test_the_swedish_footer_names_the_contact_the_funders_and_the_statement(client, footer):
    found = footer_of(client, "/")
    text = found.get_text(" ", strip=True)
    assert found.find("a", href="mailto:kontakt@example.org") is not None
    assert found.find("a", href="tel:040-123456") is not None
    assert found.find("img", src="/static/default/eu-emblem.svg") is not None
    assert "Europeiska unionen Europeiska regionala utvecklingsfonden" in text
    assert "Region Skåne" in text
    assert "Coompanion" not in text, "partners are not funders"
    assert found.find("a", href="/om/").get_text() == "Tillgänglighetsredogörelse"


def test_the_english_footer_says_it_in_english(client, footer):
    found = footer_of(client, "/en/")
    text = found.get_text(" ", strip=True)
    assert "European Union European Regional Development Fund" in text
    assert "Skåne Regional Council" in text
    assert "Region Skåne" not in text
    assert found.find("a", href="/en/about/").get_text() == "Accessibility statement"


def test_a_programme_without_the_fund_shows_no_emblem_and_an_empty_footer_no_headings(client, site_tree):
    found = footer_of(client, "/")
    assert found.find("img") is None
    assert [h.get_text() for h in found.find_all("h2")] == ["Om webbplatsen"]


def test_the_emblem_follows_its_official_construction():
    """A 3:2 blue rectangle; twelve stars, point up, at the hours of a clock on a circle of
    radius a third of the height, each within a circle of radius an eighteenth of it."""
    svg = ET.parse(EMBLEM).getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    width, height = (float(v) for v in svg.get("viewBox").split()[2:])
    assert width / height == 1.5
    assert svg.find("svg:rect", ns).get("fill") == "#003399"
    star = svg.find("svg:defs/svg:polygon", ns)
    assert star.get("fill") == "#ffcc00"
    points = [tuple(map(float, p.split(","))) for p in star.get("points").split()]
    assert max(math.hypot(x, y) for x, y in points) == pytest.approx(height / 18, abs=0.01)
    assert min(points, key=lambda p: p[1]) == pytest.approx((0, -height / 18), abs=0.01)  # point up
    centres = [(float(u.get("x")), float(u.get("y"))) for u in svg.findall("svg:use", ns)]
    angles = sorted(round(math.degrees(math.atan2(x - width / 2, height / 2 - y))) % 360 for x, y in centres)
    assert angles == list(range(0, 360, 30))
    for x, y in centres:
        assert math.hypot(x - width / 2, y - height / 2) == pytest.approx(height / 3, abs=0.01)


def test_a_page_describes_its_image_in_its_own_language(client, site_tree, picture):
    """An image is shared by a page and its translation; the English page says what it shows in
    English, the Swedish one falls back on the image's own description."""
    for page, description in ((site_tree.article, ""), (site_tree.article_en, "Participants at a workshop")):
        page.image, page.image_alt = picture, description
        page.save_revision().publish()
    english = BeautifulSoup(client.get(site_tree.article_en.url).content, "html.parser")
    assert english.select_one(".hero img")["alt"] == "Participants at a workshop"
    assert english.find("meta", property="og:image:alt")["content"] == "Participants at a workshop"
    listing = BeautifulSoup(client.get(site_tree.news_index_en.url).content, "html.parser")
    assert listing.select_one(".card__image")["alt"] == "Participants at a workshop"
    swedish = BeautifulSoup(client.get(site_tree.article.url).content, "html.parser")
    assert swedish.select_one(".hero img")["alt"] == "Deltagare i en idéverkstad"
