"""Resources recommended for an idea, on every engine: chosen by the idea's words, challenge areas
and stage, in the idea's language, each with the reason it was chosen."""

import pytest
from django.utils import translation

from cms.models import ChallengeArea
from tests.workflows.library import Library
from workflows.recommendations import recommend, telling_words

pytestmark = pytest.mark.django_db

SWEDISH = ("Läxhjälp på biblioteket", "Unga vuxna ger läxhjälp till högstadieelever på Malmös bibliotek.")
ENGLISH = ("Homework help at the library", "Young adults give homework help to pupils at Malmö's libraries.")
AREAS = {
    "sv": {"ungdomsarbetsloshet": "Ungdomsarbetslöshet"},
    "en": {"ungdomsarbetsloshet": "Youth unemployment"},
}


@pytest.fixture
def library(backend) -> Library:
    ChallengeArea.objects.create(
        slug="ungdomsarbetsloshet", name="Ungdomsarbetslöshet", name_en="Youth unemployment"
    )
    library = Library.build()
    library.index(backend)
    return library


def shown(backend, stage: str, language: str = "sv", text=SWEDISH, areas=None):
    found = recommend(*text, AREAS[language] if areas is None else areas, stage, language, backend=backend)
    return [(item.title, item.reasons) for item in found]


def test_the_idea_finds_resources_on_its_words_and_areas_the_closest_first(backend, library):
    assert shown(backend, "submitted") == [
        ("Läxhjälp som metod", ("Ungdomsarbetslöshet", "läxhjälp")),
        ("Biblioteket som mötesplats", ("biblioteket",)),
    ]


def test_a_stage_brings_what_helps_in_it(backend, library):
    pilot = shown(backend, "pilot")
    market = shown(backend, "market")
    assert ("Budgetmall för piloten", ("budget",)) in pilot
    assert ("Starta ett socialt företag", ("socialt företag", "kunder")) in market
    assert "Budgetmall för piloten" not in [title for title, _ in market]
    assert "Starta ett socialt företag" not in [title for title, _ in pilot]


def test_an_english_idea_gets_english_resources_with_english_reasons(backend, library):
    found = recommend(*ENGLISH, AREAS["en"], "pilot", "en", backend=backend)
    slugs = ("laxhjalp", "budgetmall", "bibliotek")
    assert [item.title for item in found] == [library.title(slug, "en") for slug in slugs]
    assert [item.url for item in found] == [library.pages[slug]["en"].full_url for slug in slugs]
    with translation.override("en"):
        assert found[1].reason == "Matches: budget"
    with translation.override("sv"):
        assert found[0].reason == "Matchar: Youth unemployment, homework, help, pupils"


def test_nothing_fits_an_idea_that_shares_no_word_area_or_stage_with_the_library(backend, library):
    text = ("Cykelkök för nyanlända", "Nyanlända lagar cyklar tillsammans i en verkstad.")
    assert shown(backend, "submitted", text=text, areas={}) == []
    assert shown(backend, "screening", text=text, areas={}) == []


def test_the_most_telling_words_are_the_titles_then_the_longest():
    words = telling_words("Läxhjälp på biblioteket", "Unga ger läxhjälp på Malmös bibliotek, 2025.", "sv")
    assert set(list(words.values())[:2]) == {"läxhjälp", "biblioteket"}
    assert "2025" not in words.values()
    assert "på" not in words.values()
