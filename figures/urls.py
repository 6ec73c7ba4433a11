from django.urls import path

from . import views

app_name = "figures"
urlpatterns = [
    path("", views.screen, name="screen"),
    path("report/", views.report_page, name="report"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("report.csv", views.report_csv, name="report_csv"),
]
