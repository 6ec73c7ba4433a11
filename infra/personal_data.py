"""The registry of personal data, keyed by the person: what each app holds about an e-mail address.

A person asking what the programme holds about them, or to be forgotten (GDPR articles 15 and 17),
is identified by their e-mail address. Each app that holds personal data registers a `Source` when
it starts (its `AppConfig.ready`): the fields it holds (`PersonalFields`, its part of the one
inventory a test checks against every free-text field of the project) and how, given a normalised
address, it finds, exports and erases what it holds. Erasing goes through the app's own erase
actions, which write the app's audit records and keep what the figures count (the register's
person becomes an anonymous tally row). This module knows no app: the apps sit above it.
"""

import datetime
import decimal
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import PersonalDataAction, PersonalDataRequest

#: Erasing deletes the row (and its stored file) instead of blanking the field.
DELETED = object()


def normalise_email(email: str) -> str:
    """The form of an address under which a person is found, and counted, once."""
    return email.strip().lower()


def exportable(value):
    """A field's value as JSON gives it."""
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name
    if isinstance(value, models.Model):
        return str(value)
    return value


@dataclass(frozen=True)
class PersonalFields:
    """The personal fields of one model and what erasing leaves in each: a value, an expression
    over the row, `DELETED`, or a function of the row for what needs the row's own content."""

    name: str  # the section of the access export
    model: type[models.Model]
    rows: Callable[[Any], QuerySet]  # the rows about one key: an idea, or an e-mail address
    erased: dict[str, Any]
    shown_with: tuple[str, ...] = ()  # fields the export gives beside them, to make sense of them
    exported_only: Q = field(default_factory=Q)  # the rows of the export, when not all are the person's
    #: The owning app's own erasure of one row (`erase(row, at=...)`), when it does more than blank
    #: the fields: the register marks its rows erased, so they stay as anonymous tally rows.
    erase: Callable[..., None] | None = None

    @property
    def deletes_rows(self) -> bool:
        return DELETED in self.erased.values()

    def export(self, key) -> list[dict]:
        """The rows about `key`, each with its personal fields and those beside them."""
        names = (*self.shown_with, *self.erased)
        return [
            {name: exportable(getattr(row, name)) for name in names}
            for row in self.rows(key).filter(self.exported_only)
        ]


@dataclass(frozen=True)
class Held:
    """One record held about a person, as the managers' screen lists it (no personal text)."""

    label: str  # a reference, an event's title
    detail: str  # a stage, a status
    when: datetime.date | None


@dataclass(frozen=True, eq=False)  # one of each: compared, and a dict's key, by identity
class Source:
    """What one app holds about persons. Each function takes a normalised e-mail address; `export`
    and `erase` also the acting manager (for the app's audit records), `erase` the time."""

    name: str  # the section of the access export
    title: str  # for the managers' screen (lazily translated)
    order: int  # the screen's and the export's order
    fields: tuple[PersonalFields, ...]
    find: Callable[[str], list[Held]]
    export: Callable[[str, Any], Any]
    erase: Callable[[str, Any, datetime.datetime], object]


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    _sources[source.name] = source


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda source: source.order)


def inventory() -> list[PersonalFields]:
    """Every inventoried model's personal fields, from every source."""
    return [entry for source in sources() for entry in source.fields]


def find(email: str) -> dict[Source, list[Held]]:
    """What each source holds about the address (empty lists for those holding nothing)."""
    email = normalise_email(email)
    return {source: source.find(email) for source in sources()}


def export(email: str, user) -> dict:
    """Everything held about the address, JSON-ready (right of access); logged without the address."""
    email = normalise_email(email)
    with transaction.atomic():
        exported = {"exported": timezone.now().isoformat(), "email": email}
        for source in sources():
            exported[source.name] = source.export(email, user)
        _log(
            user,
            PersonalDataAction.EXPORTED,
            {source.name: len(exported[source.name]) for source in sources()},
        )
    return exported


def erase(email: str, user) -> dict[str, int]:
    """Erase everything held about the address, in one transaction: each source through its app's
    own erase actions. How many records each source held; logged without the address."""
    email = normalise_email(email)
    at = timezone.now()
    with transaction.atomic():
        # Counted before: a source may erase what another lists (an idea's contact person is the
        # register's row).
        counts = {source.name: len(source.find(email)) for source in sources()}
        for source in sources():
            source.erase(email, user, at)
        _log(user, PersonalDataAction.ERASED, counts, at=at)
    return counts


def _log(user, action: str, counts: dict[str, int], at: datetime.datetime | None = None) -> None:
    PersonalDataRequest.objects.create(
        acting_user=user, action=action, counts=counts, at=at or timezone.now()
    )
