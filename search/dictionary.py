"""simplemma's dictionaries, shared by the analysis, and the real spellings of a word typed
without å, ä, ö or é.

The dictionaries are tries, built once per machine into the user's cache directory (about 3 s)
and then mapped from disk: opening them takes milliseconds where decoding the shipped
dictionaries took 2 s in every process (a rebuild, each of its helpers, each worker), and they
take 6 MB of memory instead of 122 MB (measured).

*Real spellings*: "foretagens" is no word, so the lemmatiser leaves it as it is and it meets the
page's "företag" only by its folded stem, which for many words differs between inflections
("ideburna" → "ideburn", "idéburet" → "idebur"). A word that neither dictionary knows is
therefore also looked up with å, ä, ö and é put back in every way ("företagens"), and the
spellings the Swedish dictionary knows are searched beside it, as if typed correctly.
"""

import functools
import itertools
import math
import unicodedata

from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
from simplemma.strategies.dictionaries import TrieDictionaryFactory

_DICTIONARIES = TrieDictionaryFactory()
LEMMATIZER = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_DICTIONARIES))
_LOOKUP = DictionaryLookupStrategy(_DICTIONARIES)

# The letters typed for å, ä, ö and é on a keyboard without them.
_PLAIN_LETTERS = {"a": "aåä", "o": "oö", "e": "eé"}
_MARKED = frozenset("åäöé")
# A word with many a, o and e has thousands of spellings; each is a lookup of a few µs, so the
# longest words are not tried (12 such letters at most, e.g. "organisationsnummer" has 72).
MAX_SPELLINGS_TRIED = 1_024
# A folded word may be more than one real word ("fora": föra, fora): each is searched, a few at most.
MAX_SPELLINGS = 3


def is_known(word: str, language: str) -> bool:
    """The word is in the language's dictionary (in the dictionaries' normal form, as
    simplemma.is_known looks words up)."""
    return _LOOKUP.get_lemma(unicodedata.normalize("NFC", word), language) is not None


@functools.lru_cache(maxsize=10_000)
def real_spellings(word: str) -> tuple[str, ...]:
    """The Swedish words that `word` may be, typed without å, ä, ö and é; empty when the word is
    spelt with them, is a word of either language as typed, or has too many spellings to try."""
    if _MARKED & set(word) or not word.isalpha() or is_known(word, "sv") or is_known(word, "en"):
        return ()
    choices = [_PLAIN_LETTERS.get(letter, letter) for letter in word]
    if math.prod(map(len, choices)) > MAX_SPELLINGS_TRIED:
        return ()
    spellings = ("".join(letters) for letters in itertools.product(*choices))
    next(spellings)  # the word itself, unknown
    return tuple(itertools.islice((found for found in spellings if is_known(found, "sv")), MAX_SPELLINGS))
