"""Ideas from before the register get their organisations, persons and reaches by a data
migration, nothing lost; migrating back leaves the ideas as they were."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# Migrations change the schema, which SQLite refuses inside a test's transaction; the data the
# migrations made (groups, permissions, root page) comes back after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("workflows", "0010_idea_and_outcome_in_the_register"), ("reach", "0002_organisation_erasure")]
AFTER = [("workflows", "0011_ideas_in_the_register")]


def migrate(targets):
    """The apps as they were at `targets`, once the database is there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_ideas():
    """Four ideas submitted before the register, and a market outcome; then the migration runs."""
    yield _old_ideas(migrate(BEFORE))
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # as the other tests expect it


def _old_ideas(apps) -> dict[str, int]:
    Idea = apps.get_model("workflows", "Idea")
    municipality = apps.get_model("cms", "Municipality").objects.create(name="Lund", slug="lund", code="1281")
    user = apps.get_model("auth", "User").objects.create(username="coordinator")
    day = timezone.make_aware(datetime.datetime(2025, 3, 1, 10))

    def idea(serial, **fields):
        return Idea.objects.create(
            **{
                "reference": f"SIS-2025-{serial:05d}",
                "title": "Idé",
                "summary": "Sammanfattning",
                "municipality": municipality,
                "organisation_type": "company",
                "organisation_name": "Läxhjälpen AB",
                "contact_name": "Amina Rahimi",
                "contact_email": "amina@example.org",
                "consent_processing": True,
                "created": day + datetime.timedelta(days=serial),
                **fields,
            }
        )

    ideas = {
        "first": idea(1, organisation_number="556036-0793"),
        "same number": idea(2, organisation_number="5560360793", contact_email="Olle@Example.org"),
        "no number": idea(
            3, organisation_type="idea_driven", organisation_name="Grannar", contact_email="AMINA@example.org"
        ),
        "erased": idea(
            4,
            organisation_name="",
            contact_name="",
            contact_email="",
            erased=day + datetime.timedelta(days=30),
        ),
    }
    apps.get_model("workflows", "MarketOutcome").objects.create(
        idea=ideas["first"],
        outcome_type="new_company",
        organisation_number="559016-9883",
        registration_date=datetime.date(2025, 9, 1),
        recorded_by=user,
    )
    return {name: each.pk for name, each in ideas.items()}


def test_old_ideas_get_organisations_persons_and_reaches(old_ideas):
    apps = migrate(AFTER)
    Idea, Person, Reach = (
        apps.get_model(*label) for label in [("workflows", "Idea"), ("reach", "Person"), ("reach", "Reach")]
    )
    ideas = {name: Idea.objects.get(pk=pk) for name, pk in old_ideas.items()}

    first, same, no_number, erased = ideas.values()
    assert first.organisation_id == same.organisation_id
    assert (first.organisation.organisation_number, first.organisation.is_enterprise) == ("556036-0793", True)
    assert no_number.organisation.organisation_number is None
    assert not no_number.organisation.is_enterprise
    assert no_number.organisation.name == "Grannar"
    # The same person by e-mail, first reached with their first idea.
    assert first.contact_person_id == no_number.contact_person_id != same.contact_person_id
    assert (first.contact_person.email, first.contact_person.first_reached) == (
        "amina@example.org",
        first.created,
    )
    assert same.contact_person.email == "olle@example.org"
    # The erased idea: an anonymous tally, still counted.
    assert (erased.contact_person.email, erased.contact_person.erased) == (None, erased.erased)
    assert (erased.organisation.name, erased.organisation.organisation_number) == ("", None)
    assert Person.objects.count() == 3
    assert sorted(Reach.objects.values_list("source", "role", "channel")) == [
        (each.reference, "contact", "idea") for each in ideas.values()
    ]
    assert all(Reach.objects.get(source=each.reference).reached == each.created for each in ideas.values())
    outcome = apps.get_model("workflows", "MarketOutcome").objects.get()
    assert outcome.organisation.organisation_number == "559016-9883"
    assert outcome.organisation.is_enterprise
    # Nothing of the ideas changed.
    assert (first.organisation_number, same.organisation_number, first.contact_email) == (
        "556036-0793",
        "5560360793",
        "amina@example.org",
    )


def test_migrating_back_unlinks_and_deletes_what_it_made(old_ideas):
    migrate(AFTER)
    apps = migrate(BEFORE)
    assert not apps.get_model("workflows", "Idea").objects.filter(organisation__isnull=False).exists()
    assert apps.get_model("workflows", "Idea").objects.count() == 4
    for model in ("Organisation", "Person", "Reach"):
        assert not apps.get_model("reach", model).objects.exists(), model
