"""Which themes exist and which one the current request uses.

A theme is a folder `themes/<name>/` with `templates/` and `static/<name>/`. The active
theme lives in a context variable set by `ThemeMiddleware`, so the template loader can
read it without a request in hand.
"""

import functools
from contextvars import ContextVar
from pathlib import Path

THEMES_DIR = Path(__file__).resolve().parent
DEFAULT_THEME = "default"

_active_theme: ContextVar[str] = ContextVar("active_theme", default=DEFAULT_THEME)


@functools.cache
def available_themes() -> tuple[str, ...]:
    # Themes are folders of the code: looked for once per process, not on every request.
    return tuple(sorted(path.parent.name for path in THEMES_DIR.glob("*/templates")))


def templates_dir(theme: str) -> Path:
    return THEMES_DIR / theme / "templates"


def active_theme() -> str:
    return _active_theme.get()


def activate(theme: str):
    """Make `theme` active for this context; returns a token for `deactivate`."""
    return _active_theme.set(theme if theme in available_themes() else DEFAULT_THEME)


def deactivate(token) -> None:
    _active_theme.reset(token)
