"""The backend for more than one machine: Elasticsearch 8 or 9 through the elasticsearch 8 client.

Settings: ELASTICSEARCH_URL; ELASTICSEARCH_INDEX, the alias searched and written (default
"sis-search"), behind which concrete indices "<alias>-<time>-<random>" are swapped by rebuilds
(a private part's alias is "<alias>.<part>", which that pattern never matches);
ELASTICSEARCH_COMPAT_HEADERS (default True), False for servers that answer as Elasticsearch but
refuse its compatibility media type, such as osmem-server (see transport.py; OpenSearch itself
the client refuses: the tests reach it through a transport of their own, tests/search/engines.py);
ELASTICSEARCH_TIMEOUT in seconds (default 5).
"""

import contextlib
import secrets
import time
from collections.abc import Iterable

import elastic_transport
from django.conf import settings
from elasticsearch import ApiError, BadRequestError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import Q, Search

from ...analysis import TEXT_FIELDS, clauses, index_text
from ...documents import FACETS, SearchDocument
from ...query import Plan
from ...results import Found, IndexStatus
from ..base import Like, SearchBackend, SearchError, SearchUnavailable
from .mapping import new_index
from .transport import PlainJsonNode

FACET_SIZE = 1_000
BULK_CHUNK = 500
STATUS_PAGE = 1_000
# The folded analysis is a sub-field of "exact" here, a field of its own in the embedded index.
_FIELD_NAMES = {"folded": "exact.folded"}
# Lucene's BM25 leaves out the constant factor (k1 + 1) = 2.2 that tantivy's keeps: a constant
# score (a shared challenge area) is scaled by it, so that it weighs against words as it does there.
_BM25_SCALE = 1 / 2.2


class ElasticsearchBackend(SearchBackend):
    """An alias on an Elasticsearch (or compatible) server; arguments override the settings.
    `node_class` replaces the client's HTTP node class (the tests' transport for OpenSearch)."""

    def __init__(
        self,
        url: str | None = None,
        index: str | None = None,
        compat_headers: bool | None = None,
        timeout: float | None = None,
        node_class: type[elastic_transport.BaseNode] | None = None,
        part: str = "",
    ):
        if compat_headers is None:
            compat_headers = getattr(settings, "ELASTICSEARCH_COMPAT_HEADERS", True)
        if node_class is None and not compat_headers:
            node_class = PlainJsonNode
        self.alias = index or getattr(settings, "ELASTICSEARCH_INDEX", "sis-search")
        if part:
            self.alias = f"{self.alias}.{part}"
        self.client = Elasticsearch(
            url or settings.ELASTICSEARCH_URL,
            request_timeout=timeout or getattr(settings, "ELASTICSEARCH_TIMEOUT", 5),
            max_retries=1,
            retry_on_timeout=True,
            **({"node_class": node_class} if node_class else {}),
        )
        self._alias_ready = False

    # Reading

    def _search(self, plan: Plan) -> Found:
        search = (
            Search(using=self.client, index=self.alias)
            .query(_untranslated(_text_query(plan.words, plan.any_word), plan.language))
            .extra(track_total_hits=True, from_=plan.offset, size=plan.limit)
            .source(["source"])
        )
        if plan.filters:
            # Hits obey every filter; the aggregations below run before it, each under the others.
            search = search.post_filter(_filter_query(plan.filters))
        for name in FACETS if plan.facets else ():
            search.aggs.bucket(name, "filter", filter=_filter_query(plan.filters_except(name))).bucket(
                "values", "terms", field=name, size=FACET_SIZE
            )
        order = ({"date": {"order": "desc", "missing": "_last"}},) if plan.by_date else ("_score",)
        search = search.sort(*order, {"id": "asc"})
        with self._errors():
            try:
                response = search.execute().to_dict()
            except NotFoundError:
                return Found(total=0, documents=[], facets={})
        aggregations = response.get("aggregations", {})
        return Found(
            total=response["hits"]["total"]["value"],
            documents=[
                (SearchDocument.from_dict(hit["_source"]["source"]), 0.0 if plan.by_date else hit["_score"])
                for hit in response["hits"]["hits"]
            ],
            facets={
                name: {
                    bucket["key"]: bucket["doc_count"] for bucket in aggregations[name]["values"]["buckets"]
                }
                for name in FACETS
                if name in aggregations
            },
        )

    def _similar(self, like: list[Like], exclude: list[str], limit: int) -> list[str]:
        # Built from the document's terms rather than with `more_like_this`, so that both engines
        # weigh the same terms alike (and osmem-server need not know that query).
        alike = Q("bool", should=[_like_query(part) for part in like], minimum_should_match=1)
        search = (
            Search(using=self.client, index=self.alias)
            .query(Q("bool", must=[alike], must_not=[Q("terms", id=exclude)]))
            .extra(size=limit, track_total_hits=False)
            .source(False)
            .sort("_score", {"id": "asc"})
        )
        with self._errors():
            try:
                response = search.execute().to_dict()
            except NotFoundError:
                return []
        return [hit["_id"] for hit in response["hits"]["hits"]]

    def _vocabulary(self, prefix: str, language: str, limit: int) -> list[tuple[str, int]]:
        """A terms aggregation over the distinct words of the documents that have a word with
        the prefix: the same counts and order as the embedded index's term dictionary, so both
        complete and correct alike (the completion suggester ranks by weights fixed at indexing
        and could not count per language)."""
        # Prefixes are words from search.analysis.words: letters and digits, nothing a regex reads.
        if not prefix.isalnum():
            return []
        search = Search(using=self.client, index=self.alias).extra(size=0).filter("prefix", words=prefix)
        if language:
            search = search.filter("term", language=language)
        search.aggs.bucket("words", "terms", field="words", include=f"{prefix}.*", size=limit)
        with self._errors():
            try:
                response = search.execute().to_dict()
            except NotFoundError:
                return []
        return [
            (bucket["key"], bucket["doc_count"]) for bucket in response["aggregations"]["words"]["buckets"]
        ]

    def ping(self, timeout: float) -> str:
        # No retry: a health check wants the engine's answer now, not within two timeouts.
        client = self.client.options(request_timeout=timeout, max_retries=0)
        with self._errors():
            try:
                return f"{client.count(index=self.alias)['count']} documents"
            except NotFoundError:
                return "0 documents"  # nothing indexed yet: the alias comes with the first write

    def status(self) -> IndexStatus:
        versions, after = {}, None
        with self._errors():
            names = self._aliased()
            if not names:
                return IndexStatus(name="", versions={})
            sources = [{"id": {"terms": {"field": "id"}}}, {"version": {"terms": {"field": "version"}}}]
            while True:
                page = {"size": STATUS_PAGE, "sources": sources, **({"after": after} if after else {})}
                response = self.client.search(index=self.alias, size=0, aggs={"all": {"composite": page}})
                found = response["aggregations"]["all"]
                versions.update(
                    (bucket["key"]["id"], bucket["key"]["version"]) for bucket in found["buckets"]
                )
                after = found.get("after_key")
                if not found["buckets"] or not after:
                    return IndexStatus(name=names[0], versions=versions)

    # Writing

    def index(self, documents: Iterable[SearchDocument]) -> int:
        self._ensure_alias()
        actions = ({"_index": self.alias, "_id": doc.id, "_source": _body(doc)} for doc in documents)
        with self._errors():
            # require_alias: should the alias be gone, refuse rather than create an unmapped index.
            count, _ = helpers.bulk(
                self.client, actions, chunk_size=BULK_CHUNK, refresh="wait_for", require_alias=True
            )
        return count

    def delete(self, ids: Iterable[str]) -> None:
        self._ensure_alias()
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": str(id)} for id in ids)
        with self._errors():
            helpers.bulk(self.client, actions, chunk_size=BULK_CHUNK, refresh="wait_for", ignore_status=404)

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Build a new index with refreshes off, then move the alias to it in one request.
        The index it replaces is kept (a search may still be running on it), older ones go."""
        name = f"{self.alias}-{time.strftime('%Y%m%dt%H%M%S')}-{secrets.token_hex(4)}"
        with self._errors():
            new_index(name).settings(refresh_interval="-1").create(using=self.client)
            try:
                actions = ({"_index": name, "_id": doc.id, "_source": _body(doc)} for doc in documents)
                count, _ = helpers.bulk(self.client, actions, chunk_size=BULK_CHUNK)
            except BaseException:
                self.client.indices.delete(index=name, ignore_unavailable=True)
                raise
            self.client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
            self.client.indices.refresh(index=name)
            previous = self._aliased()
            moves = [{"remove": {"index": old, "alias": self.alias}} for old in previous]
            self.client.indices.update_aliases(
                actions=[*moves, {"add": {"index": name, "alias": self.alias}}]
            )
            kept = {name, *previous}
            older = [old for old in self.client.indices.get(index=f"{self.alias}-*") if old not in kept]
            if older:
                self.client.indices.delete(index=",".join(older))
        self._alias_ready = True
        return count

    def _aliased(self) -> list[str]:
        try:
            return list(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def _ensure_alias(self) -> None:
        """Before the first write: an index behind the alias, unless one is there already.
        Processes that race here create the same index, and adding an alias is idempotent."""
        if self._alias_ready:
            return
        first = f"{self.alias}-first"
        with self._errors():
            if not self.client.indices.exists_alias(name=self.alias):
                try:
                    new_index(first).create(using=self.client)
                except BadRequestError:
                    if not self.client.indices.exists(index=first):
                        raise
                self.client.indices.update_aliases(actions=[{"add": {"index": first, "alias": self.alias}}])
        self._alias_ready = True

    @contextlib.contextmanager
    def _errors(self):
        """The client's failures as the interface's: unreachable or refused."""
        try:
            yield
        except elastic_transport.TransportError as error:
            raise SearchUnavailable(f"Elasticsearch cannot be reached: {error}") from error
        except (ApiError, helpers.BulkIndexError) as error:
            raise SearchError(f"Elasticsearch refused the request: {error}") from error


def _body(document: SearchDocument) -> dict:
    fields = index_text(document)
    # "exact" carries the folded analysis as its sub-field; the server analyses the words.
    fields.pop("folded", None)
    return {
        "id": document.id,
        "version": document.version,
        "date": document.date.isoformat() if document.date else None,
        **document.facet_values(),
        "translations": list(document.translations),
        **fields,
        "words": list(dict.fromkeys(fields.get("exact", "").split())),
        "source": document.to_dict(),
    }


def _text_query(words: list[str], any_word: bool = False) -> Q:
    """Every word must match (with `any_word`, at least one), each in any of its clauses (see
    analysis.clauses)."""
    if not words:
        return Q("match_all")
    if any_word:
        return Q("bool", should=[_word_query(word) for word in words], minimum_should_match=1)
    return Q("bool", must=[_word_query(word) for word in words])


def _untranslated(query: Q, language: str) -> Q:
    """`query` without the documents that have a translation into `language`: in the query, not
    the post filter, so that the facet counts leave them out too."""
    if not language:
        return query
    return Q("bool", must=[query], must_not=[Q("term", translations=language)])


def _word_query(word: str) -> Q:
    alternatives = []
    for clause in clauses(word):
        field = _FIELD_NAMES.get(clause.field, clause.field)
        if TEXT_FIELDS[clause.field]:
            alternatives.append(Q("match", **{field: {"query": clause.value, "boost": clause.boost}}))
        else:
            alternatives.append(Q("term", **{field: {"value": clause.value, "boost": clause.boost}}))
    return Q("bool", should=alternatives, minimum_should_match=1)


def _like_query(like: Like) -> Q:
    if like.field in TEXT_FIELDS:
        return Q("term", **{like.field: {"value": like.value, "boost": like.weight}})
    return Q("constant_score", filter=Q("term", **{like.field: like.value}), boost=like.weight * _BM25_SCALE)


def _filter_query(filters) -> Q:
    return Q("bool", filter=[Q("terms", **{name: list(values)}) for name, values in filters.items()])
