"""`manage.py search_index rebuild|update|status`, and the rebuild's replay of changes made
while it ran."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.models import NewsPage
from search import indexing
from search.backends import get_backend
from search.documents import document_id

from .test_indexing import found, fresh

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("search_index", *args, "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_rebuild_indexes_every_findable_page(site_tree):
    assert "Rebuilt the search index: 8 documents" in run("rebuild")
    assert found("samverkan") == [document_id("news", site_tree.article.pk)]
    assert "The search index agrees with the database." in run("status")


def test_a_rebuild_shows_a_progress_bar(site_tree):
    err = io.StringIO()
    call_command("search_index", "rebuild", stdout=io.StringIO(), stderr=err)
    assert "8/8" in err.getvalue()


def test_status_lists_what_differs_and_update_repairs_it(site_tree):
    run("rebuild")
    # Changes that bypass Wagtail's signals (bulk updates, a lost row): the index cannot know.
    NewsPage.objects.filter(pk=site_tree.article.pk).update(title="Ny rubrik")
    NewsPage.objects.filter(pk=site_tree.article_en.pk).update(live=False)
    report = run("status")
    assert f"1 stale in the index: news:{site_tree.article.pk}" in report
    assert f"1 in the index but not findable: news:{site_tree.article_en.pk}" in report
    with pytest.raises(CommandError, match="differs"):
        call_command("search_index", "status", "--check", stdout=io.StringIO())

    assert "1 documents indexed, 1 deleted" in run("update")
    assert "agrees" in run("status")
    assert "0 documents indexed, 0 deleted" in run("update")


def test_update_fills_an_empty_index(site_tree):
    assert "8 documents indexed" in run("update")
    assert not indexing.differences()


def test_changes_made_during_a_rebuild_are_applied_to_the_new_index(
    site_tree, django_capture_on_commit_callbacks
):
    run("rebuild")

    unpublished = []

    def unpublish_midway(documents):
        for document in documents:
            if document.type == "resource" and not unpublished:
                unpublished.append(document)
                # The news pages are in the new index already; the old index hears of this.
                with django_capture_on_commit_callbacks(execute=True):
                    fresh(site_tree.article).unpublish()
            yield document

    done = indexing.rebuild(unpublish_midway)
    assert done.replayed >= 1
    assert found("samverkan") == []
    assert not indexing.differences()


@pytest.mark.parametrize("args", [(), ("drop",), ("status", "--limit", "3")])
def test_bad_arguments_are_refused_clearly(args):
    with pytest.raises(CommandError):
        call_command("search_index", *args)


def test_an_engine_that_is_down_is_reported_clearly(site_tree, settings):
    settings.SEARCH_LOCK_TIMEOUT = 0.1
    run("rebuild")
    NewsPage.objects.filter(pk=site_tree.article.pk).update(title="Ny rubrik")
    with get_backend().store.write_lock(), pytest.raises(CommandError, match="not available"):
        run("update")
