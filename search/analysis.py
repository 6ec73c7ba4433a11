"""Text analysis shared by both backends, so that they index and query the same terms.

Words are cut here, once, for both engines. Elasticsearch is sent the words and analyses them
itself with the analyzers of the same names (lowercase, Snowball stemmer, ASCII folding;
backends/elasticsearch/mapping.py); the embedded index is sent the finished terms, made by
these tantivy analyzers once per distinct word (TERMS). A test checks that both make the same
terms. What no engine does well for Swedish is done here:

- a *lemma key* per word: Snowball alone is inconsistent across forms ("arbetsmarknad" →
  "arbetsmarkn", "arbetsmarknaden" → "arbetsmarknad"), so the word is first lemmatised with
  simplemma's dictionary, then stemmed, and a final unstressed e is dropped (Swedish syncope:
  "cykel" → "cykl" as in "cyklar"), so that "cyklar", "cykel" and "cykeln" meet. The lemma
  key is the one ranked form of a word: a field of plain stems beside it ranked worse on the
  relevance set (hits@3 41 of 44, 42 without) and cost a fifth of the indexing.
- *compound heads*: Swedish compounds are right-headed ("ungdoms|arbetslöshet"), so a word
  that splits into two dictionary words also indexes the key of its head; "arbetslöshet"
  then finds "ungdomsarbetslöshet" (in a field that ranks low).
- *real spellings* of a query word typed without å, ä, ö or é ("foretagens" → "företagens",
  search/dictionary.py), searched beside it; and a query compound that the index has never
  seen is split into words it has (search/compounds.py, when the query finds nothing).
"""

import functools
import itertools
import re
from dataclasses import dataclass

from tantivy import Filter, TextAnalyzer, TextAnalyzerBuilder, Tokenizer

from .dictionary import LEMMATIZER, is_known, real_spellings
from .documents import SearchDocument

LANGUAGES = ("sv", "en")
SNOWBALL = {"sv": "swedish", "en": "english"}

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 10
MAX_WORD_CHARS = 40

# Letters and digits; underscores and everything else separate words.
_WORD = re.compile(r"[^\W_]+")
# A final unstressed -el/-er/-en after a consonant loses its e before an ending (cykel/cyklar).
_SYNCOPE = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])e([lnr])$")
# Compound splitting, tuned on the long words of the demo texts (hand-labelled: 87 % of the
# splits right, where "two dictionary words" alone gave 67 %): both parts dictionary words, the
# modifier at least 4 letters and not a particle or preposition (their compounds drift in
# meaning: efter|middag, under|lätta), the head at least 5 letters with a key of at least 4
# (so inflection endings such as -ernas or -heten are no heads).
_MIN_MODIFIER, _MIN_HEAD, _MIN_HEAD_KEY = 4, 5, 4
_LINKS = ("s", "")  # ungdom-s-arbetslöshet, barn-omsorg
_PARTICLES = frozenset(
    (
        "efter",
        "fram",
        "före",
        "förut",
        "gemen",
        "genom",
        "ihop",
        "inne",
        "inom",
        "med",
        "mot",
        "neder",
        "redo",
        "samman",
        "själv",
        "till",
        "tills",
        "under",
        "upp",
        "utom",
        "åter",
        "över",
    )
)


def _analyzer(*filters) -> TextAnalyzer:
    builder = TextAnalyzerBuilder(Tokenizer.whitespace()).filter(Filter.lowercase())
    for extra in filters:
        builder = builder.filter(extra)
    return builder.build()


# The engine-side analyzers of the text fields, by name. Elasticsearch defines the same names
# with the same filters (see backends/elasticsearch/mapping.py).
ANALYZERS: dict[str, TextAnalyzer] = {
    "exact": _analyzer(),
    # Forgiving: "kor" meets "kören" and "malmo" "Malmö". Stemmed the Swedish way in every
    # language, as these are mostly Swedish words typed without å, ä and ö.
    "folded": _analyzer(Filter.stemmer("swedish"), Filter.ascii_fold()),
}
_STEMMERS = {lang: _analyzer(Filter.stemmer(SNOWBALL[lang])) for lang in LANGUAGES}
_STOPWORDS = {lang: _analyzer(Filter.stopword(SNOWBALL[lang])) for lang in LANGUAGES}


def words(text: str) -> list[str]:
    """The text's words, lowercased, the way both engines will see them; overlong ones dropped.

    The same as `_WORD.findall(text.lower())` without the overlong words, at a third of the
    cost: most whitespace-separated tokens are one word already, and the few that are not
    ("innovation.", "(2015)") are cut once each and remembered (TOKEN_WORDS).
    """
    return list(itertools.chain.from_iterable(map(TOKEN_WORDS.__getitem__, text.lower().split())))


class Terms(dict):
    """What each word makes under one analysis (a term, a compound's heads), computed once per
    word: indexing looks up every word of every document, and a dict lookup (mapped over a text
    at C speed) is far cheaper than running an analyzer or an lru_cache call each time. Emptied
    when full, so random query words cannot grow it without bound."""

    MAX_WORDS = 500_000

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, word: str) -> str:
        if len(self) >= self.MAX_WORDS:
            self.clear()
        term = self[word] = self.make(word)
        return term


def _engine_term(analyzer: TextAnalyzer, word: str) -> str:
    terms = analyzer.analyze(word)
    return terms[0] if terms else word


def stem(word: str, language: str) -> str:
    """Snowball's stem of the word (uncached: the lemma keys made of it are)."""
    return _engine_term(_STEMMERS[language], word)


def _lemma_key(language: str, word: str) -> str:
    key = stem(LEMMATIZER.lemmatize(word, language), language)
    return _SYNCOPE.sub(r"\1", key) if language == "sv" else key


def _token_words(token: str) -> tuple[str, ...]:
    found = (token,) if token.isalnum() else _WORD.findall(token)
    return tuple(word for word in found if len(word) <= MAX_WORD_CHARS)


# whitespace-separated token → its words (letters and digits), in order, overlong ones dropped.
TOKEN_WORDS = Terms(_token_words)
# word → term, per engine analyzer and per language's lemma key.
TERMS = {name: Terms(functools.partial(_engine_term, analyzer)) for name, analyzer in ANALYZERS.items()}
LEMMA_KEYS = {lang: Terms(functools.partial(_lemma_key, lang)) for lang in LANGUAGES}


def analyse(analyzer: str, word: str) -> str:
    """The term that the engine analyzer `analyzer` makes of one word."""
    return TERMS[analyzer][word]


def lemma_key(word: str, language: str) -> str:
    """The word's lemma, stemmed; for Swedish also without a syncopated e."""
    return LEMMA_KEYS[language][word]


def compound_heads(word: str) -> tuple[str, ...]:
    """Lemma keys of the heads of a Swedish compound word (see the rules above)."""
    return COMPOUND_HEADS[word]


def _compound_heads(word: str) -> tuple[str, ...]:
    heads = []
    for cut in range(_MIN_MODIFIER, len(word) - _MIN_HEAD + 1):
        modifier, head = word[:cut], word[cut:]
        if not is_known(head, "sv") or len(key := lemma_key(head, "sv")) < _MIN_HEAD_KEY:
            continue
        if any(_is_modifier(modifier, link) for link in _LINKS):
            heads.append(key)
    return tuple(dict.fromkeys(heads))


COMPOUND_HEADS = Terms(_compound_heads)


def _is_modifier(text: str, link: str) -> bool:
    stem = text[: len(text) - len(link)]
    return (
        text.endswith(link) and len(stem) >= _MIN_MODIFIER and stem not in _PARTICLES and is_known(stem, "sv")
    )


def is_stopword(word: str) -> bool:
    """A stopword of either language: dropped from queries beside other words (query_words) and
    from the ranked fields (index_text)."""
    return STOPWORDS[word]


STOPWORDS = Terms(lambda word: any(not analyzer.analyze(word) for analyzer in _STOPWORDS.values()))


def _token_terms(term, token: str) -> str:
    """The terms that `term` makes of a token's words, space-separated; empty ones left out."""
    return " ".join(filter(None, map(term, TOKEN_WORDS[token])))


def _token_heads(token: str) -> str:
    return " ".join(itertools.chain.from_iterable(map(compound_heads, TOKEN_WORDS[token])))


def _unless_stopword(key, word: str) -> str:
    return "" if STOPWORDS[word] else key(word)


# whitespace-separated token → what its words put in each field, space-separated: a document's
# field is then one join over its tokens, with no list of words in between.
TOKEN_TERMS = {
    **{name: Terms(functools.partial(_token_terms, TERMS[name].__getitem__)) for name in ANALYZERS},
    "parts": Terms(_token_heads),
    # The ranked fields hold no stopwords, a third of a text's words: a query drops them beside
    # other words (see query_words), and one of stopwords alone finds them in the exact field.
    **{
        f"key_{lang}": Terms(
            functools.partial(_token_terms, functools.partial(_unless_stopword, LEMMA_KEYS[lang].__getitem__))
        )
        for lang in LANGUAGES
    },
}


def index_text(document: SearchDocument) -> dict[str, str]:
    """The terms of each text field of a document, space-separated (for the exact field its
    words, which are their own terms); the fields of the other language are left out."""
    language = document.language
    title = document.title.lower().split()
    tokens = title + document.text.lower().split()
    # The exact and folded forms only count for little, so each token counts once there: that
    # halves the work on these fields. In order of appearance, so that every process makes the
    # same fields (a set's order changes with the process's string hashing).
    distinct = list(dict.fromkeys(tokens))
    key = TOKEN_TERMS[f"key_{language}"].__getitem__
    fields = {
        f"lemma_{language}": _joined(map(key, tokens)),
        f"title_{language}": _joined(map(key, title)),
        "exact": _joined(map(TOKEN_TERMS["exact"].__getitem__, distinct)),
        "folded": _joined(map(TOKEN_TERMS["folded"].__getitem__, distinct)),
    }
    if language == "sv":
        fields["parts"] = _joined(map(TOKEN_TERMS["parts"].__getitem__, distinct))
    return {name: terms for name, terms in fields.items() if terms}


def _joined(pieces) -> str:
    return " ".join(filter(None, pieces))


# Every text field of the index, and the engine analyzer that its terms are made with (None:
# made here: lemma keys and compound heads). A query word is analysed with it; Elasticsearch is
# sent the words of these fields and analyses them itself.
TEXT_FIELDS: dict[str, str | None] = {
    "exact": "exact",
    "folded": "folded",
    "parts": None,
    **{f"lemma_{lang}": None for lang in LANGUAGES},
    **{f"title_{lang}": None for lang in LANGUAGES},
}


@dataclass(frozen=True)
class Clause:
    """One way a query word can match: `value` in `field`, scored times `boost`.

    The engine analyses `value` as it analysed the field (see TEXT_FIELDS).
    """

    field: str
    value: str
    boost: float


# How much a match in each kind of field counts; the title and the lemma carry the ranking,
# the exact form breaks ties between forms, folded and compound matches are found but rank low.
BOOSTS = {"title": 3.0, "lemma": 1.0, "exact": 0.5, "parts": 0.3, "folded": 0.2}


def query_words(text: str) -> list[str]:
    """The words of a user's query: bounded in number and length, stopwords dropped.

    No query syntax is interpreted: quotes, colons, brackets and operators are separators,
    so no input can change the structure of the engine query.
    """
    found = words(str(text)[:MAX_QUERY_CHARS])
    kept = [word for word in found if not is_stopword(word)] or found
    return list(dict.fromkeys(kept))[:MAX_QUERY_WORDS]


def spellings(word: str) -> tuple[str, ...]:
    """A query word as typed and, typed without å, ä, ö or é, the real words it may be (see
    search.dictionary): each is searched and marked as the word itself."""
    return (word, *real_spellings(word))


def clauses(word: str) -> list[Clause]:
    """Every field and term by which one query word may match, in both languages."""
    result = []
    for form in spellings(word):
        result += [
            Clause("exact", form, BOOSTS["exact"]),
            Clause("folded", form, BOOSTS["folded"]),
            Clause("parts", lemma_key(form, "sv"), BOOSTS["parts"]),
        ]
        for lang in LANGUAGES:
            key = lemma_key(form, lang)
            result += [
                Clause(f"lemma_{lang}", key, BOOSTS["lemma"]),
                Clause(f"title_{lang}", key, BOOSTS["title"]),
            ]
    # Forms that make the same term (a folded word and its spelling) match once.
    return list(dict.fromkeys(result))
