from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    """The idea pipeline: Viewflow processes worked from the Wagtail admin."""

    name = "workflows"
    verbose_name = _("Ideas")

    def ready(self):
        # Viewflow sets up the flow (and its permissions) when the class is first imported.
        from infra import personal_data

        from . import flows  # noqa: F401
        from .actions.privacy import SOURCES
        from .search_documents import register_ideas
        from .similar_documents import register_similar

        register_ideas()
        register_similar()
        for source in SOURCES:
            personal_data.register(source)
