"""Titles and snippets with the matched words in <mark>, the same for every engine.

The words that matched through a lemma key or a compound head exist only in Python (see
`search.analysis`), so only a highlighter here can mark "ungdomsarbetslösheten" for the query
"arbetslöshet"; the engines' own highlighters would mark stem matches only, and each in its
own way. A word is marked when any form the query could have matched it by agrees.

Checking every word of every hit that way would cost more than the search itself, so one
regular expression first picks the candidates: words that begin like a query word or one of
its keys (with or without å, ä, ö and other accents), or that contain a key (compounds).
"""

import functools
import itertools
import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .analysis import LANGUAGES, MAX_WORD_CHARS, analyse, compound_heads, lemma_key, spellings
from .documents import SearchDocument

SNIPPET_CHARS = 220
# Snippets come from the start of long texts: a match further in still ranks the hit.
SCAN_CHARS = 20_000
# Context shown before the first match of the snippet.
LEAD_CHARS = 40
# Windows are weighed around the first matches only: enough to find a good one, bounded in time.
MAX_SPANS = 50
# Word forms share their first letters (cykel, cyklar; malmo, malmö); keys this long or longer
# may be the head of a compound.
PREFIX_CHARS, MIN_COMPOUND_KEY = 3, 4
_ACCENTED = {
    "a": "aàáâãäå",
    "c": "cç",
    "e": "eèéêë",
    "i": "iìíîï",
    "n": "nñ",
    "o": "oòóôõöø",
    "u": "uùúûü",
    "y": "yýÿ",
}


# Lowercase letters with accents to their base letter (for the query's few forms).
_FOLD = str.maketrans({accented: base for base, all in _ACCENTED.items() for accented in all[1:]})
# Places a long text's plain-substring search may propose before the expression is used instead.
MAX_TRIES = 20


def _any_accent(text: str) -> str:
    """A pattern for `text` (folded) that also matches its accented spellings."""
    return "".join(f"[{_ACCENTED[char]}]" if char in _ACCENTED else re.escape(char) for char in text)


class Highlighter:
    """Finds the query's words in text, in any form the query could have matched them."""

    def __init__(self, words: list[str]):
        words = [form for word in words for form in spellings(word)]
        self.exact = set(words)
        self.folded = {analyse("folded", word) for word in words}
        self.keys = {lang: {lemma_key(word, lang) for word in words} for lang in LANGUAGES}
        self._verdicts: dict[tuple[str, str], bool] = {}

    # The two expressions are compiled when first used (about 1 ms each, a query's words rarely in
    # `re`'s cache): a highlighter used only to judge words (`matches`) needs neither.

    @functools.cached_property
    def candidates(self) -> re.Pattern:
        starts = {analyse("folded", form)[:PREFIX_CHARS] for form in [*self.exact, *self._all_keys()]}
        inside = {key for key in self.keys["sv"] if len(key) >= MIN_COMPOUND_KEY}
        alternatives = [f"(?:{'|'.join(map(_any_accent, sorted(starts)))})"] if starts else []
        if inside:
            alternatives.append(f"[^\\W_]*?(?:{'|'.join(map(re.escape, sorted(inside)))})")
        pattern = f"(?<![^\\W_])(?:{'|'.join(alternatives)})[^\\W_]*" if alternatives else r"(?!)"
        return re.compile(pattern, re.IGNORECASE)

    @functools.cached_property
    def needles(self) -> re.Pattern:
        forms = {*self.exact, *self.folded, *self._all_keys()}
        needles = sorted({form.translate(_FOLD) for form in forms if form}, key=len, reverse=True)
        return re.compile("|".join(map(_any_accent, needles)) if needles else r"(?!)")

    def _all_keys(self) -> set[str]:
        return set().union(*self.keys.values())

    def matches(self, token: str, language: str) -> bool:
        verdict = self._verdicts.get((token, language))
        if verdict is None:
            verdict = self._verdicts[token, language] = self._matches(token, language)
        return verdict

    def _matches(self, token: str, language: str) -> bool:
        if len(token) > MAX_WORD_CHARS:
            return False
        if token in self.exact or analyse("folded", token) in self.folded:
            return True
        keys = self.keys.get(language, set())
        if lemma_key(token, language) in keys:
            return True
        return language == "sv" and bool(keys & set(compound_heads(token)))

    def spans(self, text: str, language: str, start: int = 0, end: int | None = None):
        """(start, end) of each matching word of `text`."""
        end = len(text) if end is None else end
        for match in self.candidates.finditer(text, start, end):
            if self.matches(match[0].lower(), language):
                yield match.span()

    def finds(self, text: str, language: str) -> bool:
        """Whether the first SCAN_CHARS characters of `text` hold a match."""
        return next(self.spans(text, language, 0, SCAN_CHARS), None) is not None

    def first_in(self, text: str, language: str) -> int | None:
        """Where the first match in a long text (an attached file's) begins, or None.

        The candidates' expression costs about 40 ms on 100 000 characters, so a long text is
        searched for the query's forms as plain substrings instead (its words and keys, with or
        without accents: about 2 ms), and only the words at those places are checked. A form
        whose lemma is no prefix of it ("gick" for "gå") is not located this way."""
        for tries, found in enumerate(self.needles.finditer(text.lower())):
            if tries >= MAX_TRIES:
                break
            start, end = _word_around(text, found.start())
            if next(self.spans(text, language, start, end), None):
                return start
        return None

    def title(self, text: str, language: str) -> SafeString:
        return self._marked(text, 0, len(text), language)

    def first_spans(
        self, text: str, language: str, start: int = 0, scan: int = SCAN_CHARS
    ) -> list[tuple[int, int]]:
        """(start, end) of the first MAX_SPANS matching words in the `scan` characters from `start`."""
        return list(itertools.islice(self.spans(text, language, start, start + scan), MAX_SPANS))

    def snippet(
        self,
        text: str,
        language: str,
        size: int = SNIPPET_CHARS,
        start: int = 0,
        scan: int = SCAN_CHARS,
        spans: list[tuple[int, int]] | None = None,
    ) -> SafeString:
        """The window of `size` characters holding the most matches (of those in the `scan`
        characters from `start`: `spans`, if already found), or the text's start."""
        if spans is None:
            spans = self.first_spans(text, language, start, scan)
        if not spans:
            return self._marked(text, 0, _word_end(text, size), language)
        best = max(
            range(len(spans)),
            key=lambda i: (sum(1 for start, _ in spans[i:] if start < spans[i][0] + size - LEAD_CHARS), -i),
        )
        window = _word_start(text, max(spans[best][0] - LEAD_CHARS, 0))
        end = _word_end(text, window + size)
        # The window's matches are known when it lies in the part searched and all its matches
        # were kept: the text is then read once, not again for the marks.
        known = len(spans) < MAX_SPANS and start <= window and end <= start + scan
        inside = (
            [(first, last) for first, last in spans if window <= first and last <= end] if known else None
        )
        return self._marked(text, window, end, language, inside)

    def _marked(
        self, text: str, start: int, end: int, language: str, spans: list[tuple[int, int]] | None = None
    ) -> SafeString:
        """The text from `start` to `end` with its matches (`spans`, if known) marked."""
        parts, position = ["…" if start > 0 else ""], start
        for match_start, match_end in self.spans(text, language, start, end) if spans is None else spans:
            parts += [
                escape(text[position:match_start]),
                f"<mark>{escape(text[match_start:match_end])}</mark>",
            ]
            position = match_end
        parts += [escape(text[position:end]), "…" if end < len(text) else ""]
        return mark_safe("".join(parts))  # noqa: S308 (every piece of the text escaped above)


def document_snippet(highlighter: Highlighter, document: SearchDocument) -> tuple[SafeString, str]:
    """A hit's snippet, and the title of the attachment it comes from ("" for the page's own text):
    from the page's summary and body when they hold a match, else from the first attachment
    that does (a document's words may be anywhere in it), else the page's start."""
    text = " ".join(part for part in (document.summary, document.body) if part)
    language = document.language
    spans = highlighter.first_spans(text, language)
    if not spans:
        for title, attached in document.attachments:
            if highlighter.finds(title, language):
                return highlighter.snippet(text, language, spans=spans), title
            start = highlighter.first_in(attached, language)
            if start is not None:
                near = LEAD_CHARS + SNIPPET_CHARS
                return highlighter.snippet(attached, language, start=start, scan=near), title
    return highlighter.snippet(text, language, spans=spans), ""


def _word_around(text: str, position: int) -> tuple[int, int]:
    """The start and end of the word that `position` is in."""
    start, end = position, position
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _word_start(text: str, position: int) -> int:
    """`position`, moved forward to the start of a word unless it is the text's start."""
    if position == 0:
        return 0
    space = text.find(" ", position)
    return space + 1 if space != -1 else position


def _word_end(text: str, position: int) -> int:
    """`position`, moved back to the end of a word (so no word is cut), or the text's end."""
    if position >= len(text):
        return len(text)
    space = text.rfind(" ", 0, position)
    return space if space > 0 else position
