"""Pages tell the index what changed, through Wagtail's signals, in the change's transaction.

Publishing, unpublishing and deleting a page are Wagtail's own actions, so its signals are
where we learn of them; the receivers do nothing but write an outbox row (search.indexing),
which the worker applies after commit. A page whose URL changes (moved, or an ancestor's slug
changed) and a section that becomes private or public again change every findable page below
it, so those enqueue the whole subtree.

Wagtail sends `page_published`, `page_unpublished` and `post_delete` inside the transaction of
the change when there is one, and the row joins it (`indexing.enqueue` opens a savepoint).
`post_page_move` comes right after the move's own transaction and `page_slug_changed` on its
commit: their rows commit a moment after the change; `manage.py search_index update` repairs
the index should a process die in between.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import indexing
from .documents import document_id
from .pages import PAGE_TYPES, page_document_ids, translation_pks


def _page_changed(sender, instance: Page, **kwargs) -> None:
    indexing.enqueue(page_document_ids(instance))


def _page_created(sender, instance: Page, created: bool, raw: bool = False, **kwargs) -> None:
    # A page created live (by code, not through the editor's publish) sends no page_published.
    if created and instance.live and not raw:
        indexing.enqueue(page_document_ids(instance))


def _page_deleted(sender, instance: Page, **kwargs) -> None:
    indexing.enqueue([document_id(PAGE_TYPES[sender], pk) for pk in translation_pks(instance)])


def _page_moved(sender, instance: Page, url_path_before: str, url_path_after: str, **kwargs) -> None:
    if url_path_before != url_path_after:
        indexing.enqueue(page_document_ids(instance, descendants=True))


def _slug_changed(sender, instance: Page, **kwargs) -> None:
    indexing.enqueue(page_document_ids(instance, descendants=True))


def _restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    # When the page itself is being deleted, its own receivers see to its documents.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.enqueue(page_document_ids(page, descendants=True))


def watch_page_type(model: type[Page]) -> None:
    """Receivers for the saves and deletes of a findable page model, connected when content
    registers it: a receiver per model, so that other models keep Django's fast deletes."""
    post_delete.connect(_page_deleted, sender=model, dispatch_uid=f"search.deleted.{model.__name__}")
    post_save.connect(_page_created, sender=model, dispatch_uid=f"search.created.{model.__name__}")


def connect() -> None:
    page_published.connect(_page_changed, dispatch_uid="search.page_published")
    page_unpublished.connect(_page_changed, dispatch_uid="search.page_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="search.page_moved")
    page_slug_changed.connect(_slug_changed, dispatch_uid="search.slug_changed")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search.restriction.{signal is post_save}",
        )
