"""Rebuilds that have helper processes read and analyse the documents (search/rebuild_helpers.py):
the same documents in the same order as one process alone, and only where another connection
sees the data."""

import os

import pytest
from django.db import connection

from search import rebuild_helpers
from search.backends.embedded import EmbeddedBackend
from search.backends.embedded.schema import fields
from search.documents import SearchDocument, all_documents, source
from search.query import SearchQuery
from search.rebuild_helpers import AllDocuments


def test_the_parts_of_a_rebuild_hold_every_document_once_in_order(site_tree, pipeline, monkeypatch):
    pipeline.at("support", consent_showcase=True)
    pipeline.at("pilot", consent_showcase=True)
    monkeypatch.setattr(rebuild_helpers, "PART", 2)
    parts, count = rebuild_helpers._parts()
    assert {type for type, _ in parts} == {"event", "idea", "news", "programme", "resource"}
    in_parts = [document for type, keys in parts for document in source(type).documents(keys)]
    assert in_parts == list(all_documents())
    assert count == len(in_parts) == 10  # with the two programme pages


def made_where(document: SearchDocument) -> tuple[int, dict]:
    """The process that made the document's fields, and the fields (a helper imports this by name)."""
    return os.getpid(), fields(document)


def refused(document: SearchDocument) -> dict:
    if document.type == "resource":
        raise ValueError(f"{document.id} refused")
    return fields(document)


@pytest.fixture
def in_parts(monkeypatch):
    """Parts of two documents, the first read by this process, the rest by helpers."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("Helper processes cannot read an in-memory SQLite database.")
    monkeypatch.setattr(rebuild_helpers, "PART", 2)
    monkeypatch.setattr(rebuild_helpers, "READ_FIRST", 1)
    monkeypatch.setattr(rebuild_helpers, "HELPERS_FROM", 1)


committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@committed
def test_documents_read_by_helper_processes_are_those_of_this_one_in_order(site_tree, in_parts):
    here = [fields(document) for document in all_documents()]
    made = list(AllDocuments().made(made_where, helpers=2))
    assert [values for _, values in made] == here
    assert {pid for pid, _ in made[:2]} == {os.getpid()}
    assert os.getpid() not in {pid for pid, _ in made[2:]}


@committed
def test_a_rebuild_through_helper_processes_finds_what_one_made_alone(site_tree, in_parts, tmp_path):
    alone = EmbeddedBackend(tmp_path / "alone", rebuild_helpers=0)
    helped = EmbeddedBackend(tmp_path / "helped", rebuild_helpers=1)
    assert alone.rebuild(AllDocuments()) == helped.rebuild(AllDocuments()) == 8  # programme pages too
    for text in ("samverkan", "cyklar", "mentor"):
        query = SearchQuery(text=text)
        assert helped.search(query) == alone.search(query)
    assert helped.status().versions == alone.status().versions


@committed
def test_a_document_that_fails_in_a_helper_process_fails_the_rebuild(site_tree, in_parts):
    with pytest.raises(ValueError, match="refused"):
        list(AllDocuments().made(refused, helpers=1))


def test_a_rebuild_inside_a_transaction_reads_in_its_own_process(site_tree, monkeypatch):
    # Only this connection sees the test's uncommitted pages.
    monkeypatch.setattr(rebuild_helpers, "READ_FIRST", 1)
    monkeypatch.setattr(rebuild_helpers, "HELPERS_FROM", 1)
    made = list(AllDocuments().made(made_where, helpers=1))
    assert len(made) == 8  # two each of news, events, resources and programme pages
    assert {pid for pid, _ in made} == {os.getpid()}
