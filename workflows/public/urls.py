"""The applicant's private status pages; included inside `i18n_patterns` in cms/urls.py."""

from django.urls import path

from . import views

app_name = "idea_status"

urlpatterns = [
    path("ideas/status/<str:token>/", views.status, name="status"),
    path("ideas/status/<str:token>/answer/", views.answer, name="answer"),
    path("ideas/status/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("ideas/status/<str:token>/showcase/", views.showcase, name="showcase"),
    path("ideas/status/<str:token>/files/<int:attachment_id>/", views.attachment, name="attachment"),
]
