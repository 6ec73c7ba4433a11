"""The search page's facet checkboxes and hits, built in search_tags: escaped as a template
would escape them."""

import datetime

from django.utils import translation
from django.utils.safestring import mark_safe

from search.templatetags.search_tags import facet_options, search_hits


def test_facet_options_escape_values_and_labels_and_mark_the_chosen_ones():
    facet = {
        "name": "municipality",
        "values": [
            {"value": 'a"b', "label": "<b>Malmö</b>", "count": 3, "selected": True},
            {"value": "lund", "label": "Lund", "count": 1, "selected": False},
        ],
    }
    html = facet_options(facet)
    assert html.startswith(
        '<li><input type="checkbox" id="facet-municipality-1" name="municipality" value="a&quot;b" checked>'
        '<label for="facet-municipality-1">&lt;b&gt;Malmö&lt;/b&gt; <span class="facet__count">(3)</span>'
    )
    assert 'id="facet-municipality-2" name="municipality" value="lund">' in html


def test_a_hit_keeps_the_highlighters_markup_and_escapes_everything_else():
    hit = {
        "type": "news",
        "type_label": "News & views",
        "language": "sv",
        "title_html": mark_safe("Om <mark>cyklar</mark>"),
        "url": '/nyheter/"x"/',
        "date": datetime.date(2026, 10, 14),
        "snippet_html": "",
        "challenge_areas": [{"value": "a", "label": "<i>Area</i>"}],
        "municipality": None,
        "stage": None,
        "year": "2026",
    }
    with translation.override("en"):
        html = search_hits([hit])
    assert '<a href="/nyheter/&quot;x&quot;/">Om <mark>cyklar</mark></a>' in html
    assert (
        '<p class="hit__meta">News &amp; views · <time datetime="2026-10-14">Oct. 14, 2026</time>'
        " · &lt;i&gt;Area&lt;/i&gt;</p>" in html
    )
    assert "hit__snippet" not in html
