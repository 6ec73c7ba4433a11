"""The Figures screen and the funders' report: who may see them, bad periods, the files."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from cms.models import ChallengeArea
from figures import report
from figures.counting import Period
from figures.models import ProgrammeTargets
from figures.summary import screen
from workflows.models import Stage, Status

from . import helpers as h

Q1 = {"kind": "quarter", "year": "2026", "quarter": "1"}


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def test_the_screen_shows_the_quarter_with_its_notes_map_and_tables(manager_client, programme):
    response = manager_client.get(reverse("figures:screen"), Q1)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2026-01-01" in page
    assert "How is this counted" in page or "Hur räknas detta" in page
    assert page.count('class="figures-tile ') == 33
    assert "<svg" in page
    assert "<table" in page


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "quarter", "year": "2026", "quarter": "5"},
        {"kind": "year", "year": "abc"},
        {"kind": "dates", "start": "2026-03-01", "end": "2026-01-01"},
        {"kind": "dates", "start": "9999-12-31", "end": "9999-12-31"},
        {"kind": "dates", "start": "2026-02-30"},
        {"kind": "decade"},
    ],
)
def test_a_bad_period_gets_a_clear_message(manager_client, query):
    response = manager_client.get(reverse("figures:screen"), query)
    assert response.status_code == 400
    assert b"help-critical" in response.content or b"error-message" in response.content


def test_only_managers_and_those_given_the_permission_see_the_figures(client, screener):
    """Wagtail turns the refusal into a redirect to the dashboard with a message."""
    client.force_login(screener)
    for name in ("figures:screen", "figures:report", "figures:report_xlsx", "figures:report_csv"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url == "/admin/"


def test_the_xlsx_report_lists_what_each_number_counts_and_writes_no_formula(manager_client, programme):
    """An organisation named like a formula, supported in Q1, is written as inert text."""
    hostile = h.organisation(9, '=HYPERLINK("http://example.com","x")')
    h.idea(
        "SIS-2026-00099",
        organisation=hostile,
        changes=[(h.at(2026, 1, 5), "submitted", "active"), (h.at(2026, 1, 6), "support", "active")],
    )
    response = manager_client.get(reverse("figures:report_xlsx"), Q1)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert {"CO01", "CO04", "CO05", "CO29"} <= set(workbook.sheetnames)
    co01 = workbook["CO01"]
    names = [row[1].value for row in co01.iter_rows(min_row=2)]
    assert names == ["Alfa AB", "Beta ek. för.", "Delta AB", '=HYPERLINK("http://example.com","x")']
    cell = co01.cell(row=5, column=2)
    assert cell.data_type == "s"
    persons = workbook.worksheets[1]
    ids = [row[0].value for row in persons.iter_rows(min_row=2)]
    assert len(ids) == 4
    assert all(value.startswith("P") and "@" not in value for value in ids)
    assert not any("@" in str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row)


def test_the_csv_report_holds_the_summary_in_the_readers_dialect(manager_client, programme):
    response = manager_client.get(reverse("figures:report_csv"), Q1)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))  # a Swedish reader's
    numbers = {row[0]: row[2] for row in rows[1:] if row[0] != "GENDER"}
    assert numbers == {
        "MOBILISED": "6",
        "CO01": "3",
        "CO04": "2",
        "CO05": "2",
        "CO29": "1",
        "PERSONS": "4",
        "ORGANISATIONS": "3",
    }
    assert [row[2] for row in rows if row[0] == "GENDER"] == ["1", "1", "0", "1", "1"]


def test_the_report_page_prints_on_a4(manager_client, programme):
    response = manager_client.get(reverse("figures:report"), Q1)
    assert response.status_code == 200
    assert b"size: A4" in response.content
    assert b"SIS-2026-00003" in response.content  # the idea that cannot be counted


def test_the_report_page_shows_the_first_rows_of_a_long_list_and_links_the_whole(
    db, manager_client, monkeypatch
):
    from figures import views

    bulk_programme(5)
    monkeypatch.setattr(views, "PAGE_ROWS", 3)
    response = manager_client.get(reverse("figures:report"), Q1)
    page = response.content.decode()
    co01 = page.split("<h2>CO01</h2>")[1].split("</section>")[0]
    assert co01.count("<tr>") == 1 + 3  # the header and three of the five enterprises
    assert "The first 3 rows" in co01 or "De första 3 raderna" in co01
    assert f"{reverse('figures:report_xlsx')}?kind=quarter" in co01
    assert "<td>5</td>" in page.split("</table>")[0]  # the summary still counts all five


def bulk_programme(ideas: int) -> None:
    """`ideas` ideas, each with an organisation, a contact person, two audit entries and a reach."""
    from reach.models import Organisation, Person, Reach
    from workflows.models import AuditEntry, Idea, StageSpell

    start = h.at(2026, 1, 10)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            organisation_number=h.organisation_number(100 + n),
            name=f"Org {n}",
            organisation_type="company",
            is_enterprise=True,
        )
        for n in range(ideas)
    )
    persons = Person.objects.bulk_create(
        Person(email=f"p{n}@example.org", gender="woman") for n in range(ideas)
    )
    made = Idea.objects.bulk_create(
        Idea(
            reference=f"SIS-2026-{n:05d}",
            title="Idé",
            summary="-",
            organisation_type="company",
            contact_name="K",
            contact_email="k@example.org",
            consent_processing=True,
            created=start,
            organisation=organisation,
            contact_person=person,
            stage="support",
        )
        for n, (organisation, person) in enumerate(zip(organisations, persons, strict=True))
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(idea=idea, event=event, new_value={"stage": stage, "status": "active"}, created=moment)
        for idea in made
        for event, stage, moment in ((101, "submitted", start), (301, "support", h.at(2026, 2, 1)))
    )
    StageSpell.objects.bulk_create(
        StageSpell(idea=idea, stage=stage, entered=entered, left=left)
        for idea in made
        for stage, entered, left in (
            ("submitted", start, h.at(2026, 2, 1)),
            ("support", h.at(2026, 2, 1), None),
        )
    )
    Reach.objects.bulk_create(
        Reach(
            person=person,
            organisation=organisation,
            channel="idea",
            source=f"S{n}",
            role="contact",
            reached=start,
        )
        for n, (organisation, person) in enumerate(zip(organisations, persons, strict=True))
    )


#: The queries of the Figures screen and of the report's sheets read to the end, whatever the data
#: (each rule runs one or two; the report counts each indicator once, by its list, and CO01, CO04
#: and CO05 from one list of the supported enterprises).
QUERIES = {"screen": 12, "report": 6}


@pytest.mark.parametrize("ideas", [10, 10_000])
def test_the_screen_and_the_report_run_a_fixed_number_of_queries(db, django_assert_num_queries, ideas):
    bulk_programme(ideas)
    with django_assert_num_queries(QUERIES["screen"]):
        figures = screen(Period.quarter(2026, 1), ProgrammeTargets())
    assert figures["indicators"][1]["number"] == ideas  # CO01
    with django_assert_num_queries(QUERIES["report"]):
        sheets = report.sheets(Period.quarter(2026, 1), ProgrammeTargets(), h.at(2026, 4, 1))
        made = [(title, header, list(rows)) for title, header, rows in sheets]
    assert len(made[2][2]) == ideas  # CO01's organisations
    assert made[0][2][1][2] == ideas  # and its number in the summary


def test_the_challenge_areas_are_named_in_the_readers_language(db):
    area = ChallengeArea.objects.create(
        slug="vard-och-omsorg", name="Vård och omsorg", name_en="Health and care"
    )
    idea = h.idea("SIS-2026-00009", changes=[(h.at(2026, 1, 10), Stage.SCREENING, Status.ACTIVE)])
    idea.challenge_areas.add(area)
    for language, name in (("en", "Health and care"), ("sv", "Vård och omsorg")):
        with translation.override(language):
            breakdown = screen(Period.quarter(2026, 1), ProgrammeTargets())["ideas_by"][0]
        assert name in str(breakdown), language
