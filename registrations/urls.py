"""The registration form's POST and the private cancel link; included inside `i18n_patterns`."""

from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("registration/", views.register, name="register"),
    path("registration/cancel/<str:secret>/", views.cancel, name="cancel"),
]
