"""A misspelt search that finds nothing shows its correction's hits at once, on the page in both
languages and in the API, with a way back to the words as typed."""

import json

import pytest
from django.utils.html import escape

pytestmark = pytest.mark.django_db

CORRECTED = (
    'Showing results for <a href="?q=samverkan"><strong>samverkan</strong></a>. '
    'Search instead for <a href="?q=samverkn&amp;as_typed=1">samverkn</a>'
)
RÄTTAD = (
    'Visar resultat för <a href="?q=samverkan"><strong>samverkan</strong></a>. '
    'Sök i stället efter <a href="?q=samverkn&amp;as_typed=1">samverkn</a>'
)


@pytest.mark.parametrize(
    ("path", "line", "title"),
    [
        ("/en/search/", CORRECTED, "Skåne joins forces for social innovation"),
        ("/search/", RÄTTAD, "Skånsk <mark>samverkan</mark> för sociala innovationer"),
    ],
)
def test_the_page_shows_the_corrections_hits_and_links_to_the_words_as_typed(client, site, path, line, title):
    html = client.get(path, {"q": "samverkn"}).content.decode()
    assert line in html
    assert title in html
    assert f'value="{escape("samverkn")}"' in html  # the box keeps what was typed


def test_the_link_to_the_words_as_typed_shows_no_hits_and_offers_the_correction(client, site):
    html = client.get("/en/search/", {"q": "samverkn", "as_typed": "1"}).content.decode()
    assert "No results" in html
    assert "Showing results for" not in html
    assert "Did you mean" in html


def test_the_filters_stay_on_both_links(client, site):
    html = client.get("/en/search/", {"q": "samverkn", "type": "news"}).content.decode()
    assert '<a href="?q=samverkan&amp;type=news"><strong>samverkan</strong></a>' in html
    assert '<a href="?q=samverkn&amp;type=news&amp;as_typed=1">samverkn</a>' in html


def test_the_api_names_the_corrected_query(client, site):
    found = json.loads(client.get("/api/search/", {"q": "samverkn"}).content)
    shown = (found["query"]["q"], found["corrected_query"], found["did_you_mean"])
    assert shown == ("samverkn", "samverkan", None)
    assert found["total"] == len(found["hits"]) > 0
    typed = json.loads(client.get("/api/search/", {"q": "samverkn", "as_typed": "1"}).content)
    assert (typed["total"], typed["corrected_query"], typed["did_you_mean"]) == (0, None, "samverkan")
    assert typed["query"]["as_typed"] is True
