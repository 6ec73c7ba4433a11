"""The documents the contract suite searches: a few of each type, in Swedish and English.

Each one is there for a question of the contract; the words noted beside them are the point.
"""

import datetime

from search.documents import SearchDocument


def doc(id: str, language: str, date: str, title: str, body: str, **fields) -> SearchDocument:
    type = id.split(":")[0]
    return SearchDocument(
        id=id,
        type=type,
        language=language,
        title=title,
        url=f"/{language}/{id.replace(':', '/')}/",
        date=datetime.date.fromisoformat(date),
        body=body,
        **fields,
    )


CORPUS = [
    # "samverkan" and "innovationer": both languages, did you mean; a page and its translation.
    doc(
        "news:1",
        "sv",
        "2015-09-01",
        "Skånsk samverkan för sociala innovationer",
        "Fyra organisationer samarbetar för att fler sociala innovationer ska nå marknaden.",
        summary="Startskottet för ett treårigt samverkansprojekt.",
        challenge_areas=("utanforskap",),
        municipality="malmo",
        translations=("en",),
    ),
    doc(
        "news:8",
        "en",
        "2015-09-01",
        "Skåne joins forces for social innovation",
        "Four organisations work together so that more social innovations reach the market.",
        challenge_areas=("utanforskap",),
        municipality="malmo",
        translations=("sv",),
    ),
    # "cykel" and "cykeln" but never "cyklar": stemming and lemmas.
    doc(
        "news:2",
        "sv",
        "2016-03-10",
        "Cykeln som verktyg för integration",
        "Projektet lånar ut en cykel till nyanlända i Lund.",
        challenge_areas=("nyanlanda",),
        municipality="lund",
    ),
    # "arbetsmarknaden" but never "arbetsmarknad"; "cycling" in English.
    doc(
        "resource:3",
        "sv",
        "2017-01-20",
        "Guide: vägen in på arbetsmarknaden",
        "Så hittar unga sitt första jobb. Läs <b>inte</b> allt på en gång & ta paus.",
        challenge_areas=("ungdomsarbetsloshet",),
    ),
    doc(
        "resource:9",
        "en",
        "2017-01-20",
        "Guide: finding your way into the labour market",
        "How young people find their first job. Cycling to work helps.",
        challenge_areas=("ungdomsarbetsloshet",),
    ),
    # Only the compound "ungdomsarbetslöshet(en)": compound heads.
    doc(
        "event:4",
        "sv",
        "2016-05-02",
        "Seminarium om ungdomsarbetslöshet",
        "Hur minskar vi ungdomsarbetslösheten i Skåne? Vi ses i Malmö.",
        challenge_areas=("ungdomsarbetsloshet",),
        municipality="malmo",
        translations=("en",),
    ),
    doc(
        "event:10",
        "en",
        "2016-05-02",
        "Seminar on youth unemployment",
        "How do we reduce youth unemployment in Skåne? See you in Malmö.",
        challenge_areas=("ungdomsarbetsloshet",),
        municipality="malmo",
        translations=("sv",),
    ),
    # The word "arbetslöshet" itself: ranks above the compound.
    doc(
        "resource:5",
        "sv",
        "2018-02-01",
        "Arbetslöshet bland äldre",
        "En rapport om arbetslösheten bland personer över 55 år.",
        challenge_areas=("utanforskap",),
        municipality="helsingborg",
    ),
    # "kör" (choir) and "kor" (cows): å, ä and ö kept apart, but folded matches found.
    doc(
        "news:6",
        "sv",
        "2017-06-15",
        "En kör för nyanlända",
        "Kören övar varje tisdag i Malmö.",
        challenge_areas=("nyanlanda",),
        municipality="malmo",
    ),
    doc(
        "news:7",
        "sv",
        "2017-08-20",
        "Kor på bete i Skurup",
        "Lantbrukare låter sina kor beta i naturreservatet.",
        challenge_areas=("landsbygd",),
        municipality="skurup",
    ),
    # A showcased idea with a stage.
    doc(
        "idea:11",
        "sv",
        "2018-04-01",
        "Cykelverkstad för unga",
        "Unga lagar cyklar och lär sig ett yrke.",
        summary="En verkstad där unga utan jobb reparerar begagnade cyklar.",
        challenge_areas=("ungdomsarbetsloshet", "nyanlanda"),
        municipality="malmo",
        stage="pilot",
    ),
]


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]
