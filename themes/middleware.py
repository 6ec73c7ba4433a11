from infra.sites import find_site

from . import registry
from .models import ThemeSettings


def request_theme(request) -> str:
    """The theme of the request's Site, looked up once per request (the page cache's key holds it)."""
    if not hasattr(request, "_theme"):
        find_site(request)  # from the cache: Wagtail's own lookup is a query on every request
        request._theme = ThemeSettings.theme_for_request(request)
    return request._theme


class ThemeMiddleware:
    """Activate the theme that the requested Site's settings name."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = registry.activate(request_theme(request))
        try:
            return self.get_response(request)
        finally:
            registry.deactivate(token)
