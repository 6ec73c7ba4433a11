from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control

from infra.site_address import absolute


@cache_control(max_age=3600)
def robots_txt(request):
    return render(request, "robots.txt", {"sitemap": absolute("/sitemap.xml")}, content_type="text/plain")


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page links; a redirect spares them a 404 page.
    return redirect(static("default/favicon.svg"), permanent=True)
