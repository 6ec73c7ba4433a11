"""The public showcase of ideas; included inside `i18n_patterns` in cms/urls.py (after the status
pages, whose `ideas/status/` a reference never matches)."""

from django.urls import path

from . import showcase

app_name = "showcase"

urlpatterns = [
    path("ideas/", showcase.listing, name="listing"),
    path("ideas/<str:reference>/", showcase.idea, name="idea"),
]
