"""Titles and snippets with the matched words in <mark>, the same for every engine.

The words that matched through a lemma key or a compound head exist only in Python (see
`search.analysis`), so only a highlighter here can mark "ungdomsarbetslösheten" for the query
"arbetslöshet"; the engines' own highlighters would mark stem matches only, and each in its
own way. A word is marked when any form the query could have matched it by agrees.

Checking every word of every hit that way would cost more than the search itself, so one
regular expression first picks the candidates: words that begin like a query word or one of
its keys (with or without å, ä, ö and other accents), or that contain a key (compounds).
"""

import itertools
import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .analysis import LANGUAGES, MAX_WORD_CHARS, analyse, compound_heads, lemma_key
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


def _any_accent(text: str) -> str:
    """A pattern for `text` (folded) that also matches its accented spellings."""
    return "".join(f"[{_ACCENTED[char]}]" if char in _ACCENTED else re.escape(char) for char in text)


class Highlighter:
    """Finds the query's words in text, in any form the query could have matched them."""

    def __init__(self, words: list[str]):
        self.exact = set(words)
        self.folded = {analyse("folded", word) for word in words}
        self.keys = {lang: {lemma_key(word, lang) for word in words} for lang in LANGUAGES}
        starts = {analyse("folded", form)[:PREFIX_CHARS] for form in [*words, *self._all_keys()]}
        inside = {key for key in self.keys["sv"] if len(key) >= MIN_COMPOUND_KEY}
        alternatives = [f"(?:{'|'.join(map(_any_accent, sorted(starts)))})"] if starts else []
        if inside:
            alternatives.append(f"[^\\W_]*?(?:{'|'.join(map(re.escape, sorted(inside)))})")
        pattern = f"(?<![^\\W_])(?:{'|'.join(alternatives)})[^\\W_]*" if alternatives else r"(?!)"
        self.candidates = re.compile(pattern, re.IGNORECASE)
        self._verdicts: dict[tuple[str, str], bool] = {}

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

    def _spans(self, text: str, language: str, start: int, end: int):
        for match in self.candidates.finditer(text, start, end):
            if self.matches(match[0].lower(), language):
                yield match.span()

    def finds(self, text: str, language: str, scan: int = SCAN_CHARS) -> bool:
        """Whether the first `scan` characters of `text` hold a match."""
        return next(self._spans(text, language, 0, scan), None) is not None

    def title(self, text: str, language: str) -> SafeString:
        return self._marked(text, 0, len(text), language)

    def snippet(
        self, text: str, language: str, size: int = SNIPPET_CHARS, scan: int = SCAN_CHARS
    ) -> SafeString:
        """The window of `size` characters holding the most matches, or the text's start."""
        spans = list(itertools.islice(self._spans(text, language, 0, scan), MAX_SPANS))
        if not spans:
            return self._marked(text, 0, _word_end(text, size), language)
        best = max(
            range(len(spans)),
            key=lambda i: (sum(1 for start, _ in spans[i:] if start < spans[i][0] + size - LEAD_CHARS), -i),
        )
        start = _word_start(text, max(spans[best][0] - LEAD_CHARS, 0))
        return self._marked(text, start, _word_end(text, start + size), language)

    def _marked(self, text: str, start: int, end: int, language: str) -> SafeString:
        parts, position = ["…" if start > 0 else ""], start
        for match_start, match_end in self._spans(text, language, start, end):
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
    that does (read whole: a document's words may be anywhere in it), else the page's start."""
    text = " ".join(part for part in (document.summary, document.body) if part)
    language = document.language
    if not highlighter.finds(text, language):
        for title, attached in document.attachments:
            if highlighter.finds(title, language):
                return highlighter.snippet(text, language), title
            if highlighter.finds(attached, language, scan=len(attached)):
                return highlighter.snippet(attached, language, scan=len(attached)), title
    return highlighter.snippet(text, language), ""


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
