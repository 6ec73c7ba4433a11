"""The top hits of a search for common words, without scoring every match.

A common word matches most of a large index, and its search scored every match to find the top
20: tantivy's own pruning (block-max WAND) is used only by a collector that tantivy-py does not
give (its search always collects through a MultiCollector). Titles carry the ranking (their
clauses are boosted three times), so the search is first run over the documents with one of the
words in their title, a small part of the matches. The scores there are the full query's. A
document without a title match can score at most the sum of its other clauses' highest BM25
scores, computed here as tantivy computes the scores; if the last hit of the page scored more
than that, no other document can be on the page, and it is the same page, in the same order,
as a search of all the matches would give. Otherwise the search runs over all the matches.

A clause whose term few documents have (a common word's compound part or its lemma in the other
language: 1-10 documents at 1 000 000) would weigh most in that bound, as its idf is the highest:
one such clause (boost 0.3, idf 13) bounded the others at 9 where a title match scores 5-12, and
the first search was wasted on most pairs of common words. Its few documents are searched with
the titled ones instead, and it counts in no bound.
"""

import math

from tantivy import Occur, Query, Searcher

from ...analysis import LANGUAGES, Clause
from ...query import Plan
from .schema import SCHEMA

# tantivy's BM25: a term scores boost * idf * (K1 + 1) * tf / (tf + K1 * (1 - B + B * length / average)),
# always less than boost * idf * (K1 + 1).
K1 = 1.2
# Below this many matches scoring them all is cheap, and a first pass would be wasted work.
WORTH_FROM = 5_000
# A clause whose term is in fewer than this part of the documents is searched with the titles.
FEW = 0.01
# Scores are single-precision in tantivy: a page is taken only if it beats the bound by more.
MARGIN = 1.001

Analysed = list[tuple[Clause, str]]


def page_from_titles(searcher: Searcher, words: list[Analysed], plan: Plan, query: Query) -> list | None:
    """The page of (score, address) hits of `query` (the plan's words under its filters), if
    it can be found among the documents with a title match; None if not (or not worth trying).
    `words` are the clauses of each of the plan's words with their analysed terms."""
    languages = plan.filters.get("language", LANGUAGES)
    documents = _documents(searcher)
    if not documents:
        return None
    first, titled, bound, matches = [], 0, 0.0, []
    for clauses in words:
        most = 0
        for clause, term in clauses:
            found = searcher.doc_freq(clause.field, term)
            most = max(most, found)
            language = clause.field.rpartition("_")[2]
            if language in LANGUAGES and language not in languages:
                continue  # no document of the languages searched has this field
            if clause.field.startswith("title_") or found < FEW * documents:
                first.append(Query.term_query(SCHEMA, clause.field, term))
                titled += found
            elif found:
                bound += _highest(clause, found, documents)
        matches.append(most)
    # The titled documents expected under the filters (as if independent of the words): too few
    # for the page, and the first pass is wasted work.
    for name, values in plan.filters.items():
        if name != "language":
            titled *= sum(searcher.doc_freq(name, value) for value in values) / documents
    most = max(matches) if plan.any_word else min(matches)
    if most < WORTH_FROM or titled < 2 * (plan.offset + plan.limit):
        return None
    # Scores nothing: the hits' scores are those of `query`.
    in_first = Query.const_score_query(Query.boolean_query([(Occur.Should, term) for term in first]), 0.0)
    hits = searcher.search(
        Query.boolean_query([(Occur.Must, query), (Occur.Must, in_first)]),
        limit=plan.limit,
        offset=plan.offset,
        count=False,
    ).hits
    if len(hits) < plan.limit or hits[-1][0] <= bound * MARGIN:
        return None
    return hits


def _highest(clause: Clause, found: int, documents: int) -> float:
    """The highest score that the clause's term can give a document."""
    idf = math.log(1 + (documents - found + 0.5) / (found + 0.5))
    return clause.boost * idf * (K1 + 1)


def _documents(searcher: Searcher) -> int:
    """The documents in the index's segments, deleted ones included, as BM25 counts them:
    each has one type."""
    return sum(count for _, count in searcher.terms_with_prefix("type", ""))
