"""Soft hyphens in long words, by the page language's rules."""

from django.template import Context, Template
from django.utils import translation

SOFT = "\u00ad"


def render(text: str, language: str) -> str:
    with translation.override(language):
        return Template("{% load typography %}{{ text|hyphenate }}").render(Context({"text": text}))


def test_a_long_swedish_compound_may_break_between_its_syllables():
    assert render("7 samhällsutmaningar", "sv") == f"7 sam{SOFT}hälls{SOFT}ut{SOFT}ma{SOFT}ning{SOFT}ar"


def test_short_words_are_left_whole_and_markup_stays_escaped():
    assert render("4 <b>parter</b>", "sv") == "4 &lt;b&gt;parter&lt;/b&gt;"


def test_english_words_break_by_english_rules():
    assert SOFT in render("organisations", "en")
    assert render("organisations", "en").replace(SOFT, "") == "organisations"
