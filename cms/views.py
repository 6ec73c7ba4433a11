from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control


@cache_control(max_age=3600)
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page links; a redirect spares them a 404 page.
    return redirect(static("default/favicon.svg"), permanent=True)
