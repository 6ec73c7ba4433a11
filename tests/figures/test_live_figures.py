"""The home page's key figures: typed by the editor, or live from the counting rules, cached."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.blocks import StructBlockValidationError

from cms.blocks import KeyFigureBlock
from figures import live
from figures.templatetags.live_figures import live_figure
from infra import page_cache

from . import helpers as h

#: The programme targets' row, the register's totals, the ideas in the programme.
QUERIES_ON_A_MISS = 3


def submit_an_idea(number: int, email: str) -> None:
    """An idea submitted now and moved to screening, with its contact person and organisation."""
    now = timezone.now()
    organisation = h.organisation(number, f"Företag {number} AB")
    contact = h.reached(email, f"SIS-2026-{number:05d}", now, organisation=organisation)
    h.idea(
        f"SIS-2026-{number:05d}",
        organisation=organisation,
        contact=contact,
        changes=[(now, "submitted", "active"), (now, "screening", "active")],
    )


def set_key_figures(page, *figures) -> None:
    page.key_figures = [("figure", {"value": "", "live": "", **figure}) for figure in figures]
    page.save()


def key_figures(client, url: str) -> list[str]:
    html = client.get(url).content.decode()
    return [part.split("</span>")[0] for part in html.split('<span class="key-figure__value">')[1:]]


def test_a_live_figure_follows_a_new_idea_once_the_cache_has_expired(client, site_tree):
    submit_an_idea(1, "anna@example.org")
    set_key_figures(
        site_tree.home,
        {"live": "persons", "label": "personer nådda hittills"},
        {"live": "ideas", "label": "idéer i programmet"},
        {"live": "enterprises", "label": "företag nådda hittills"},
        {"value": "1 300", "label": "personer och företag ska mobiliseras"},
    )
    assert key_figures(client, "/") == ["1", "1", "1", "1 300"]

    submit_an_idea(2, "bo@example.org")
    assert key_figures(client, "/") == ["1", "1", "1", "1 300"]  # cached: minutes behind

    # The timeout: the counted figures and a page drawn with them expire together (the page
    # may have been kept if drawn past the clock margin of the last change, as on a slow run).
    cache.clear()
    assert key_figures(client, "/") == ["2", "2", "2", "1 300"]


def test_the_english_home_page_shows_the_same_live_numbers(client, site_tree):
    submit_an_idea(1, "anna@example.org")
    set_key_figures(site_tree.home_en, {"live": "mobilised", "label": "persons and companies mobilised"})
    assert key_figures(client, "/en/") == ["2"]


@pytest.mark.parametrize(("language", "written"), [("sv", "1\xa0300"), ("en", "1,300")])
def test_a_live_number_is_grouped_as_the_pages_language_writes_it(monkeypatch, language, written):
    monkeypatch.setattr("figures.templatetags.live_figures.live_figures", lambda: {"mobilised": 1300})
    with translation.override(language):
        assert live_figure("mobilised") == written


def test_an_unknown_live_figure_shows_what_the_editor_typed(client, site_tree):
    set_key_figures(site_tree.home, {"value": "42", "live": "retired", "label": "något"})
    assert key_figures(client, "/") == ["42"]


def test_typed_figures_render_as_before_without_counting(client, site_tree):
    # Stored before the option existed: no "live" key at all.
    site_tree.home.key_figures = [("figure", {"value": "25 MSEK", "label": "total budget"})]
    site_tree.home.save()
    html = client.get("/").content.decode()
    assert (
        '<p class="key-figure"><span class="key-figure__value">25 MSEK</span> '
        '<span class="key-figure__label">total budget</span></p>'
    ) in html
    assert cache.get(live.CACHE_KEY) is None


def test_a_key_figure_needs_a_number_or_a_live_choice():
    block = KeyFigureBlock()
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python({"value": "", "live": "", "label": "något"}))
    assert refused.value.block_errors["value"].messages == ["Skriv siffran eller välj en levande."]
    assert block.clean(block.to_python({"value": "", "live": "ideas", "label": "idéer"}))["live"] == "ideas"


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def drawn_anew(client) -> None:
    """The next request draws the home page anew, its rows made on a first reading (the theme's
    settings, the programme's targets) already there."""
    client.get("/")
    cache.clear()


def test_live_figures_add_one_batch_of_queries_when_the_page_is_drawn_and_none_when_it_is_kept(
    client, site_tree
):
    """The counted figures expire with the page and the home page's parts drawn with them (they are
    valid until the count's timeout): `cache.clear()` is that moment, for typed and live figures."""
    submit_an_idea(1, "anna@example.org")
    set_key_figures(site_tree.home, {"value": "1 300", "label": "att mobilisera"})
    # Parts drawn within the clock margin of a change are not kept: past it, as on a running site.
    time.sleep(page_cache.CLOCK_MARGIN)
    drawn_anew(client)
    typed_drawn, typed_kept = queries_of(client, "/"), queries_of(client, "/")

    set_key_figures(
        site_tree.home,
        {"value": "1 300", "label": "att mobilisera"},
        *({"live": name, "label": name} for name in ("persons", "organisations", "mobilised", "ideas")),
    )
    time.sleep(page_cache.CLOCK_MARGIN)
    drawn_anew(client)
    assert queries_of(client, "/") == typed_drawn + QUERIES_ON_A_MISS
    assert queries_of(client, "/") == typed_kept
