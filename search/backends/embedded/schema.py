"""The tantivy schema: the shared text fields, facet fields, a sort key and the stored document."""

import tantivy

from ...analysis import TEXT_FIELDS, index_text
from ...documents import FACETS, SearchDocument
from .facets import AREA_SET, area_set

# tantivy is given finished terms (search.analysis.index_text) and only splits them on spaces.
# The engine analyzers (the same tantivy analyzers) run once per distinct word instead of once
# per occurrence: measured, that doubles the rebuild rate, as stemming is most of tantivy's work.
TERMS_ONLY = "terms"
_SPACES = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", tokenizer_name="raw", index_option="basic")
    # "<id> <version>" as one term: status() reads every id and version off the term dictionary.
    builder.add_text_field("stamp", tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field("source", stored=True, indexed=False)
    builder.add_integer_field("day", fast=True)
    for name in FACETS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    # All of a document's challenge areas as one value: the facet counts read this column
    # (see facets.py); the filter uses the field of the facet's own name.
    builder.add_text_field(AREA_SET, tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_text_field("translations", tokenizer_name="raw", index_option="basic")
    # No phrase queries are run, so no positions are kept.
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name=TERMS_ONLY, index_option="freq")
    return builder.build()


SCHEMA = build_schema()


def open_index(path) -> tantivy.Index:
    """The index at `path`, created if new."""
    index = tantivy.Index(SCHEMA, path=str(path), reuse=True)
    index.register_tokenizer(TERMS_ONLY, _SPACES)
    return index


def to_tantivy(document: SearchDocument) -> tantivy.Document:
    return tantivy.Document(**fields(document))


def fields(document: SearchDocument) -> dict:
    """The document with its analysed text, field by field, as tantivy stores and indexes it:
    plain values, so that a helper process can make them (see search/rebuild_helpers.py)."""
    return {
        "id": document.id,
        "stamp": f"{document.id} {document.version}",
        "source": document.source_json,
        "day": document.date.toordinal() if document.date else 0,
        # A single value as itself: tantivy takes it at a fraction of a one-item list's cost.
        **{
            name: values if len(values) > 1 else values[0]
            for name, values in document.facet_values().items()
            if values
        },
        **({AREA_SET: area_set(document.challenge_areas)} if document.challenge_areas else {}),
        **({"translations": list(document.translations)} if document.translations else {}),
        **index_text(document),
    }
