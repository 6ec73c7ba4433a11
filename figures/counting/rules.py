"""How a counting rule carries its own explanation: the "how is this counted" note shown beside it."""

from collections.abc import Callable
from typing import TypeVar

from django.utils.functional import Promise

F = TypeVar("F", bound=Callable)

#: Every rule by name, in the order they were declared: the report's sheet of definitions.
RULES: dict[str, Callable] = {}


def rule(how: Promise) -> Callable[[F], F]:
    """Marks a counting function as a rule; `how` says in one or two sentences how it counts."""

    def mark(function: F) -> F:
        function.how = how
        RULES[function.__name__] = function
        return function

    return mark


NOT_STATED = "not_stated"


def with_not_stated(rows, key: str, count: str = "n") -> dict[str, int]:
    """{value: count} from `values(key).annotate(n=…)` rows; empty or missing values under
    `NOT_STATED`, so that what was not stated is shown, never dropped."""
    counted: dict[str, int] = {}
    for row in rows:
        value = row[key] or NOT_STATED
        counted[value] = counted.get(value, 0) + row[count]
    return counted
