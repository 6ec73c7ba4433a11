"""The figures kept under the data version (`figures.kept`): every counted change moves the version
in its own transaction, so the screen and the XLSX asked for again after it are counted afresh,
and asked for again without it are not counted at all."""

import datetime
import importlib
import io
import re
import threading
import time
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cms.models import ChallengeArea, Municipality
from figures.kept import data_version
from figures.models import DataVersion, ProgrammeTargets
from reach.models import Organisation, Person
from tests.helpers import database_triggers
from workflows.models import ActivityType, Idea, MarketOutcome, SupportActivity

from . import helpers as h
from .test_screens import Q1

VERSION_MIGRATION = importlib.import_module("figures.migrations.0002_data_version")


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def test_every_version_trigger_is_there_after_the_migrations(db):
    """Django's SQLite schema editor drops a table's triggers when an `AlterField` rebuilds it: a
    later migration of a counted table must make them again, or the figures would go stale."""
    assert VERSION_MIGRATION.trigger_names() <= database_triggers()


def _advisor():
    return User.objects.get_or_create(username="advisor")[0]


#: A change of each kind the counting rules see, made on the hand-worked programme.
COUNTED_CHANGES = {
    "a person reached": lambda p: h.reached("gustav@example.org", "79", h.at(2026, 2, 2), channel="event"),
    "a declared gender": lambda p: Person.objects.filter(pk=p["erik"].pk).update(gender="man"),
    "an enterprise no longer one": lambda p: Organisation.objects.filter(pk=p["beta"].pk).update(
        is_enterprise=False
    ),
    "an idea moved on": lambda p: Idea.objects.filter(reference="SIS-2026-00001").update(stage="pilot"),
    "an idea's challenge area": lambda p: Idea.objects.get(reference="SIS-2026-00001").challenge_areas.add(
        ChallengeArea.objects.create(slug="vard", name="Vård", name_en="Care")
    ),
    "a support activity": lambda p: SupportActivity.objects.create(
        idea=Idea.objects.get(reference="SIS-2026-00003"),
        date=datetime.date(2026, 3, 1),
        activity_type=ActivityType.COACHING,
        hours=Decimal(1),
        logged_by=_advisor(),
    ),
    "a market outcome deleted": lambda p: MarketOutcome.objects.all().delete(),
    "a municipality added": lambda p: Municipality.objects.create(name="Malmö", code="1280"),
    "the programme's targets": lambda p: ProgrammeTargets.load().save(),
}


@pytest.mark.parametrize("change", COUNTED_CHANGES)
def test_every_counted_change_moves_the_version(programme, change):
    before = data_version()
    COUNTED_CHANGES[change](programme)
    assert data_version() > before


def test_a_change_the_figures_do_not_read_leaves_the_version(programme):
    before = data_version()
    Idea.objects.filter(reference="SIS-2026-00001").update(title="Ett nytt namn")
    assert data_version() == before


def key_figures(response) -> list[int]:
    """The numbers of the indicators' table: mobilised, CO01, CO04, CO05, CO29, persons, organisations."""
    return [int(number) for number in re.findall(r'class="figures-key">(\d+)<', response.content.decode())]


def drawn(response) -> str:
    """The figures' part of the screen (the admin's chrome around it differs by request)."""
    page = response.content.decode()
    return page[page.index('<section aria-labelledby="figures-reach">') : page.rindex("</section>")]


def test_the_screen_is_counted_once_per_version_and_again_after_a_change(manager_client, programme):
    first = manager_client.get(reverse("figures:screen"), Q1)
    assert key_figures(first) == [6, 3, 2, 2, 1, 4, 3]
    with CaptureQueriesContext(connection) as again:
        second = manager_client.get(reverse("figures:screen"), Q1)
    assert drawn(second) == drawn(first)
    assert not [query for query in again.captured_queries if "reach_reach" in query["sql"]]
    h.reached("gustav@example.org", "79", h.at(2026, 2, 2), channel="event", role="participant")
    assert key_figures(manager_client.get(reverse("figures:screen"), Q1)) == [7, 3, 2, 2, 1, 5, 3]


def persons_listed(response) -> int:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return workbook.worksheets[1].max_row - 1  # the header aside


def test_the_xlsx_is_kept_until_a_person_is_erased_or_reached(manager_client, programme):
    assert persons_listed(manager_client.get(reverse("figures:report_xlsx"), Q1)) == 4
    with CaptureQueriesContext(connection) as again:
        assert persons_listed(manager_client.get(reverse("figures:report_xlsx"), Q1)) == 4
    assert not [query for query in again.captured_queries if "reach_reach" in query["sql"]]
    h.reached("gustav@example.org", "79", h.at(2026, 2, 2), channel="event", role="participant")
    assert persons_listed(manager_client.get(reverse("figures:report_xlsx"), Q1)) == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: run `make test-postgres`")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_writers_at_once_never_wait_for_each_other_on_the_version():
    """The first holds its transaction open after its change; the second changes and commits
    meanwhile, without waiting for it; each commit moves the version."""
    organisations = [Organisation.objects.create(name=f"Org {n}") for n in range(2)]
    before = data_version()
    changed, took = threading.Event(), {}

    def first():
        try:
            with transaction.atomic():
                Organisation.objects.filter(pk=organisations[0].pk).update(name="Först")
                changed.set()
                time.sleep(1.5)
        finally:
            connection.close()

    holder = threading.Thread(target=first)
    holder.start()
    try:
        assert changed.wait(10)
        started = time.monotonic()
        with transaction.atomic():
            Organisation.objects.filter(pk=organisations[1].pk).update(name="Sedan")
        took["second"] = time.monotonic() - started
        between = data_version()
    finally:
        holder.join(10)
    assert took["second"] < 1.0
    assert before < between < data_version()
    assert DataVersion.objects.count() >= 2  # the second took a row of its own
