from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from infra.page_cache import cached_view
from search import urls as search_urls
from workflows.sitemaps import ShowcaseSitemap

from .api import api_router
from .feeds import NewsAtomFeed, NewsFeed
from .sitemaps import AllLanguagesSitemap
from .views import favicon, robots_txt, serve

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # It lists the ideas' pages in the active language, which the address does not name.
    path(
        "sitemap.xml",
        cached_view(sitemap, language_in_path=False),
        {"sitemaps": {"pages": AllLanguagesSitemap, "ideas": ShowcaseSitemap}},
    ),
    path("robots.txt", robots_txt),
    path("favicon.ico", favicon),
    *search_urls.api_urls,
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Swedish at /, English at /en/.
urlpatterns += i18n_patterns(
    path("feeds/news.rss", NewsFeed(), name="news_rss"),
    path("feeds/news.atom", NewsAtomFeed(), name="news_atom"),
    path("", include("workflows.public.urls")),  # the applicant's private status link
    path("", include("workflows.public.showcase_urls")),  # showcased ideas, public
    path("", include("registrations.urls")),  # event registration: the form's POST, cancel links
    *search_urls.page_urls,
    # Wagtail's own addresses, its page view replaced by one that routes from the cached home page.
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
    prefix_default_language=False,
)
