"""The arithmetic of the server-drawn SVG charts (bars 20 units apart, up to 220 units long)."""

from django import template

register = template.Library()

ROW = 20
LONGEST = 220


@register.filter
def bar_y(position: int) -> int:
    return position * ROW


@register.filter
def bar_height(rows: int) -> int:
    return max(rows, 1) * ROW


@register.filter
def bar_width(number, largest) -> int:
    return round(LONGEST * number / largest) if largest else 0


@register.filter
def percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


@register.filter
def days(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"
