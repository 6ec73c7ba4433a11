"""`{% live_figure name %}`: a live key figure, grouped as the page's language writes numbers."""

from django import template
from django.utils.formats import number_format

from ..live import live_figures

register = template.Library()


@register.simple_tag
def live_figure(name: str) -> str:
    """The live figure `name`, or "" when there is none by that name (the block then shows what
    the editor typed)."""
    number = live_figures().get(name) if name else None
    return "" if number is None else number_format(number, force_grouping=True)
