"""Documents built the fast way (plain column values per chunk of pages, URLs from `url_path`)
say exactly what the pages say: Wagtail's own URLs in both languages and on several sites, tags
in the editor's order, relations of the right page across chunk boundaries."""

import pytest
from django.db import connection
from wagtail.models import Page, Site

from cms.models import ChallengeArea, NewsPage, ResourcePage
from search import pages
from search.documents import all_documents, document_id, source

pytestmark = pytest.mark.django_db


def urls_by_id() -> dict[str, str]:
    return {document.id: document.url for document in all_documents()}


def wagtail_urls() -> dict[str, str]:
    return {
        document_id(pages.PAGE_TYPES[type(page)], page.pk): page.get_url() or ""
        for model in pages.PAGE_TYPES
        for page in model.objects.live().public()
    }


def test_urls_are_wagtails_own_in_swedish_and_english(site_tree):
    site_tree.resource_index.add_child(
        instance=ResourcePage(title="Förening", slug="förening-åäö", resource_type="guide")
    )
    found = urls_by_id()
    assert found == wagtail_urls()
    assert found[document_id("news", site_tree.article_en.pk)] == "/en/news/joining-forces/"
    assert "/resurser/f%C3%B6rening-%C3%A5%C3%A4%C3%B6/" in found.values()


def test_with_a_second_site_urls_are_full_as_wagtail_makes_them(site_tree):
    other_home = Page.get_first_root_node().add_child(instance=Page(title="Annan", slug="annan"))
    Site.objects.create(hostname="annan.example.org", port=443, root_page=other_home)
    other_home.add_child(instance=NewsPage(title="Annan nyhet", slug="annan-nyhet"))
    found = urls_by_id()
    assert found == wagtail_urls()
    assert "https://annan.example.org/annan-nyhet/" in found.values()
    assert found[document_id("news", site_tree.article.pk)].startswith("http://testserver")


def test_tags_keep_the_editors_order(site_tree):
    site_tree.article.tags.set(["zebra", "alfa", "mitt"])
    site_tree.article.save()
    article = next(source("news").documents([site_tree.article.pk]))
    assert article.body.endswith("zebra alfa mitt")


def test_chunks_give_each_page_its_own_relations(site_tree, monkeypatch):
    areas = [ChallengeArea.objects.create(slug=f"omrade-{n}", name=f"Område {n}") for n in range(5)]
    for n in range(7):
        page = site_tree.news_index.add_child(instance=NewsPage(title=f"Nyhet {n}", slug=f"nyhet-{n}"))
        page.tags.add(f"tagg{n}")
        page.challenge_areas.set(areas[: n % 5])
        page.save()
        if n == 3:
            page.unpublish()  # a gap inside a chunk's key range
    whole = {document.id: document for document in all_documents()}
    monkeypatch.setattr(pages, "CHUNK", 2)
    assert {document.id: document for document in all_documents()} == whole
    some = [page.pk for page in NewsPage.objects.filter(title__in=["Nyhet 1", "Nyhet 3", "Nyhet 6"])]
    assert {document.id: document for document in source("news").documents(some)} == {
        id: whole[id] for id in (document_id("news", pk) for pk in some) if id in whole
    }
    sixth = whole[document_id("news", NewsPage.objects.get(title="Nyhet 6").pk)]
    assert sixth.body == "tagg6"
    assert sixth.challenge_areas == ("omrade-0",)


def test_a_part_of_a_rebuild_reads_its_own_pages_not_those_before_it(site_tree):
    """A rebuild's helper reads a part by its key range: the work of reading the last part of
    a table must not grow with the pages before it (it did on SQLite, which scanned from the
    table's first row for every part: at 1 000 000 pages, most of a rebuild's time)."""
    if connection.vendor != "sqlite":
        pytest.skip("counts SQLite's virtual-machine steps")
    for n in range(120):
        site_tree.news_index.add_child(instance=NewsPage(title=f"Nyhet {n}", slug=f"nyhet-{n}"))
    keys = list(source("news").keys())
    # Two parts of five generated pages alike, with some 100 pages between them.
    early, last = keys[-115:-110], keys[-5:]

    def steps(part: list[int]) -> int:
        counted = [0]

        def step() -> int:
            counted[0] += 1
            return 0

        connection.ensure_connection()
        connection.connection.set_progress_handler(step, 1)
        try:
            assert len(list(source("news").documents(range(part[0], part[-1] + 1)))) == 5
        finally:
            connection.connection.set_progress_handler(None, 1)
        return counted[0]

    steps(early)  # the sites' root paths, read once and kept
    assert steps(last) < 1.2 * steps(early)
