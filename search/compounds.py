"""Query compounds that the index has never seen, split into words that it has.

Swedish makes compounds freely: "ungdomsjobb" may be on no page while "ungdomar" and "jobb" are
on many. When a query finds nothing, each of its words that the index knows in no form (no
indexed word under its first letters has its lemma key) is split into two or three words that
the index does know, in any form: of the possible splits, the one whose parts are the most
frequent (the geometric mean of their document counts, as Koehn and Knight split German
compounds), the fewer parts on a tie. A modifier may end in a linking s ("ungdom-s-jobb") or
stand in its compound form ("skol-" of "skola": the same lemma key). Every part must then
match, and pages where the parts stand near each other rank first (`by_nearness`).

The vocabulary is the one "did you mean" uses (`SearchBackend._vocabulary`: the index's words
under a prefix with their document counts), so both engines split alike.
"""

import math
from collections.abc import Callable

from .analysis import is_stopword, lemma_key, spellings
from .documents import SearchDocument
from .highlight import SCAN_CHARS, Highlighter

MIN_PART, MAX_PARTS = 3, 3
# Indexed words weighed per prefix of MIN_PART letters, the most frequent first.
CANDIDATES = 1_000
# Parts within this many characters of each other count as near (about eight words).
NEAR_CHARS = 60

# A prefix → the index's words under it with their document counts, the most frequent first.
Vocabulary = Callable[[str], list[tuple[str, int]]]


class Splitter:
    """Splits the words of one query against the index's vocabulary, each prefix fetched once."""

    def __init__(self, vocabulary: Vocabulary):
        self._vocabulary = vocabulary
        self._fetched: dict[str, list[tuple[str, int]]] = {}
        self._splits: dict[tuple[str, int], tuple[list[str], list[int]] | None] = {}

    def split(self, word: str) -> list[str] | None:
        """The index's words that `word` is made of, if the index knows `word` in no form."""
        if not word.isalpha() or len(word) < 2 * MIN_PART or self.known(word):
            return None
        best = self._best(word, MAX_PARTS)
        return best[0] if best else None

    def known(self, text: str) -> tuple[str, int] | None:
        """The most frequent indexed word with `text`'s lemma key (`text` itself, an inflection
        of it, or the word whose compound form it is), with its document count."""
        if len(text) < MIN_PART or is_stopword(text):
            return None
        # Typed without å, ä and ö a part is still a word ("turne", turné), under other letters.
        for form in spellings(text):
            prefix, key = form[:MIN_PART], lemma_key(form, "sv")
            if prefix not in self._fetched:
                self._fetched[prefix] = self._vocabulary(prefix)
            for term, count in self._fetched[prefix]:
                if term == form or lemma_key(term, "sv") == key:
                    return term, count
        return None

    def _modifier(self, text: str) -> tuple[str, int] | None:
        if known := self.known(text):
            return known
        return self.known(text[:-1]) if text.endswith("s") else None

    def _best(self, text: str, parts: int) -> tuple[list[str], list[int]] | None:
        """The best split of `text` into at most `parts` known words (one: the word itself)."""
        if (text, parts) in self._splits:
            return self._splits[text, parts]
        options = []
        if parts < MAX_PARTS and (whole := self.known(text)):
            options.append(([whole[0]], [whole[1]]))
        if parts > 1:
            for cut in range(MIN_PART, len(text) - MIN_PART + 1):
                if (modifier := self._modifier(text[:cut])) and (rest := self._best(text[cut:], parts - 1)):
                    options.append(([modifier[0], *rest[0]], [modifier[1], *rest[1]]))
        best = max(options, key=lambda option: (-len(option[0]), _geometric_mean(option[1])), default=None)
        self._splits[text, parts] = best
        return best


def _geometric_mean(counts: list[int]) -> float:
    return math.exp(sum(map(math.log, counts)) / len(counts))


def by_nearness(documents: list[tuple[SearchDocument, float]], parts: list[list[str]]):
    """The documents with every split word's parts near each other first, each group in the
    engine's order."""
    finders = [[Highlighter([part]) for part in split] for split in parts]
    return sorted(documents, key=lambda found: not all(_near(found[0], split) for split in finders))


def _near(document: SearchDocument, finders: list[Highlighter]) -> bool:
    """Some stretch of NEAR_CHARS characters of the title or text holds every part."""
    text = " ".join(part for part in (document.title, document.summary, document.body) if part)[:SCAN_CHARS]
    found = sorted(
        (start, index)
        for index, finder in enumerate(finders)
        for start, _ in finder.spans(text, document.language)
    )
    last: dict[int, int] = {}
    for start, index in found:
        last[index] = start
        if len(last) == len(finders) and start - min(last.values()) <= NEAR_CHARS:
            return True
    return False
