"""Facet values as people read them, in the active language.

The index holds stable keys (slugs, type names, language codes); their names live with the
content they classify. Each kind of content registers how to name the values of a facet, so
that the view and the API know no model: `register_labels("municipality", fn)`, where
`fn(values)` answers {value: label} for those it knows, in one query at most.
"""

from collections.abc import Callable, Iterable

from django.utils.translation import gettext_lazy as _

from .documents import FACETS
from .results import SearchResults

Labeller = Callable[[list[str]], dict[str, str]]

_labellers: dict[str, list[Labeller]] = {}


def register_labels(facet: str, labeller: Labeller) -> None:
    _labellers.setdefault(facet, []).append(labeller)


def fixed(names: dict) -> Labeller:
    """Labels from a mapping (lazy translations are read in the active language)."""
    return lambda values: {value: str(names[value]) for value in values if value in names}


register_labels("language", fixed({"sv": _("Swedish"), "en": _("English")}))


def labels(results: SearchResults) -> dict[str, dict[str, str]]:
    """{facet: {value: label}} for every value in the facet lists and on the hits; a value that
    no labeller knows reads as itself."""
    wanted: dict[str, set[str]] = {name: set() for name in FACETS}
    for name, values in results.facets.items():
        wanted[name].update(value.value for value in values)
    for hit in results.hits:
        wanted["type"].add(hit.type)
        wanted["language"].add(hit.language)
        wanted["challenge_area"].update(hit.challenge_areas)
        wanted["municipality"].add(hit.municipality)
        wanted["stage"].add(hit.stage)
    return {name: _named(name, sorted(value for value in values if value)) for name, values in wanted.items()}


def _named(facet: str, values: Iterable[str]) -> dict[str, str]:
    values = list(values)
    named = {value: value for value in values}
    if values:
        for labeller in _labellers.get(facet, ()):
            named.update(labeller(values))
    return named
