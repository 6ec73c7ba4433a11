"""What the page cache's tags name, and which changes drop them (see page_cache.py).

Recorded while a page renders, by loading something (post_init): `page:<id>` for every page
loaded (the page itself, its ancestors in the breadcrumbs, a related page; not the items of a
list whose own tag is recorded), `<model>` for a watched model (`watch_models`: snippets,
images, documents), and `<setting>:site:<id>` for a site setting read. Recorded by the views and
tags that draw a list, because a list can gain a page it never loaded: `children:<parent path>`
(an index, the menu), `type:<page model>:<locale id>` (the home page's latest news, the feeds),
`pages` (the sitemap), `translations:<translation key>` (the language links),
`registrations:<event id>` (the seats left), `showcase` (the showcased ideas). Every entry also
has `site:<id>`.

A page's change (published, unpublished, saved live, deleted, moved, its address or its view
restrictions changed) drops its own tag, its parent's `children`, its type in its locale, its
translations' links and the sitemap; a move or a new address also drops the pages beneath it,
whose addresses changed with it.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_init, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import COMMENTS_RELATION_NAME, Locale, Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_slug_changed, post_page_move

from . import page_cache

#: A save that touches only these leaves the live page as it was (a draft, a lock, a comment).
DRAFT_FIELDS = frozenset(
    {
        COMMENTS_RELATION_NAME,
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _lists_of(page) -> tuple[str, ...]:
    """The tags of the lists a page is in, which its change drops along with its own: "pages"
    is the list of them all (the sitemap)."""
    model = page.specific_class or type(page)
    return (
        f"children:{page.path[: -Page.steplen]}",
        f"type:{model._meta.label_lower}:{page.locale_id}",
        f"translations:{page.translation_key}",
        "pages",
    )


def page_tags(page) -> list[str]:
    """The tags a change of `page` drops (its subtree's addresses aside)."""
    return [f"page:{page.pk}", *_lists_of(page)]


def subtree_changed(root) -> None:
    """The pages beneath `root` (it included) changed address or visibility: each as if it changed."""
    fields = ("pk", "path", "locale_id", "content_type_id", "translation_key")
    pages = Page.objects.filter(path__startswith=root.path).only(*fields)
    page_cache.changed(*page_tags(root), *(tag for page in pages for tag in page_tags(page)))


def _page_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or not DRAFT_FIELDS.issuperset(update_fields):
        page_cache.changed(*page_tags(instance))


def _page_deleted(sender, instance, **kwargs):
    page_cache.changed(*page_tags(instance))


def _page_moved(sender, instance, parent_page_before, **kwargs):
    page_cache.changed(f"children:{parent_page_before.path}")
    subtree_changed(instance)


def _slug_changed(sender, instance, **kwargs):
    subtree_changed(instance)


def _restriction_changed(sender, instance, **kwargs):
    subtree_changed(instance.page)


def _site_changed(sender, instance, **kwargs):
    page_cache.changed(f"site:{instance.pk}")


def _locale_changed(sender, instance, **kwargs):
    # Every page's language links list the locales.
    page_cache.changed(*(f"site:{pk}" for pk in Site.objects.values_list("pk", flat=True)))


def _page_loaded(sender, instance, **kwargs):
    # Deferred fields (path, locale) would cost a query each: such a page gets its own tag.
    if instance.pk is not None and page_cache.recording():
        deferred = instance.get_deferred_fields()
        if deferred & {"path", "locale_id", "translation_key", "content_type_id"}:
            page_cache.loaded_page(instance.pk, ("pages",))
        else:
            page_cache.loaded_page(instance.pk, _lists_of(instance))


def model_tag(model) -> str:
    return model._meta.label_lower


def _model_loaded(sender, **kwargs):
    page_cache.shows(model_tag(sender))


def _model_changed(sender, **kwargs):
    page_cache.changed(model_tag(sender))


def setting_tag(model, site_id: int | None = None) -> str:
    """A site setting's tag for one site, or a generic setting's."""
    label = model._meta.label_lower
    return f"{label}:site:{site_id}" if site_id is not None else label


def _setting_loaded(sender, instance, **kwargs):
    page_cache.shows(setting_tag(sender, getattr(instance, "site_id", None)))


def _as_defaults(instance) -> bool:
    """Whether a settings row holds only its fields' defaults: what a page showed before it existed."""
    return all(
        field.value_from_object(instance) == field.get_default()
        for field in instance._meta.concrete_fields
        if not field.primary_key and field.name != "site"
    )


def _setting_changed(sender, instance, created: bool = False, **kwargs):
    # A row created with its defaults (Wagtail's `for_site` makes one on first reading) shows nothing new.
    if not (created and _as_defaults(instance)):
        page_cache.changed(setting_tag(sender, getattr(instance, "site_id", None)))


def _connect(loaded, changed, model, name: str) -> None:
    label = model._meta.label
    if loaded is not None:
        post_init.connect(loaded, sender=model, dispatch_uid=f"page_cache_{name}_loaded:{label}")
    post_save.connect(changed, sender=model, dispatch_uid=f"page_cache_{name}_saved:{label}")
    post_delete.connect(changed, sender=model, dispatch_uid=f"page_cache_{name}_deleted:{label}")


def watch_models(*models) -> None:
    """Snippets that pages show: a change to any row drops every page that showed one, or drew a
    list of them (`page_cache.shows(model_tag(model))`)."""
    for model in models:
        _connect(_model_loaded, _model_changed, model, "model")


def connect_page_cache_receivers() -> None:
    for model in get_page_models():
        label = model._meta.label
        post_init.connect(_page_loaded, sender=model, dispatch_uid=f"page_cache_page_loaded:{label}")
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"page_cache_page_saved:{label}")
        post_delete.connect(_page_deleted, sender=model, dispatch_uid=f"page_cache_page_deleted:{label}")
        post_page_move.connect(_page_moved, sender=model, dispatch_uid=f"page_cache_page_moved:{label}")
        page_slug_changed.connect(_slug_changed, sender=model, dispatch_uid=f"page_cache_slug:{label}")
    _connect(None, _restriction_changed, PageViewRestriction, "restriction")
    _connect(None, _site_changed, Site, "site")
    _connect(None, _locale_changed, Locale, "locale")
    # Edited seldom: one tag each keeps a page with many pictures to one tag to check.
    watch_models(get_image_model(), get_document_model())
    for model in apps.get_models():
        if issubclass(model, BaseSiteSetting | BaseGenericSetting):
            _connect(_setting_loaded, _setting_changed, model, "setting")
