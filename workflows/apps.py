from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    """The idea pipeline: Viewflow processes worked from the Wagtail admin."""

    name = "workflows"
