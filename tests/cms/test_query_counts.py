"""Every public page type runs at most ten queries, in both languages, on the demo and with a
thousand pages under each index.

"Warm" is what a visitor meets on a running site: the request before has filled the caches
(the site and its home page, the locales, the view restrictions, a page's translations and
breadcrumbs, the menu and footer fragments, image renditions), each of which a change to what
it holds replaces. The counts themselves are in docs/performance.md. A warm Wagtail page's count
is pinned (most run none: their route, body, header and footer come from the fragment cache); the
views' move with their own work, so only the limit holds them.
"""

import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from cms.models import PrivacySettings
from infra import page_cache
from workflows.search_documents import showcase_url, showcased

pytestmark = pytest.mark.django_db

LIMIT = 10
#: Paths that are no page type of their own but change what a page type lists.
LISTING_VARIANTS = {
    "NewsIndexPage": ["?page=2", "?tag=samverkan"],
    "ResourceIndexPage": ["?page=2", "?type=guide", "?challenge=ungdomsarbetsloshet"],
    "EventIndexPage": ["?past=1", "ical/"],
    "EventPage": ["ical/"],
}


def page_paths() -> list[str]:
    """One page of each type in each language, with its listings' variants."""
    paths = []
    seen = set()
    for page in Page.objects.live().filter(depth__gt=1).specific(defer=True).order_by("path"):
        kind = (type(page).__name__, page.locale_id)
        if kind not in seen:
            seen.add(kind)
            paths += [page.url, *(page.url + variant for variant in LISTING_VARIANTS.get(kind[0], []))]
    return paths


def pinned(path: str) -> int:
    """A Wagtail page's queries once warm: none, but a calendar's (its events, read for the
    feed) and the idea form's (the choices of its challenge areas and municipalities, and the
    privacy setting its consent box links)."""
    if path.endswith("/ical/"):
        return 1
    return 3 if path in IDEA_FORMS else 0


IDEA_FORMS = {"/skicka-in-en-ide/", "/en/submit-an-idea/"}


def public_paths() -> list[str]:
    """The pages of `page_paths`, the privacy notice and the views."""
    paths = page_paths()
    privacy = PrivacySettings.for_site(Site.objects.get(is_default_site=True)).privacy_notice
    paths.append(privacy.url)
    for prefix in ("", "/en"):
        paths += [
            f"{prefix}/search/?q=innovation",
            f"{prefix}/feeds/news.rss",
            f"{prefix}/feeds/news.atom",
            f"{prefix}/ideas/",
        ]
    paths += [showcase_url(showcased().first()), "/api/search/?q=innovation", "/sitemap.xml"]
    return paths


def counts(client, warm: bool = True, paths: list[str] | None = None) -> dict[str, int]:
    """The queries of each public path's request, after a first request (warm) or a cleared cache."""
    measured = {}
    for path in paths or public_paths():
        if warm:
            client.get(path)
        else:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        measured[path] = len(queries)
    return measured


@pytest.fixture
def demo(private_media, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    # The pages as they are drawn: a page served from the page cache runs no query at all.
    settings.PAGE_CACHE = False
    call_command("load_demo", verbosity=0)
    # Parts drawn within the clock margin of a change are drawn again: measure past it.
    time.sleep(page_cache.CLOCK_MARGIN)


def test_every_public_page_runs_at_most_ten_queries_on_the_demo_and_at_a_thousand_pages_an_index(
    client, demo, capsys
):
    on_the_demo = counts(client)
    call_command("generate_content", news=1000, resources=1000, events=1000, verbosity=0)
    at_a_thousand = counts(client)
    cold = counts(client, warm=False)
    with capsys.disabled():  # the figures of docs/performance.md (pytest -s shows them)
        for path, queries in on_the_demo.items():
            print(f"{path:70} demo {queries:2}  1 000 {at_a_thousand[path]:2}  cold {cold[path]:2}")
    over = {
        (path, size): n
        for size, measured in (("demo", on_the_demo), ("1 000", at_a_thousand))
        for path, n in measured.items()
        if n > LIMIT
    }
    assert over == {}


def test_a_warm_page_of_every_type_runs_its_pinned_queries(client, demo):
    paths = page_paths()
    assert counts(client, paths=paths) == {path: pinned(path) for path in paths}
