"""The Ideas screens, mounted at /admin/ideas/ by `workflows.wagtail_hooks` (behind Wagtail's login)."""

from django.urls import path

from . import exports, idea, lists, tasks, views

app_name = "ideas"

urlpatterns = [
    path("", lists.IdeaIndexView.as_view(), name="index"),
    path("inbox/", lists.InboxView.as_view(), name="inbox"),
    path("queue/", lists.QueueView.as_view(), name="queue"),
    path("export.csv", exports.export_csv, name="export_csv"),
    path("export.xlsx", exports.export_xlsx, name="export_xlsx"),
    path("<int:pk>/", idea.IdeaDetailView.as_view(), name="detail"),
    path("<int:pk>/attachments/<int:attachment_pk>/", idea.download_attachment, name="attachment"),
    path("<int:pk>/claim/", tasks.ClaimView.as_view(), name="claim"),
    path("<int:pk>/release/", tasks.ReleaseView.as_view(), name="release"),
    path("<int:pk>/reassign/", tasks.ReassignView.as_view(), name="reassign"),
    path("<int:pk>/conflict/", tasks.ConflictView.as_view(), name="conflict"),
    path("<int:pk>/score/", tasks.ScoreView.as_view(), name="score"),
    path("<int:pk>/decide/", tasks.DecideView.as_view(), name="decide"),
    path("<int:pk>/activity/", tasks.SupportActivityView.as_view(), name="activity"),
    path("<int:pk>/pilot-plan/", tasks.PilotPlanView.as_view(), name="pilot_plan"),
    path("<int:pk>/market-outcome/", tasks.MarketOutcomeView.as_view(), name="market_outcome"),
    path("<int:pk>/revoke-link/", tasks.RevokeStatusLinkView.as_view(), name="revoke_link"),
    path("<int:pk>/new-link/", tasks.NewStatusLinkView.as_view(), name="new_link"),
    path("<int:pk>/personal-data.json", tasks.export_applicant_data, name="export_personal_data"),
    path("<int:pk>/erase/", tasks.EraseApplicantDataView.as_view(), name="erase"),
    path("process/<int:process_pk>/task/<int:task_pk>/", views.task_view, name="task"),
]
