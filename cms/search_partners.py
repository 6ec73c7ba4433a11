"""Partners and funders (the Partner snippets) as search documents of type "partner".

A partner has no page of its own: it is shown by a programme page's partner list of its role,
in its locale. Its hit links to the first such page (in the tree's order) in the partner's
language, at the partner (`#partner-<pk>`, the list's anchor). A partner that no live, public
page lists is not findable. A partner's document changes with the partner and with the pages
that list partners, so both enqueue the partners' documents.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator

import orjson
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search import indexing
from search.documents import SearchDocument, document_id, register
from search.pages import PageUrls

from .models import Partner, StandardPage

TYPE = "partner"


def _lists() -> dict[tuple[int, str], str]:
    """{(locale, role): the url_path of the first live, public programme page listing that role}."""
    pages = (
        StandardPage.objects.live()
        .public()
        .annotate(body_json=Cast("body", TextField()))
        .filter(body_json__contains='"partner_list"')
        .order_by("path")
        .values_list("url_path", "locale_id", "body_json")
    )
    found: dict[tuple[int, str], str] = {}
    for url_path, locale, body in pages:
        for block in orjson.loads(body):
            if block["type"] == "partner_list":
                found.setdefault((locale, block["value"]["role"]), url_path)
    return found


def _listed(lists: dict[tuple[int, str], str]) -> QuerySet:
    shown = Q(pk__in=[])
    for locale, role in lists:
        shown |= Q(locale_id=locale, role=role)
    return Partner.objects.filter(shown)


class PartnerSource:
    """The documents of the partners that a page lists, in their own languages."""

    def count(self) -> int:
        return _listed(_lists()).count()

    def keys(self) -> Iterator[int]:
        return iter(_listed(_lists()).order_by("pk").values_list("pk", flat=True))

    def documents(self, pks: Iterable[int] | None = None) -> Iterator[SearchDocument]:
        lists = _lists()
        partners = _listed(lists).order_by("pk")
        languages = defaultdict(set)
        for key, language in partners.values_list("translation_key", "locale__language_code"):
            languages[key].add(language.split("-")[0])
        if isinstance(pks, range):
            partners = partners.filter(pk__gte=pks.start, pk__lt=pks.stop)
        elif pks is not None:
            partners = partners.filter(pk__in=list(pks))
        urls = PageUrls()
        roles = dict(Partner.ROLE_CHOICES)
        for partner in partners.select_related("locale"):
            language = partner.locale.language_code.split("-")[0]
            with translation.override(language):
                role = str(roles[partner.role])
            url = urls(lists[partner.locale_id, partner.role])
            yield SearchDocument(
                id=document_id(TYPE, partner.pk),
                type=TYPE,
                language=language,
                title=partner.name,
                url=f"{url}#partner-{partner.pk}",
                date=None,
                summary=partner.description,
                # "finansiär" finds the funders, "samverkanspart" the partner organisations.
                body=role,
                translations=tuple(sorted(languages[partner.translation_key] - {language})),
            )


def _partner_changed(sender, instance: Partner, raw: bool = False, **kwargs) -> None:
    # Its translations too: their documents name the languages it is findable in.
    if not raw:
        translations = Partner.objects.filter(translation_key=instance.translation_key)
        pks = {instance.pk, *translations.values_list("pk", flat=True)}
        indexing.enqueue(document_id(TYPE, pk) for pk in pks)


def _lists_changed(sender, **kwargs) -> None:
    # A page that lists partners published, unpublished, moved or restricted: where each
    # partner's hit links may have changed. Rare, and there are a few dozen partners.
    indexing.enqueue(document_id(TYPE, pk) for pk in Partner.objects.values_list("pk", flat=True))


def register_partners() -> None:
    register(TYPE, PartnerSource())
    post_save.connect(_partner_changed, sender=Partner, dispatch_uid="cms.search.partner_saved")
    post_delete.connect(_partner_changed, sender=Partner, dispatch_uid="cms.search.partner_deleted")
    receivers = {
        "published": (page_published, StandardPage),
        "unpublished": (page_unpublished, StandardPage),
        "deleted": (post_delete, StandardPage),
        # Any page's: the page that lists partners may be below the one moved or renamed.
        "moved": (post_page_move, None),
        "slug": (page_slug_changed, None),
        "restriction_saved": (post_save, PageViewRestriction),
        "restriction_deleted": (post_delete, PageViewRestriction),
    }
    for name, (signal, sender) in receivers.items():
        signal.connect(_lists_changed, sender=sender, dispatch_uid=f"cms.search.partner_lists.{name}")
