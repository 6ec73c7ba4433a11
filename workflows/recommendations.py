"""Resources recommended for an idea: on the applicant's status page and in the receipt e-mail.

The resources come from the public search index (resources are public pages), in the idea's
language, found by one any-word query: the idea's most telling words (from its title and
summary) beside the terms of its stage (`STAGE_FIT`). The engine's hits are then ranked again
by how well their text matched, the challenge areas they share with the idea, and how their
type and audience fit the stage: a budget template for an idea entering pilot, a guide to
starting a social enterprise for one entering market. Each comes with its reason, the words and
areas it matched. Only the idea's title and summary enter the query, never a contact's or an
organisation's data, and none of it is logged.
"""

import collections
import html
import logging
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext

from cms.models import ResourcePage
from infra.site_address import absolute
from search.analysis import MAX_QUERY_CHARS, MAX_QUERY_WORDS, is_stopword, lemma_key, words
from search.backends import get_backend
from search.backends.base import SearchBackend, SearchError
from search.highlight import Highlighter
from search.query import SearchQuery

from .models import Idea, Stage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fit:
    """What helps an idea at one stage: resource types and audiences, and the terms searched
    beside the idea's own words, per language (phrases: all their words must match)."""

    types: frozenset[str]
    audiences: frozenset[str]
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)


#: The one table of what fits each stage (resource types and audiences: cms ResourcePage).
STAGE_FIT: dict[str, Fit] = {
    Stage.SUBMITTED: Fit(
        frozenset({"guide"}),
        frozenset({"everyone", "idea_driven"}),
        {"sv": ("social innovation",), "en": ("social innovation",)},
    ),
    Stage.SCREENING: Fit(
        frozenset({"guide"}),
        frozenset({"everyone", "idea_driven"}),
        {"sv": ("målgrupp",), "en": ("target group",)},
    ),
    Stage.SUPPORT: Fit(
        frozenset({"guide", "toolkit"}),
        frozenset({"everyone", "idea_driven", "entrepreneurs"}),
        {"sv": ("affärsmodell",), "en": ("business model",)},
    ),
    Stage.PILOT: Fit(
        frozenset({"template", "toolkit"}),
        frozenset({"entrepreneurs", "idea_driven"}),
        {"sv": ("budget", "projektplan"), "en": ("budget", "project plan")},
    ),
    Stage.MARKET: Fit(
        frozenset({"guide", "video"}),
        frozenset({"entrepreneurs"}),
        {"sv": ("socialt företag", "kunder"), "en": ("social enterprise", "customers")},
    ),
    Stage.GRADUATED: Fit(
        frozenset({"report", "guide"}),
        frozenset({"public_actors", "everyone"}),
        {"sv": ("finansiering", "spridning"), "en": ("funding", "scaling")},
    ),
}

SHOWN = 5
# Hits the engine is asked for and ranked again: enough for the areas and the fit to reorder.
CANDIDATES = 12
# How much each kind of fit adds to the text's score (the best hit's text scores 1).
AREA_WEIGHT, TYPE_WEIGHT, AUDIENCE_WEIGHT = 0.3, 0.4, 0.2
MAX_REASONS = 4
# Words shorter than this say little about an idea ("nya", "unga").
MIN_WORD_CHARS = 4
_MARKED = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)


@dataclass(frozen=True)
class Recommendation:
    """A resource recommended for an idea, with what it matched."""

    title: str
    url: str
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        """The one-line reason, in the active language ("Matches: social enterprise, budget")."""
        return gettext("Matches: %(reasons)s") % {"reasons": ", ".join(self.reasons)}


def for_idea(idea: Idea, stage: str | None = None, areas=None) -> list[Recommendation]:
    """The resources for `idea` at `stage` (its current one if None), in the idea's language;
    `areas`: its challenge areas, if it is not saved yet."""
    labels = {
        area.slug: area.name_en if idea.language == "en" else area.name
        for area in (idea.challenge_areas.all() if areas is None else areas)
    }
    return recommend(idea.title, idea.summary, labels, stage or idea.stage, idea.language)


def recommend(
    title: str,
    summary: str,
    areas: dict[str, str],
    stage: str,
    language: str,
    backend: SearchBackend | None = None,
) -> list[Recommendation]:
    """Up to SHOWN resources in `language` for an idea's text, challenge areas (slug → label)
    and stage, best first; none when nothing matches or the search cannot be reached."""
    fit = STAGE_FIT[stage]
    stage_terms = fit.terms.get(language, ())
    idea_words = telling_words(title, summary, language)
    searched = _query_text([word for term in stage_terms for word in words(term)], idea_words)
    if not searched:
        return []
    query = SearchQuery(
        text=searched,
        language=language,
        filters={"type": "resource"},
        per_page=CANDIDATES,
        any_word=True,
        facets=False,
    )
    try:
        hits = (backend or get_backend()).search(query).hits
    except SearchError as error:
        # Recommendations are a help, never a reason for a page or a submission to fail.
        logger.warning("recommendations skipped: %s", type(error).__name__)
        return []
    if not hits:
        return []
    kinds = _kinds(hits)
    best = max(hit.score for hit in hits) or 1.0
    ranked = sorted(hits, key=lambda hit: (-_rank(hit, best, areas, fit, kinds[hit.id]), hit.id))
    matcher = _Matcher([*stage_terms, *idea_words.values()], language)
    chosen = []
    for hit in ranked:
        found = matcher.found(hit)
        through_stage = [term for term in stage_terms if term in found]
        through_idea = [label for slug, label in areas.items() if slug in hit.challenge_areas]
        through_idea += [term for term in idea_words.values() if term in found]
        # A resource fits through the idea itself, or through its stage's terms and type.
        if through_idea or (through_stage and kinds[hit.id][0] in fit.types):
            reasons = tuple(dict.fromkeys(through_stage + through_idea))[:MAX_REASONS]
            url = hit.url if hit.url.startswith(("http://", "https://")) else absolute(hit.url)
            chosen.append(Recommendation(hit.title, url, reasons))
        if len(chosen) == SHOWN:
            break
    return chosen


def telling_words(title: str, summary: str, language: str) -> dict[str, str]:
    """The idea's most telling words, lemma key → the word as the idea wrote it, best first: a
    word of the title counts thrice, longer words before shorter ones (they say more)."""
    counts: collections.Counter[str] = collections.Counter()
    forms: dict[str, str] = {}
    for weight, text in ((3, title), (1, summary)):
        for word in words(text):
            if len(word) < MIN_WORD_CHARS or word.isdigit() or is_stopword(word):
                continue
            key = lemma_key(word, language)
            forms.setdefault(key, word)
            counts[key] += weight
    ordered = sorted(forms, key=lambda key: (-counts[key], -len(forms[key])))
    return {key: forms[key] for key in ordered}


def _query_text(stage_words: list[str], idea_words: dict[str, str]) -> str:
    """The stage's words and as many of the idea's as the engine's query takes, in order."""
    chosen = list(dict.fromkeys(stage_words))
    for word in idea_words.values():
        if len(chosen) == MAX_QUERY_WORDS or len(" ".join([*chosen, word])) > MAX_QUERY_CHARS:
            break
        if word not in chosen:
            chosen.append(word)
    return " ".join(chosen)


def _kinds(hits) -> dict[str, tuple[str, str]]:
    """Each hit's resource type and audience (not in the index), read in one query; empty for a
    page deleted since it was indexed."""
    keys = {int(hit.id.split(":", 1)[1]): hit.id for hit in hits}
    # Unordered: Wagtail's order by tree path would join the page table for nothing.
    rows = ResourcePage.objects.filter(pk__in=keys).order_by().values_list("pk", "resource_type", "audience")
    kinds = collections.defaultdict(lambda: ("", ""))
    kinds.update({keys[pk]: (kind, audience) for pk, kind, audience in rows})
    return kinds


def _rank(hit, best: float, areas: dict[str, str], fit: Fit, kind: tuple[str, str]) -> float:
    shared = len(areas.keys() & set(hit.challenge_areas))
    resource_type, audience = kind
    return (
        hit.score / best
        + AREA_WEIGHT * min(shared, 2)
        + TYPE_WEIGHT * (resource_type in fit.types)
        + AUDIENCE_WEIGHT * (audience in fit.audiences)
    )


class _Matcher:
    """Which of the terms a hit matched, read from the words the search marked in its title and
    snippet, in any form the query could have matched them by (search.highlight)."""

    def __init__(self, terms: list[str], language: str):
        self.language = language
        self.terms = {term: words(term) for term in terms}
        self.word_highlighters = {
            word: Highlighter([word]) for parts in self.terms.values() for word in parts
        }

    def found(self, hit) -> set[str]:
        marked = {
            html.unescape(text).lower() for text in _MARKED.findall(f"{hit.title_html} {hit.snippet_html}")
        }
        matched = {
            word
            for word, highlighter in self.word_highlighters.items()
            if any(highlighter.matches(token, self.language) for token in marked)
        }
        return {term for term, parts in self.terms.items() if parts and set(parts) <= matched}
