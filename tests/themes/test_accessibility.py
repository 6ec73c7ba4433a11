"""What WCAG 2.1 AA asks of every page's markup, checked on each page type and theme."""

import pytest
from bs4 import BeautifulSoup

from .test_switching import set_theme

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("theme", ["default", "plain"])
def test_every_page_has_a_skip_link_landmarks_and_alt_texts(client, site_tree, theme):
    set_theme(theme)
    for page in site_tree.pages_sv + site_tree.pages_en:
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        skip = soup.find("a", href="#main")
        assert skip is not None, page.url
        assert soup.body.find("a") == skip, page.url  # the first link
        assert soup.find(id="main") is not None, page.url
        assert soup.find("main") is not None, page.url
        assert soup.find("header"), page.url
        assert soup.find("footer"), page.url
        assert soup.find("nav"), page.url
        assert len(soup.find_all("h1")) == 1, page.url
        assert all(img.has_attr("alt") for img in soup.find_all("img")), page.url
        assert soup.html.get("lang") in ("sv", "en")
        for nav in soup.find_all("nav"):
            assert nav.get("aria-label") or nav.get("aria-labelledby"), page.url


def test_the_current_language_and_page_are_marked_for_screen_readers(client, site_tree):
    soup = BeautifulSoup(client.get(site_tree.article.url).content, "html.parser")
    current = soup.find_all(attrs={"aria-current": True})
    assert current, "the breadcrumb's last item and the current language carry aria-current"
    english = soup.find("a", attrs={"hreflang": "en"})
    assert english is not None
    assert english.get("lang") == "en"
