"""Typography for narrow boxes: soft hyphens where the language allows a break."""

import functools
import re

import pyphen
from django import template
from django.utils.translation import get_language

register = template.Library()

#: Words this long may not fit a phone's key-figure card; shorter ones are left alone.
LONG_WORD = re.compile(r"\w{10,}")


@functools.cache
def _dictionary(language: str) -> pyphen.Pyphen | None:
    return pyphen.Pyphen(lang=language) if language in pyphen.LANGUAGES else None


@register.filter
def hyphenate(text: str) -> str:
    """Soft hyphens in the long words of `text`, by the current language's hyphenation rules.
    Browsers break a word there and show the hyphen only when they do; Chromium on Linux has no
    dictionaries of its own for CSS `hyphens: auto`."""
    dictionary = _dictionary(get_language() or "")
    if dictionary is None or not text:
        return text
    return LONG_WORD.sub(lambda word: dictionary.inserted(word.group(), hyphen="\u00ad"), str(text))
