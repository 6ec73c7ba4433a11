"""Showcased ideas as search documents (type "idea"), and the rule of which ideas are public.

An idea is public (findable, and shown on its showcase page) when its applicant consented to the
showcase and it passed screening: it reached support, pilot, market or graduated. An idea that
later left the programme through an exit (closed at support, pilot or market) stays public, with
the stage it reached: it is part of what the programme supported, and the applicant can withdraw
the consent from the status link at any time, finished or not. A withdrawn idea is never public,
whatever its stage and consent (rejections happen at screening, so a rejected idea never passed
it; it is excluded all the same). An erased idea has no row, so nothing can yield it.

The search index and the showcase pages read the same `showcased()` queryset, so the two never
disagree. A document holds the idea's title, summary, challenge areas, municipality, stage,
submission date (for the year facet) and language, nothing else: the query reads only those
columns, so the contact person, e-mail, phone, organisation name and number, team figures,
attachments, notes and feedback are never even loaded.
"""

from collections.abc import Callable, Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cms.models import ChallengeArea
from search.documents import SearchDocument, document_id, register
from search.labels import fixed, register_labels

from .models import Idea, Stage, Status

TYPE = "idea"
#: The stages of an idea that passed screening.
SHOWCASE_STAGES = (Stage.SUPPORT, Stage.PILOT, Stage.MARKET, Stage.GRADUATED)
#: The only columns of an idea that may be shown or indexed (municipality's slug and name too).
PUBLIC_FIELDS = ("pk", "reference", "title", "summary", "language", "stage", "created", "municipality")


def showcased() -> QuerySet[Idea]:
    """The public ideas, with only their public columns loaded and their areas prefetched."""
    return (
        Idea.objects.filter(consent_showcase=True, stage__in=SHOWCASE_STAGES)
        .exclude(status__in=(Status.WITHDRAWN, Status.REJECTED))
        .select_related("municipality")
        .only(*PUBLIC_FIELDS, "municipality__slug", "municipality__name")
        .prefetch_related(Prefetch("challenge_areas", queryset=ChallengeArea.objects.order_by("slug")))
    )


def showcase_url(idea: Idea) -> str:
    """The idea's showcase page in its own language (the chrome around it follows the URL)."""
    with translation.override(idea.language):
        return reverse("showcase:idea", kwargs={"reference": idea.reference})


class IdeaSource:
    """One document per idea of `ideas()`, made by `build`: the showcased ones for the public
    index, every idea for the reviewers' private part (similar_documents.py)."""

    def __init__(self, ideas: Callable[[], QuerySet[Idea]], build: Callable[[Idea], SearchDocument]):
        self.ideas, self.build = ideas, build

    def count(self) -> int:
        return self.ideas().count()

    def keys(self) -> Iterator[int]:
        return self.ideas().prefetch_related(None).order_by("pk").values_list("pk", flat=True).iterator()

    def documents(self, pks: Iterable[int] | None = None) -> Iterator[SearchDocument]:
        ideas = self.ideas().order_by("pk")
        if pks is not None:
            ideas = ideas.filter(pk__in=list(pks))
        for idea in ideas.iterator(chunk_size=500):
            yield self.build(idea)


def build(idea: Idea) -> SearchDocument:
    return SearchDocument(
        id=document_id(TYPE, idea.pk),
        type=TYPE,
        language=idea.language,
        title=idea.title,
        url=showcase_url(idea),
        date=timezone.localtime(idea.created).date(),
        summary=idea.summary,
        challenge_areas=tuple(area.slug for area in idea.challenge_areas.all()),
        municipality=idea.municipality.slug if idea.municipality else "",
        stage=idea.stage,
    )


def register_ideas() -> None:
    register(TYPE, IdeaSource(showcased, build))
    register_labels("type", fixed({TYPE: _("Idea")}))
    register_labels("stage", fixed(dict(Stage.choices)))
