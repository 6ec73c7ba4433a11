"""The Elasticsearch index: explicit mappings and the analyzers, mirroring search.analysis.

Same field names and analysis as the embedded index: the engine analyzers lowercase (and for
the folded field stem and fold) the space-separated words made in Python; the key fields
(lemma, title, parts) take the Python-made terms as they are. No built-in language analyzer is
used: not every compatible server has a "swedish" one, and these are explicit.
"""

from elasticsearch.dsl import Date, Index, Keyword, Mapping, Object, Text, analyzer, token_filter

from ...analysis import TEXT_FIELDS
from ...documents import FACETS
from ...query import MAX_RESULT_WINDOW

_SWEDISH_STEMMER = token_filter("stemmer_sv", type="stemmer", language="swedish")
ANALYZERS = {
    "exact": analyzer("exact", tokenizer="whitespace", filter=["lowercase"]),
    "folded": analyzer(
        "folded", tokenizer="whitespace", filter=["lowercase", _SWEDISH_STEMMER, "asciifolding"]
    ),
    "keys": analyzer("keys", tokenizer="whitespace"),
}

# "folded" is a sub-field of "exact" here (the same words, folded), a field of its own in tantivy.
_TEXT = [name for name in TEXT_FIELDS if name != "folded"]


def mapping() -> Mapping:
    m = Mapping()
    m.meta("dynamic", "strict")
    # The analysed copies of the text are indexed but not kept: hits are shown from "source".
    m.meta("_source", {"excludes": [*_TEXT, "words"]})
    m.field("id", Keyword())
    m.field("version", Keyword())
    m.field("date", Date())
    for name in FACETS:
        m.field(name, Keyword())
    m.field("translations", Keyword())
    # The vocabulary for completions and corrections: each distinct word once per document.
    m.field("words", Keyword())
    m.field("source", Object(enabled=False))
    for name in _TEXT:
        sub_fields = {"folded": Text(analyzer=ANALYZERS["folded"])} if name == "exact" else {}
        m.field(name, Text(analyzer=ANALYZERS[TEXT_FIELDS[name] or "keys"], fields=sub_fields))
    return m


def new_index(name: str) -> Index:
    """An index definition; one shard keeps term statistics whole, as in the embedded index."""
    index = Index(name)
    index.settings(number_of_shards=1, max_result_window=MAX_RESULT_WINDOW)
    index.mapping(mapping())
    return index
