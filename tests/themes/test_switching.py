"""The active theme is a per-Site setting in the Wagtail admin."""

import pytest
from wagtail.models import Site

from themes.models import ThemeSettings
from themes.registry import available_themes

pytestmark = pytest.mark.django_db


def set_theme(name: str) -> None:
    settings = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
    settings.theme = name
    settings.save()


def test_both_shipped_themes_are_available():
    assert {"default", "plain"} <= set(available_themes())


def test_the_default_theme_serves_when_nothing_is_chosen(client, site_tree):
    html = client.get("/").content.decode()
    assert 'class="theme-default' in html
    assert "/static/default/css/site.css" in html


def test_switching_the_theme_changes_the_look_at_once(client, site_tree):
    client.get("/")  # warm the theme cache: saving the setting must clear it
    set_theme("plain")
    html = client.get("/").content.decode()
    assert 'class="theme-plain' in html
    assert "/static/plain/css/plain.css" in html
    assert site_tree.article.title in html  # page templates fall back to the default theme's

    set_theme("default")
    assert 'class="theme-default' in client.get("/").content.decode()


def test_a_theme_that_no_longer_exists_falls_back_to_the_default(client, site_tree):
    ThemeSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"theme": "vanished"}
    )
    assert 'class="theme-default' in client.get("/").content.decode()


def test_an_admin_chooses_the_theme_in_the_site_settings(client, site_tree, admin_user):
    from django.urls import reverse

    client.force_login(admin_user)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("themes", "themesettings", site.pk))
    assert client.get(url).status_code == 200
    response = client.post(url, {"theme": "plain"})
    assert response.status_code == 302
    client.logout()
    assert 'class="theme-plain' in client.get("/").content.decode()
    assert client.post(url, {"theme": "../../etc"}).status_code in (200, 302)
    assert ThemeSettings.for_site(site).theme == "plain"


def test_every_asset_is_local(client, site_tree):
    import re

    for theme in ("default", "plain"):
        set_theme(theme)
        html = client.get("/").content.decode()
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
        # Only links to pages of our own and the outside links editors chose, never assets.
        assert not [url for url in external if re.search(r"\.(css|js|woff2?|ttf|png|jpe?g|svg)(\?|$)", url)]
        assert "fonts.googleapis" not in html
        assert "cdn" not in html.lower()


def test_a_site_added_for_another_host_serves_at_once_though_sites_are_cached(client, site_tree):
    default = Site.objects.get(is_default_site=True)
    client.get(
        "/", HTTP_HOST="localhost:8000", SERVER_PORT="8000"
    )  # warm: that host is the default site's now
    other = Site.objects.create(
        hostname="localhost", port=8000, root_page=default.root_page, site_name="Other"
    )
    ThemeSettings.objects.create(site=other, theme="plain")
    assert (
        'class="theme-plain'
        in client.get("/", HTTP_HOST="localhost:8000", SERVER_PORT="8000").content.decode()
    )
    assert 'class="theme-default' in client.get("/").content.decode()
