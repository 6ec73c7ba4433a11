"""/search/ goes inside the language prefixes (i18n_patterns); the API outside them."""

from django.urls import path

from . import views

page_urls = [path("search/", views.search_page, name="search")]
api_urls = [
    path("api/search/", views.search_api, name="search_api"),
    path("api/search/suggest/", views.suggest_api, name="search_suggest"),
]
