"""Contract: "more like this" (`similar`), the same on every engine: ideas most alike by their
words and challenge areas, never the idea itself nor the excluded ones."""

import dataclasses

from .corpus import doc


def idea(pk: int, title: str, summary: str, *areas: str, language: str = "sv"):
    return doc(f"idea:{pk}", language, "2024-03-01", title, "", summary=summary, challenge_areas=areas)


IDEAS = [
    idea(
        1,
        "Läxhjälp för nyanlända ungdomar",
        "Volontärer ger läxhjälp till nyanlända elever efter skolan.",
        "utbildning",
    ),
    idea(2, "Läxhjälp på biblioteket", "Studenter ger läxhjälp till elever på biblioteket.", "utbildning"),
    idea(3, "Cykelverkstad för unga", "Unga lagar cyklar och lär sig ett yrke.", "arbete"),
    idea(4, "Matsvinn blir mat", "Restauranger skänker överbliven mat till föreningar.", "miljo"),
    idea(5, "Språkcafé", "Nyanlända övar svenska med volontärer på kaféet.", "integration"),
    idea(
        6,
        "Homework help for newcomers",
        "Volunteers help newcomers with homework.",
        "utbildning",
        language="en",
    ),
]


def test_the_most_alike_come_first_and_never_the_idea_itself(backend):
    backend.index(IDEAS)
    assert backend.similar(IDEAS[0], limit=3) == ["idea:2", "idea:5", "idea:6"]


def test_the_limit_and_the_excluded_ideas_are_respected(backend):
    backend.index(IDEAS)
    assert backend.similar(IDEAS[0], limit=1) == ["idea:2"]
    assert backend.similar(IDEAS[0], limit=1, exclude=["idea:2"]) == ["idea:5"]


def test_the_idea_need_not_be_indexed_and_is_read_as_given(backend):
    backend.index(IDEAS[1:])
    rewritten = dataclasses.replace(IDEAS[0], title="Cykelverkstad", summary="Vi lagar cyklar.")
    assert backend.similar(rewritten, limit=1) == ["idea:3"]


def test_a_shared_challenge_area_alone_makes_an_idea_alike(backend):
    backend.index(IDEAS)
    lone = idea(7, "Kvastfeningar", "Zyxomatik.", "miljo")
    assert backend.similar(lone) == ["idea:4"]


def test_nothing_in_common_finds_nothing(backend):
    assert backend.similar(IDEAS[0]) == []  # nothing indexed yet
    backend.index(IDEAS)
    assert backend.similar(idea(7, "Kvastfeningar", "Zyxomatik.")) == []
    assert backend.similar(idea(8, "och", "")) == []  # stop words only
