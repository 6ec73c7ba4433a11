from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from infra import page_cache
from infra.sites import chrome_cached

from .serving import public


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap covers the Site's root tree only; ours adds every translation of it."""

    def get_wagtail_site(self) -> Site:
        # Django's sitemap view gives no request: Wagtail's answer is then the default site.
        return chrome_cached(
            "default-site", lambda: Site.objects.select_related("root_page").get(is_default_site=True)
        )

    def items(self):
        page_cache.shows("pages")
        root = self.get_wagtail_site().root_page
        roots = chrome_cached(
            f"translations-of:{root.pk}", lambda: list(root.get_translations(inclusive=True))
        )
        pages = Page.objects.none()
        for translation in roots:
            pages |= Page.objects.descendant_of(translation, inclusive=True)
        # Not specific: a page's address and date are fields of Page, and no page type has URLs of
        # its own (a specific page would cost building its model's instance, most of the time).
        return public(pages.live()).order_by("path")
