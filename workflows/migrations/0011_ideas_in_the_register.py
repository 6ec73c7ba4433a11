"""Ideas submitted before the register get their organisation, contact person and reach, dated
when the idea came in; market outcomes their organisation. Nothing of the ideas changes.

Written against the historical models, with today's rules spelt out here (a later change to the
register's actions must not change what this migration did): one organisation per number however
it was typed, an idea without a valid number has a row of its own and is never an enterprise, only
companies count as enterprises until a coordinator says otherwise, and a person is counted once
by their e-mail address. An idea whose personal data was already erased gets an anonymous tally
person and an organisation row without name or number, both marked erased.
"""

from django.core.exceptions import ValidationError
from django.db import migrations

from reach.organisation_numbers import normalise_organisation_number


def _number(typed: str) -> str | None:
    try:
        return normalise_organisation_number(typed) if typed else None
    except ValidationError:
        return None  # kept on the idea as typed; the register cannot count it


def fill_the_register(apps, schema_editor):
    Idea = apps.get_model("workflows", "Idea")
    MarketOutcome = apps.get_model("workflows", "MarketOutcome")
    Organisation = apps.get_model("reach", "Organisation")
    Person = apps.get_model("reach", "Person")
    Reach = apps.get_model("reach", "Reach")

    def organisation(number: str | None, **defaults):
        if number is None:
            return Organisation.objects.create(**{**defaults, "is_enterprise": False})
        found, _created = Organisation.objects.get_or_create(organisation_number=number, defaults=defaults)
        return found

    ideas = Idea.objects.filter(organisation__isnull=True).order_by("created", "pk")
    for idea in ideas.iterator():
        if idea.erased:
            idea.organisation = Organisation.objects.create(
                name="",
                organisation_type=idea.organisation_type,
                is_enterprise=False,
                created=idea.created,
                erased=idea.erased,
            )
            idea.contact_person = Person.objects.create(
                email=None, municipality_id=idea.municipality_id, first_reached=idea.created, erased=idea.erased
            )
        else:
            idea.organisation = organisation(
                _number(idea.organisation_number),
                name=idea.organisation_name or idea.contact_name,
                organisation_type=idea.organisation_type,
                is_enterprise=idea.organisation_type == "company",
                registration_date=idea.registration_date,
                created=idea.created,
            )
            # The ideas come oldest first: the person's first idea says when and where they were reached.
            idea.contact_person, _created = Person.objects.get_or_create(
                email=idea.contact_email.strip().lower(),
                defaults={"municipality_id": idea.municipality_id, "first_reached": idea.created},
            )
        idea.save(update_fields=["organisation", "contact_person"])
        Reach.objects.get_or_create(
            person=idea.contact_person,
            channel="idea",
            source=idea.reference,
            role="contact",
            defaults={"organisation": idea.organisation, "reached": idea.created},
        )

    outcomes = MarketOutcome.objects.filter(organisation__isnull=True).select_related("idea")
    for outcome in outcomes.iterator():
        number = _number(outcome.organisation_number)
        outcome.organisation = (
            organisation(
                number,
                name=outcome.idea.reference,
                organisation_type="company" if outcome.outcome_type == "new_company" else "other",
                is_enterprise=outcome.outcome_type == "new_company",
                registration_date=outcome.registration_date,
                created=outcome.recorded,
            )
            if number
            else outcome.idea.organisation
        )
        outcome.save(update_fields=["organisation"])


def empty_the_register_of_ideas(apps, schema_editor):
    """Unlink the ideas and outcomes, delete their reaches, then the rows nothing else counts."""
    Idea = apps.get_model("workflows", "Idea")
    MarketOutcome = apps.get_model("workflows", "MarketOutcome")
    Organisation = apps.get_model("reach", "Organisation")
    Person = apps.get_model("reach", "Person")
    Reach = apps.get_model("reach", "Reach")

    Idea.objects.update(organisation=None, contact_person=None)
    MarketOutcome.objects.update(organisation=None)
    Reach.objects.filter(channel="idea").delete()
    Organisation.objects.filter(reaches__isnull=True).delete()
    Person.objects.filter(reaches__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reach", "0002_organisation_erasure"),
        ("workflows", "0010_idea_and_outcome_in_the_register"),
    ]

    operations = [migrations.RunPython(fill_the_register, empty_the_register_of_ideas)]
