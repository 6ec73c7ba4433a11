"""Template tags for the chrome every theme shares: menus, breadcrumbs, language links."""

import functools

from django import template
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from infra import page_cache
from infra.page_cache_tags import model_tag
from infra.sites import chrome_cached

from ..models import FooterSettings, Partner, PrivacySettings
from ..serving import public

register = template.Library()


def _home(request) -> Page | None:
    """The site's home page in the request's language, looked up once per request. Each call records
    what it shows: a fragment drawn later in the request (the header, the menu) shows it too."""
    if not hasattr(request, "_site_home"):
        site = Site.find_for_request(request)
        request._site_home = (
            chrome_cached(f"home:{site.pk}:{get_language()}", lambda: site.root_page.localized)
            if site is not None
            else None
        )
    home = request._site_home
    if home is not None:
        page_cache.shows(f"page:{home.pk}", f"children:{home.path}")
    return home


def _locales() -> list[Locale]:
    return chrome_cached("locales", lambda: list(Locale.objects.order_by("pk")))


@register.simple_tag(takes_context=True)
def home_page(context):
    return _home(context["request"])


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The live pages under the home page that editors marked "show in menus"."""
    home = _home(context["request"])
    if home is None:
        return []
    return public(home.get_children().live().in_menu())


@register.simple_tag
def breadcrumbs(page):
    """The page's ancestors from the home page down, without the tree's root."""
    if page is None or not getattr(page, "pk", None):
        return []
    trail = chrome_cached(f"breadcrumbs:{page.pk}", lambda: list(page.get_ancestors().filter(depth__gt=1)))
    page_cache.shows(*(f"page:{ancestor.pk}" for ancestor in trail))  # from a cache: loads nothing
    return trail


def _live_translations(page: Page) -> dict[int, Page]:
    """The live pages of `page`'s translation set (itself included) by locale id, from the cache."""
    page_cache.shows(f"translations:{page.translation_key}")
    return chrome_cached(
        f"translations:{page.translation_key}",
        lambda: {
            p.locale_id: p for p in page.get_translations(inclusive=True).live().select_related("locale")
        },
    )


@register.simple_tag
def translations(page):
    """The page's live translations in other languages, each with its locale (for hreflang links)."""
    if not isinstance(page, Page) or not page.pk:
        return []
    return [p for p in _live_translations(page).values() if p.locale_id != page.locale_id]


def _same_view_in(request, language_code: str) -> str | None:
    """This Django view (the search, an idea's status page) in another language, query kept.

    Wagtail pages are left to their translations: their slugs differ between languages.
    """
    match = request.resolver_match
    if match is None or match.url_name == "wagtail_serve":
        return None
    path, _, query = request.get_full_path().partition("?")
    translated = _translated_path(path, get_language(), language_code)
    if translated == path and language_code != get_language():
        return None
    return f"{translated}?{query}" if query else translated


@functools.lru_cache(maxsize=1024)
def _translated_path(path: str, active: str, language_code: str) -> str:
    # A resolve and a reverse per language and request otherwise; the URLconf does not change. The
    # active language is part of the key: it decides which language prefix `resolve` accepts.
    return translate_url(path, language_code)


def _home_translations(home: Page) -> dict[int, Page]:
    # Every translation of the home page, live or not, as the switcher has always offered them.
    page_cache.shows(f"translations:{home.translation_key}")
    return chrome_cached(
        f"home-translations:{home.translation_key}",
        lambda: {p.locale_id: p for p in home.get_translations(inclusive=True)},
    )


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the page's or view's translation where one is live, else that home."""
    request = context["request"]
    page = context.get("page")
    home = _home(request)
    links = []
    for locale in _locales():
        url = None
        if isinstance(page, Page) and page.pk:
            target = _live_translations(page).get(locale.pk)
            url = target.get_url(request) if target is not None else None
        else:
            url = _same_view_in(request, locale.language_code)
        if url is None and home is not None:
            target = _home_translations(home).get(locale.pk)
            url = target.get_url(request) if target is not None else None
        if url is None:
            continue
        links.append(
            {
                "code": locale.language_code,
                "name": locale.language_name_local,
                "url": url,
                "current": locale.language_code == get_language(),
            }
        )
    return links


def _read_setting(model, site: Site):
    """A site setting's row, or its defaults: unlike `for_site`, reading never creates the row,
    whose save would drop every cached page that showed the setting."""
    return model.objects.filter(site=site).first() or model(site=site)


def _setting_page(page_id: int | None) -> Page | None:
    """A page a site setting names, in the request's language (its source page if untranslated),
    or None when there is none or it is not live."""
    if page_id is None:
        return None
    page = chrome_cached(
        f"localized:{page_id}:{get_language()}", lambda: Page.objects.get(pk=page_id).localized
    )
    # From a cache, it loads nothing: a translation published later is the link to show then.
    page_cache.shows(f"page:{page.pk}", f"translations:{page.translation_key}")
    return page if page.live else None


@register.simple_tag(takes_context=True)
def privacy_notice_url(context) -> str:
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return ""
    page = _setting_page(_read_setting(PrivacySettings, site).privacy_notice_id)
    return page.get_url(request) if page else ""


@register.simple_tag(takes_context=True)
def site_footer(context) -> dict:
    """The footer's contact details, accessibility statement, privacy notice and funders. The
    themes keep it in the fragment cache (`{% fragment "footer" %}`), under the tags of what it
    shows: the settings rows and pages it reads, and the funders even when there are none."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return {}
    page_cache.shows(model_tag(Partner))
    return _footer(request, site)


def _footer(request, site: Site) -> dict:
    settings = _read_setting(FooterSettings, site)
    notices = [
        (_("Accessibility statement"), _setting_page(settings.accessibility_statement_id)),
        (_("Privacy notice"), _setting_page(_read_setting(PrivacySettings, site).privacy_notice_id)),
    ]
    return {
        "contact_email": settings.contact_email,
        "contact_phone": settings.contact_phone,
        "postal_address": settings.postal_address,
        "co_financed_by_erdf": settings.co_financed_by_erdf,
        "notices": [
            {"title": str(title), "url": page.get_url(request)} for title, page in notices if page is not None
        ],
        "funders": [
            {"name": funder.name, "website": funder.website}
            for funder in Partner.objects.filter(role="funder", locale__language_code=get_language())
        ],
    }
