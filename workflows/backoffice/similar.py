"""The idea page's "Similar ideas": the ideas most like this one, likely duplicates first.

The five most similar other ideas come from the reviewers' private index (a more-like-this
query on the title, summary and challenge areas, see search/backends/base.py), at any stage
and status. Likely duplicates are flagged and put first: ideas of the same organisation (the
register keys organisations by their number) and ideas whose text is near-identical. A
reviewer never sees an idea they declared a conflict of interest with: those are left out of
the query (so five others are still shown) and out of the database read that follows.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from search import private
from search.analysis import words
from search.backends.base import SearchError

from ..groups import is_manager
from ..models import ConflictOfInterest, Idea
from ..similar_documents import TYPE, build
from .access import visible_ideas

SHOWN = 5
#: Texts sharing this share of their distinct words (title and summary) are near-identical.
NEAR_IDENTICAL = 0.8
SAME_ORGANISATION = "organisation"
SAME_TEXT = "text"
DUPLICATE_LABELS = {
    SAME_ORGANISATION: _("Likely duplicate: same organisation number"),
    SAME_TEXT: _("Likely duplicate: near-identical text"),
}
SHOWN_FIELDS = ("pk", "reference", "title", "summary", "stage", "status", "created")


@dataclass(frozen=True)
class SimilarIdea:
    idea: Idea
    duplicate: str = ""

    @property
    def duplicate_label(self) -> str:
        return DUPLICATE_LABELS.get(self.duplicate, "")


@dataclass
class SimilarIdeas:
    ideas: list[SimilarIdea] = field(default_factory=list)
    #: The search engine did not answer: the page says so instead of "none".
    unavailable: bool = False


def similar_ideas(idea: Idea, user, areas) -> SimilarIdeas:
    """What `user` may see of the ideas most like `idea` (whose challenge areas are `areas`)."""
    if idea.erased:
        return SimilarIdeas()
    hidden = [] if is_manager(user) else _conflicts(user)
    try:
        ids = private.backend().similar(build(idea, areas), SHOWN, exclude=[f"{TYPE}:{pk}" for pk in hidden])
    except SearchError:
        return SimilarIdeas(ideas=_same_organisation(idea, user), unavailable=True)
    order = [int(id.partition(":")[2]) for id in ids]
    alike = _shown(user, Idea.objects.filter(pk__in=order)).in_bulk()
    text = _word_set(idea)
    found = [
        SimilarIdea(other, SAME_TEXT if _overlap(text, _word_set(other)) >= NEAR_IDENTICAL else "")
        for other in (alike[pk] for pk in order if pk in alike)
    ]
    same = _same_organisation(idea, user)
    listed = {entry.idea.pk for entry in same}
    rest = [entry for entry in found if entry.idea.pk not in listed]
    # Stable: the near-identical ones first, each group in the engine's order.
    return SimilarIdeas(ideas=same + sorted(rest, key=lambda entry: not entry.duplicate))


def _conflicts(user) -> list[int]:
    return list(ConflictOfInterest.objects.filter(reviewer=user).values_list("idea_id", flat=True))


def _shown(user, ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    return visible_ideas(user, ideas.filter(erased__isnull=True)).only(*SHOWN_FIELDS)


def _same_organisation(idea: Idea, user) -> list[SimilarIdea]:
    """The newest other ideas of the idea's organisation, when it gave an organisation number
    (without one, an idea has an organisation row of its own)."""
    if not (idea.organisation_number and idea.organisation_id):
        return []
    others = _shown(user, Idea.objects.filter(organisation_id=idea.organisation_id).exclude(pk=idea.pk))
    return [SimilarIdea(other, SAME_ORGANISATION) for other in others.order_by("-created", "-pk")[:SHOWN]]


def _word_set(idea: Idea) -> set[str]:
    return set(words(f"{idea.title} {idea.summary}"))


def _overlap(first: set[str], second: set[str]) -> float:
    return len(first & second) / len(first | second) if first and second else 0.0
