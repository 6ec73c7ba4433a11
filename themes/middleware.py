from . import registry
from .models import ThemeSettings


class ThemeMiddleware:
    """Activate the theme that the requested Site's settings name."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = registry.activate(ThemeSettings.theme_for_request(request))
        try:
            return self.get_response(request)
        finally:
            registry.deactivate(token)
