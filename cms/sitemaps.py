from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from infra import page_cache


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap covers the Site's root tree only; ours adds every translation of it."""

    def items(self):
        page_cache.shows("pages")
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()
