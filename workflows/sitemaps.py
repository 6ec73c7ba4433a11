"""The showcased ideas' pages in the site's sitemap, each in its idea's own language."""

from django.contrib.sitemaps import Sitemap

from infra import page_cache

from .search_documents import showcase_url, showcased


class ShowcaseSitemap(Sitemap):
    def items(self):
        page_cache.shows("showcase")
        return showcased().order_by("pk")

    def location(self, idea) -> str:
        return showcase_url(idea)
