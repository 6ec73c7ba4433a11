from django.http import Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from wagtail import views as wagtail_views

from infra.site_address import absolute
from infra.sites import chrome_cached, find_site


@cache_control(max_age=3600)
def robots_txt(request):
    return render(request, "robots.txt", {"sitemap": absolute("/sitemap.xml")}, content_type="text/plain")


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page links; a redirect spares them a 404 page.
    return redirect(static("default/favicon.svg"), permanent=True)


def serve(request, path: str):
    """Wagtail's page view (named `wagtail_serve` as Wagtail's is), routed from the site's home page
    in the request's language as the chrome cache holds it: Wagtail reads the locale, the home
    page's translation and its specific page on every request. Wagtail's view takes the route from
    the attribute where it keeps a request's route."""
    site = find_site(request)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        home = chrome_cached(
            f"home-specific:{site.pk}:{get_language()}", lambda: site.root_page.localized.specific
        )
        components = [part for part in path.split("/") if part]
        try:
            request._wagtail_route_for_request = home.route(request, components)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)
