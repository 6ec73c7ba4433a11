"""The Wagtail admin our personas open, read in Swedish: no interface string left in English.

An English string is one of the msgids of the packages whose screens they use (Wagtail, Django's
admin and auth, Viewflow) that the Swedish catalogues (theirs and ours, `locale_upstream/` for
theirs that they lack) leave as it is. Text is compared whole (a text node, or an `aria-label`,
`title` or `placeholder`), so a word that happens to be spelt the same does not count.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
import viewflow
import wagtail
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from tests.search.ideas import Pipeline

pytestmark = pytest.mark.django_db

MSGID = re.compile(r'^msgid ((?:".*"\n)+)', re.M)
#: Words Swedish spells as English does.
SAME_IN_SWEDISH = {"Status", "Maximum", "Minimum", "system"}


def msgids(domain: str, packages=(wagtail, viewflow, django)) -> set[str]:
    found = set()
    for package in packages:
        root = Path(package.__file__).parent
        for po in root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"):
            for block in MSGID.findall(po.read_text()):
                found.add("".join(re.findall(r'"(.*)"', block)).replace('\\"', '"').replace("\\n", "\n"))
    return {
        msgid for msgid in found if re.search(r"[A-Za-z]{3}", msgid) and "%" not in msgid and "{" not in msgid
    }


class Texts(HTMLParser):
    SKIP = {"script", "style", "template", "code"}

    def __init__(self, html: str):
        super().__init__()
        self.texts: set[str] = set()
        self.skipping = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "placeholder", "alt") and value:
                self.texts.add(" ".join(value.split()))

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.add(" ".join(data.split()))


def english_on(html: str, english: set[str]) -> set[str]:
    return {text for text in Texts(html).texts if text in english}


@pytest.fixture
def untranslated() -> set[str]:
    with translation.override("sv"):
        return {msgid for msgid in msgids("django") if translation.gettext(msgid) == msgid} - SAME_IN_SWEDISH


def swedish(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "sv"
    profile.save()
    return user


def test_the_admin_pages_our_personas_open_show_no_english_string(
    client, site_tree, editor, manager, untranslated
):
    idea = Pipeline.with_cast().at("screening").idea
    article = site_tree.article
    pages = {
        editor: [
            "/admin/",
            "/admin/pages/",
            f"/admin/pages/{site_tree.home.pk}/",
            f"/admin/pages/{article.pk}/edit/",
            f"/admin/pages/{article.pk}/history/",
            "/admin/images/",
            "/admin/documents/",
        ],
        manager: [
            "/admin/",
            reverse("ideas:index"),
            reverse("ideas:queue"),
            reverse("ideas:inbox"),
            reverse("ideas:detail", args=[idea.pk]),
            "/admin/figures/",
        ],
    }
    found = {}
    for user, urls in pages.items():
        client.force_login(swedish(user))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (user.username, url)
            english = english_on(response.content.decode(), untranslated)
            if english:
                found[f"{user.username} {url}"] = sorted(english)
    assert found == {}, "\n".join(f"{page}: {texts}" for page, texts in found.items())


def test_the_admin_scripts_speak_swedish(client, editor):
    """Every string of Wagtail's admin scripts is in the catalogue served to a Swedish editor."""
    client.force_login(swedish(editor))
    script = client.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    strings = {msgid for msgid in msgids("djangojs", packages=(wagtail,)) if "%" not in msgid}
    missing = sorted(msgid for msgid in strings - SAME_IN_SWEDISH if not catalogue.get(msgid))
    assert missing == []


def test_the_page_editor_names_the_image_description_in_swedish(client, site_tree, editor):
    client.force_login(swedish(editor))
    html = client.get(f"/admin/pages/{site_tree.article.pk}/edit/").content.decode()
    assert "Bildbeskrivning" in html
    assert "mage description" not in html
    assert "Vad bilden visar, på den här sidans språk" in html
