from infra.sites import find_site

from . import registry
from .models import ThemeSettings


class ThemeMiddleware:
    """Activate the theme that the requested Site's settings name."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        find_site(request)  # from the cache: Wagtail's own lookup is a query on every request
        token = registry.activate(ThemeSettings.theme_for_request(request))
        try:
            return self.get_response(request)
        finally:
            registry.deactivate(token)
