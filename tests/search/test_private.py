"""The private part of the index (every idea, for reviewers' "similar ideas"), on every engine:
its ideas are never reached by the public search, its API, its completions or its "did you
mean"; the pipeline's index rows keep it up to date; erasure removes an idea; a rebuild
rebuilds it."""

import io
import json
import secrets

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search import private
from search.backends import BACKENDS
from search.documents import SearchDocument
from workflows import actions
from workflows.models import Idea

from .engines import ElasticsearchOnOpenSearch
from .servers import OPENSEARCH, OSMEM

pytestmark = pytest.mark.django_db

HIDDEN = {"title": "Kvastfeningar i parken", "summary": "Vi prövar kvastfeningar med unga i parken."}
SHOWN = {"title": "Cirkusskola för unga", "summary": "Unga lär sig cirkus.", "consent_showcase": True}


@pytest.fixture(params=["embedded", OSMEM, OPENSEARCH])
def engine(request, settings, monkeypatch):
    """The configured backend, both parts: the embedded one (see conftest) or the Elasticsearch
    backend on one of the servers, under an alias of the test's own."""
    if request.param == "embedded":
        yield
        return
    settings.SEARCH_BACKEND = "elasticsearch"
    if request.param == OSMEM:
        settings.ELASTICSEARCH_URL = request.getfixturevalue("osmem_clone").url
        settings.ELASTICSEARCH_COMPAT_HEADERS = False
        settings.ELASTICSEARCH_INDEX = "sis-test"
        yield
        return
    url, alias = request.getfixturevalue("opensearch_node").url, f"sis-test-{secrets.token_hex(4)}"
    monkeypatch.setitem(BACKENDS, "elasticsearch", "tests.search.engines.ElasticsearchOnOpenSearch")
    settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX = url, alias
    yield
    client = ElasticsearchOnOpenSearch(url, index=alias).client
    client.indices.delete(index=f"{alias}-*,{alias}.private-*", ignore_unavailable=True)


def alike(title: str) -> list[str]:
    """The private part's ideas most like a text, as the similar-ideas list asks."""
    probe = SearchDocument(id="idea:0", type="idea", language="sv", title=title, url="", date=None)
    return private.backend().similar(probe)


def command(*args) -> str:
    out = io.StringIO()
    call_command("search_index", *args, "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def api(client, path="/api/search/", **params) -> dict:
    return json.loads(client.get(path, params).content)


def test_ideas_not_showcased_are_never_reached_by_the_public_search(
    engine, client, site, pipeline, after_commit
):
    with after_commit():
        hidden = pipeline.at("rejected", **HIDDEN)
        shown = pipeline.at("support", **SHOWN)
    # The word is indexed, in the private part: only the public search cannot reach it.
    assert alike("kvastfeningar") == [f"idea:{hidden.idea.pk}"]

    # A hit links to the idea's showcase page, whose address holds its reference.
    assert hidden.idea.reference not in client.get("/search/", {"q": "kvastfeningar"}).text
    assert api(client, q="kvastfeningar")["total"] == 0
    # Neither a correction of a misspelling nor a completion gives the word away.
    assert "kvastfeningar" not in client.get("/search/", {"q": "kvastfeningat"}).text.lower()
    assert "kvastfeningar" not in json.dumps(api(client, q="kvastfeningat"), ensure_ascii=False)
    assert api(client, "/api/search/suggest/", q="kvastfen")["suggestions"] == []

    # The same paths do reach a showcased idea.
    assert shown.idea.reference in client.get("/search/", {"q": "cirkusskola"}).text
    assert api(client, q="cirkusskola")["total"] == 1
    assert api(client, "/api/search/suggest/", q="cirkussk")["suggestions"] == ["cirkusskola"]


def test_the_pipeline_keeps_the_private_part_up_to_date_and_erasure_removes_the_idea(
    engine, pipeline, after_commit, manager
):
    with after_commit():
        submitted = pipeline.at("screening", **HIDDEN)
    assert alike("kvastfeningar") == [f"idea:{submitted.idea.pk}"]
    with after_commit():
        pipeline.walk(submitted, [("screener", "advance"), ("applicant", "withdraw")])
    assert alike("kvastfeningar") == [f"idea:{submitted.idea.pk}"]  # withdrawn ideas stay
    with after_commit():
        actions.erase_applicant_data(submitted.idea.pk, manager)
    assert alike("kvastfeningar") == []
    assert alike(submitted.idea.reference) == []  # nor under the title erasure left


def test_a_rebuild_rebuilds_the_private_part(engine, pipeline, after_commit, capsys):
    with after_commit():
        rejected = pipeline.at("rejected", **HIDDEN)
    private.backend().delete([f"idea:{rejected.idea.pk}"])
    assert alike("kvastfeningar") == []
    call_command("search_index", "rebuild", "--no-progress")
    assert alike("kvastfeningar") == [f"idea:{rejected.idea.pk}"]
    assert "Rebuilt the reviewers' index of ideas: 1 ideas." in capsys.readouterr().out


def test_status_and_update_cover_the_private_part(engine, pipeline, after_commit):
    with after_commit():
        rejected = pipeline.at("rejected", **HIDDEN)
        withdrawn = pipeline.at("withdrawn", title="Cykelverkstad för nyanlända")
    assert "The reviewers' index of ideas agrees with the database." in command("status")

    # What the outbox cannot know of: a lost delete, a bulk change, a stray document.
    private.backend().delete([f"idea:{rejected.idea.pk}"])
    Idea.objects.filter(pk=withdrawn.idea.pk).update(summary="Vi lagar cyklar med kvastfeningar.")
    stray = SearchDocument(id="idea:999999", type="idea", language="sv", title="Borttagen", url="", date=None)
    private.backend().index([stray])
    report = command("status")
    assert f"1 missing from the index: idea:{rejected.idea.pk}" in report
    assert f"1 stale in the index: idea:{withdrawn.idea.pk}" in report
    assert "1 in the index but not findable: idea:999999" in report
    assert "The search index agrees with the database." in report  # neither idea is showcased
    with pytest.raises(CommandError, match="differs"):
        call_command("search_index", "status", "--check", stdout=io.StringIO())

    report = command("update")
    assert "Updated the search index: 0 documents indexed, 0 deleted." in report
    assert "Updated the reviewers' index of ideas: 2 documents indexed, 1 deleted." in report
    assert sorted(alike("kvastfeningar")) == sorted([f"idea:{rejected.idea.pk}", f"idea:{withdrawn.idea.pk}"])
    assert alike("borttagen") == []
    call_command("search_index", "status", "--check", stdout=io.StringIO())
    assert "0 documents indexed, 0 deleted." in command("update").splitlines()[-1]
