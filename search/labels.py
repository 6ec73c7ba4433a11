"""Facet values as people read them, in the active language.

The index holds stable keys (slugs, type names, language codes); their names live with the
content they classify. Each kind of content registers how to name the values of a facet, so
that the view and the API know no model: `register_labels("municipality", fn, models=(Municipality,))`,
where `fn(values)` answers {value: label} for those it knows, in one query at most.

A labeller that names the models it reads is asked once per language for each value it knows
(and again for one it does not): its answers are cached until one of those models is saved or
deleted (in a process whose local-memory cache that change cannot reach, for at most 5 minutes,
as the site's cached menus).
"""

import secrets
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .documents import FACETS
from .results import SearchResults

Labeller = Callable[[list[str]], dict[str, str]]

LABELS_VERSION = "search-labels:version"

_labellers: dict[str, list[tuple[Labeller, bool]]] = {}


def register_labels(facet: str, labeller: Labeller, models: Iterable[type[Model]] = ()) -> None:
    models = tuple(models)
    _labellers.setdefault(facet, []).append((labeller, bool(models)))
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(labels_changed, sender=model, dispatch_uid=f"search_labels_{model._meta.label}")


def labels_changed(sender, **kwargs) -> None:
    # Now, and again once committed: a search in between may have cached the names before the change.
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    cache.set(LABELS_VERSION, secrets.token_hex(4), None)


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


def _named(facet: str, values: list[str]) -> dict[str, str]:
    named = {value: value for value in values}
    if values:
        for number, (labeller, cached) in enumerate(_labellers.get(facet, ())):
            named.update(_cached(f"{facet}:{number}", labeller, values) if cached else labeller(values))
    return named


def _cached(name: str, labeller: Labeller, values: list[str]) -> dict[str, str]:
    """The labeller's answers from the cache (one entry per labeller and language), asking it only
    for values not there. Only the values it knows are kept: no input can grow the entry."""
    version = cache.get_or_set(LABELS_VERSION, lambda: secrets.token_hex(4), None)
    key = f"search-labels:{version}:{name}:{get_language()}"
    known = cache.get(key, {})
    missing = [value for value in values if value not in known]
    if missing:
        known = {**known, **labeller(missing)}
        cache.set(key, known, 300)
    return {value: known[value] for value in values if value in known}
