"""The register's part of the personal-data registry: a person's row, found by their address.

Exported with what they declared and each time they were reached; erased by `erase_person`,
which keeps the row as the anonymous tally the figures count.
"""

import datetime

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from infra.personal_data import Held, PersonalFields, Source, exportable

from .actions import erase_person
from .models import Person

PERSONS = PersonalFields(
    "register",
    Person,
    lambda email: Person.objects.filter(email=email).order_by("pk"),
    {"email": None},
    ("gender", "age_band", "municipality", "first_reached"),
    erase=erase_person,
)


def find(email: str) -> list[Held]:
    return [
        Held(
            str(_("Entry in the register of persons reached")),
            ngettext("reached once", "reached %(count)d times", count) % {"count": count},
            person.first_reached,
        )
        for person, count in ((person, person.reaches.count()) for person in PERSONS.rows(email))
    ]


def export(email: str, user=None) -> list[dict]:
    """The person's row, and each time the programme reached them (through which idea or event)."""
    return [
        {
            **row,
            "reached": [
                {name: exportable(value) for name, value in reach.items()}
                for reach in person.reaches.order_by("reached").values("channel", "role", "source", "reached")
            ],
        }
        for person, row in zip(PERSONS.rows(email), PERSONS.export(email), strict=True)
    ]


def erase(email: str, user, at: datetime.datetime) -> int:
    persons = list(PERSONS.rows(email).select_for_update())
    for person in persons:
        erase_person(person, at=at)
    return len(persons)


SOURCE = Source("register", _("Register of persons reached"), 30, (PERSONS,), find, export, erase)
