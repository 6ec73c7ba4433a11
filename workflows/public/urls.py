"""The applicant's private status pages; included inside `i18n_patterns` in cms/urls.py.

Only the e-mailed link holds the token; it moves it into the session and redirects to the
pages below, whose addresses hold no secret. The fixed paths come first, so that no token is
taken for one of them.
"""

from django.urls import path

from . import views

app_name = "idea_status"

urlpatterns = [
    path("ideas/status/", views.status, name="status"),
    path("ideas/status/answer/", views.answer, name="answer"),
    path("ideas/status/withdraw/", views.withdraw, name="withdraw"),
    path("ideas/status/showcase/", views.showcase, name="showcase"),
    path("ideas/status/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("ideas/status/<str:token>/", views.open_link, name="link"),
]
