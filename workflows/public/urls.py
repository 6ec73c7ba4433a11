"""The applicant's private status pages; included inside `i18n_patterns` in cms/urls.py.

Only the e-mailed link holds the token; it moves it into the session and redirects to the
pages below, whose addresses hold no secret. The fixed paths come first, so that no token is
taken for one of them.
"""

from django.urls import path

from . import resend, status

app_name = "idea_status"

urlpatterns = [
    path("ideas/status/", status.status, name="status"),
    path("ideas/status/answer/", status.answer, name="answer"),
    path("ideas/status/withdraw/", status.withdraw, name="withdraw"),
    path("ideas/status/showcase/", status.showcase, name="showcase"),
    path("ideas/status/resend/", resend.resend_link, name="resend"),
    path("ideas/status/files/<int:attachment_id>/", status.attachment, name="attachment"),
    path("ideas/status/<str:token>/", status.open_link, name="link"),
]
