"""Every idea as a document of the reviewers' private index (search/private.py), for "similar ideas".

Unlike the public documents (search_documents.py), these cover every idea at any stage and
status, rejected and withdrawn ones included: a screener should know what was tried before.
A document holds only what similarity is judged on (the title, summary and challenge areas)
with the idea's language and submission date: the query reads only those columns, so the
contact person, e-mail, phone, organisation name and number, team, attachments, notes and
feedback are never even loaded. The title and summary are personal data until erasure (the
inventory in personal_data.py blanks them): an erased idea yields no document, so erasing
removes it from the index. Stage and status are not indexed; the list reads them from the
database, where they are always current.
"""

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from cms.models import ChallengeArea
from search import private
from search.documents import SearchDocument, document_id

from .models import Idea
from .search_documents import IdeaSource

TYPE = "idea"
INDEXED_FIELDS = ("pk", "title", "summary", "language", "created")


def listed() -> QuerySet[Idea]:
    """The ideas in the private index: all but the erased, with only the indexed columns."""
    return (
        Idea.objects.filter(erased__isnull=True)
        .only(*INDEXED_FIELDS)
        .prefetch_related(Prefetch("challenge_areas", queryset=ChallengeArea.objects.order_by("slug")))
    )


def build(idea: Idea, areas: Iterable[ChallengeArea] | None = None) -> SearchDocument:
    """The idea's private document; `areas` when the caller has its challenge areas already."""
    areas = idea.challenge_areas.all() if areas is None else areas
    return SearchDocument(
        id=document_id(TYPE, idea.pk),
        type=TYPE,
        language=idea.language,
        title=idea.title,
        url="",
        date=timezone.localtime(idea.created).date(),
        summary=idea.summary,
        challenge_areas=tuple(sorted(area.slug for area in areas)),
    )


def register_similar() -> None:
    private.register(TYPE, IdeaSource(listed, build))
