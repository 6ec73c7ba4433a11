"""`{% live_figure name %}`: a live key figure, grouped as the page's language writes numbers."""

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import number_format

from infra import page_cache

from ..live import TIMEOUT, live_figures

register = template.Library()


@register.simple_tag
def live_figure(name: str) -> str:
    """The live figure `name`, or "" when there is none by that name (the block then shows what
    the editor typed)."""
    number = live_figures().get(name) if name else None
    # Counted again every few minutes: a page showing it is kept no longer than that either.
    page_cache.valid_until(timezone.now() + datetime.timedelta(seconds=TIMEOUT))
    return "" if number is None else number_format(number, force_grouping=True)
