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
from figures import kept, report, summary
from figures.counting import Period
from figures.kept import data_version, versions_read
from figures.models import DataVersion, ProgrammeTargets
from reach.actions import erase_organisation, erase_person, withdraw_reach
from reach.models import Organisation, Person
from tests.helpers import database_triggers
from workflows.actions import submit_idea
from workflows.models import ActivityType, Idea, MarketOutcome, Stage, StageSpell, Status, SupportActivity
from workflows.models.spells import record_stage_change

from . import helpers as h
from .test_screens import Q1

VERSION_MIGRATION = importlib.import_module("figures.migrations.0002_data_version")
FINER_MIGRATION = importlib.import_module("figures.migrations.0004_finer_versions")


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def test_every_version_trigger_is_there_after_the_migrations(db):
    """Django's SQLite schema editor drops a table's triggers when an `AlterField` rebuilds it: a
    later migration of a counted table must make them again, or the figures would go stale."""
    assert VERSION_MIGRATION.trigger_names() | FINER_MIGRATION.trigger_names() <= database_triggers()


def test_the_rules_are_kept_by_the_tables_that_have_version_triggers_and_no_other(db):
    """`figures.kept` keeps a rule's count only while it reads tables whose changes move a version:
    a later migration that puts the version's triggers on another table must be followed there."""
    triggered = {
        match.group(1)
        for name in database_triggers()
        if (match := re.fullmatch(r"figures_version_(\w+)_(?:insert|update|delete)", name))
    }
    assert triggered == kept._tables()[1]


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


#: Changes beside `COUNTED_CHANGES` that the rules' kept counts must follow: an idea submitted
#: (with its first stage spell and reach) and one moved on (its spell closed, the next opened).
KEPT_CHANGES = {
    **COUNTED_CHANGES,
    "an idea submitted": lambda p: h.idea(
        "SIS-2026-00009",
        changes=[(h.at(2026, 2, 20), Stage.SUBMITTED, Status.ACTIVE)],
        organisation=p["beta"],
        contact=h.reached("gunnel@example.org", "SIS-2026-00009", h.at(2026, 2, 20), organisation=p["beta"]),
    ),
    "an idea moved on": lambda p: record_stage_change(
        Idea.objects.get(reference="SIS-2026-00003"),
        {"stage": Stage.PILOT, "status": Status.ACTIVE},
        h.at(2026, 3, 10),
    ),
}

#: Changes a version finer than a table must follow (`figures 0004`), or must not need to.
KEPT_CHANGES |= {
    "an idea's organisation changed": lambda p: Idea.objects.filter(reference="SIS-2026-00003").update(
        organisation=p["beta"]
    ),
    "an idea withdrawn in support": lambda p: record_stage_change(
        Idea.objects.get(reference="SIS-2026-00001"),
        {"stage": Stage.SUPPORT, "status": Status.WITHDRAWN},
        h.at(2026, 2, 25),
    ),
    "a spell's end corrected": lambda p: StageSpell.objects.filter(
        idea__reference="SIS-2026-00002", left__isnull=False
    ).update(left=h.at(2026, 3, 20)),
    "a support spell's start corrected": lambda p: StageSpell.objects.filter(
        idea__reference="SIS-2025-00009", stage=Stage.MARKET
    ).update(entered=h.at(2026, 4, 2)),
    "an idea's submission corrected": lambda p: Idea.objects.filter(reference="SIS-2026-00002").update(
        created=h.at(2025, 12, 30)
    ),
    "an attendance withdrawn": lambda p: withdraw_reach(
        person=Person.objects.get(email="cecilia@example.org"),
        channel="event",
        source="77",
        role="participant",
    ),
    "an organisation erased": lambda p: erase_organisation(p["alfa"], at=h.at(2026, 4, 2)),
    "a person erased": lambda p: erase_person(p["erik"], at=h.at(2026, 4, 2)),
    "an organisation registered": lambda p: h.organisation(9, "Nya AB", registered=datetime.date(2026, 1, 5)),
}

#: Changes the rules read but whose numbers stay the same (a name for a code, a target, an
#: organisation nothing points to yet, an erased person who still counts once).
KEPT_NUMBERS_UNCHANGED = {
    "a municipality added",
    "the programme's targets",
    "an organisation registered",
    "a person erased",
    "an organisation erased",
}

#: Periods that each see some of the changes: the quarter, the year, two dates, and one before.
PERIODS = [
    Period.quarter(2026, 1),
    Period.year(2026),
    Period(datetime.date(2026, 2, 2), datetime.date(2026, 3, 15)),
    Period.year(2025),
]


def _everything(period):
    """What the screen and the report show for the period, their lists read to the end."""
    targets = ProgrammeTargets.load()
    made = h.at(2026, 4, 1)
    return summary.screen(period, targets), [
        (title, header, list(rows)) for title, header, rows in report.sheets(period, targets, made)
    ]


@pytest.mark.parametrize("change", KEPT_CHANGES)
def test_what_is_kept_equals_a_fresh_count_after_each_kind_of_change(programme, change):
    """Every rule's count kept before the change, asked again after it, equals a fresh count of
    every period; and the change shows in at least one of them (so a stale count would fail)."""
    before = {}
    for period in PERIODS:
        with versions_read():
            before[period] = _everything(period)  # every rule counted and kept
    KEPT_CHANGES[change](programme)
    for period in PERIODS:
        with versions_read():
            kept_now = _everything(period)
        assert kept_now == _everything(period), period  # outside `versions_read`: counted afresh
    if change not in KEPT_NUMBERS_UNCHANGED:
        assert any(_everything(period)[0] != before[period][0] for period in PERIODS)


def test_a_change_counts_again_only_the_rules_that_read_the_changed_table(programme):
    with versions_read():
        summary.screen(Period.quarter(2026, 1), ProgrammeTargets.load())
    KEPT_CHANGES["a support activity"](programme)
    with CaptureQueriesContext(connection) as queries, versions_read():
        figures = summary.screen(Period.quarter(2026, 1), ProgrammeTargets.load())
    counting = [query["sql"] for query in queries.captured_queries if "workflows_" in query["sql"]]
    assert all("workflows_supportactivity" in sql for sql in counting), counting
    assert len(counting) == 2  # support hours, and the supported enterprises (CO01, CO04, CO05)
    assert sum(row["hours"] for row in figures["support_hours"]) == Decimal("4.5")


def _counting_after(change: str, programme) -> list[str]:
    """The counting queries of the screen asked again after `change`, everything kept before it."""
    with versions_read():
        summary.screen(Period.year(2026), ProgrammeTargets.load())
    KEPT_CHANGES[change](programme)
    with CaptureQueriesContext(connection) as queries, versions_read():
        summary.screen(Period.year(2026), ProgrammeTargets.load())
    return [
        query["sql"]
        for query in queries.captured_queries
        if "workflows_" in query["sql"] or "reach_" in query["sql"]
    ]


def test_an_idea_submitted_leaves_the_enterprises_and_time_in_stage_kept(programme):
    """What a submission inserts (an idea, an organisation, an open spell in "submitted", a
    reach through the idea) cannot change CO01, CO04, CO05, CO29 or time in stage."""
    counting = _counting_after("an idea submitted", programme)
    assert not [sql for sql in counting if "flagged" in sql or "workflows_marketoutcome" in sql], counting
    assert not [sql for sql in counting if "workflows_stagespell" in sql], counting
    # The ideas, their challenge areas, the persons and the organisations reached, and whom the
    # programme reached to the year's end (the pace).
    assert len(counting) == 5


def test_the_intake_moves_no_version_the_enterprises_and_time_in_stage_follow(db):
    """The intake's own submission, as an applicant makes it: the idea is inserted with its
    organisation (not moved to it after), and its first spell is open."""
    followed = {"reach_organisation:changed", "workflows_idea:organisation", "workflows_stagespell:support"}
    followed |= {"workflows_stagespell:left", "reach_reach:event"}
    before = kept.versions()
    submit_idea(
        title="En ny idé",
        summary="En idé lämnad i formuläret.",
        challenge_areas=[ChallengeArea.objects.create(slug="miljo", name="Miljö", name_en="Environment")],
        municipality=Municipality.objects.create(name="Lund", code="1281"),
        organisation_type="company",
        organisation_name="Nybolaget AB",
        organisation_number=h.organisation_number(7),
        contact_name="Nora Ny",
        contact_email="nora@example.org",
        team_size=1,
        language="sv",
        consent_processing=True,
    )
    after = kept.versions()
    assert after["workflows_idea"] > before.get("workflows_idea", 0)
    assert {name: after.get(name) for name in followed} == {name: before.get(name) for name in followed}


def test_an_idea_moved_on_leaves_the_challenge_areas_and_co29_kept(programme):
    counting = _counting_after("an idea moved on", programme)
    assert not [sql for sql in counting if "challenge_areas" in sql or "workflows_marketoutcome" in sql]
    assert len(counting) == 2  # its spells: the supported enterprises, time in stage


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_counting_on_sqlite_holds_no_write_lock(client, manager):
    """A transaction on SQLite begins IMMEDIATE, taking the write lock: the figures, which only
    read, open none, so writers never wait for a count."""
    client.force_login(manager)
    statements = []

    def note(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        assert client.get(reverse("figures:screen"), Q1).status_code == 200
    counting = [
        n for n, sql in enumerate(statements) if "figures_programmetargets" in sql or "reach_reach" in sql
    ]
    assert len(counting) >= 2  # the targets read before the figures, and a count
    # (The session saved afterwards, and the theme's settings made on the first request, write.)
    during = statements[counting[0] : counting[-1] + 1]
    assert not [sql for sql in during if sql.lstrip().upper().startswith("BEGIN")]
