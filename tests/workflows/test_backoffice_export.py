"""The all-ideas list filters, and its CSV and XLSX exports hold the filtered ideas and no personal data,
with every text an applicant typed written as inert text, streamed."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from cms.models import ChallengeArea, Municipality
from workflows.models import Idea

from .helpers import claim_and_decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_ideas(submit, screener):
    lund = Municipality.objects.create(slug="lund", name="Lund", code="1281")
    library = submit()
    bikes = submit(title="Cykelkök i Lund", municipality=lund, organisation_name="Cykelköket")
    solo = submit(
        title="Språkcafé",
        organisation_type="individual",
        organisation_name="Sara Svensson",
        organisation_number="",
        contact_email="sara@example.org",
    )
    claim_and_decide(bikes.idea, screener, "advance")
    return library.idea, bikes.idea, solo.idea


def test_the_list_filters_by_stage_municipality_and_text(client, three_ideas, manager):
    library, bikes, solo = three_ideas
    client.force_login(manager)
    index = reverse("ideas:index")

    def shown(**query):
        page = client.get(index, query).text
        return {idea.reference for idea in three_ideas if idea.reference in page}

    assert shown() == {library.reference, bikes.reference, solo.reference}
    assert shown(stage="support") == {bikes.reference}
    assert shown(municipality=bikes.municipality_id) == {bikes.reference}
    assert shown(q="cykelkök") == {bikes.reference}
    assert shown(q=library.reference) == {library.reference}
    assert shown(organisation_type="individual") == {solo.reference}
    assert shown(submitted_from="2000-01-01", submitted_to="2000-12-31") == set()


def test_the_dates_are_the_days_in_swedish_time_and_the_area_filter_an_idea_s_areas(
    client, three_ideas, manager
):
    library, bikes, solo = three_ideas
    stockholm = zoneinfo.ZoneInfo("Europe/Stockholm")
    # 23:30 on 31 May in Stockholm is 21:30 UTC: a UTC date would put the idea on the wrong day.
    for idea, created in (
        (library, datetime.datetime(2025, 5, 31, 23, 30, tzinfo=stockholm)),
        (bikes, datetime.datetime(2025, 6, 1, 0, 0, tzinfo=stockholm)),
        (solo, datetime.datetime(2025, 6, 2, 0, 30, tzinfo=stockholm)),
    ):
        Idea.objects.filter(pk=idea.pk).update(created=created)
    housing = ChallengeArea.objects.create(slug="boende", name="Boende", name_en="Housing")
    bikes.challenge_areas.add(housing)
    client.force_login(manager)

    def shown(**query):
        page = client.get(reverse("ideas:index"), query).text
        return {idea.reference for idea in three_ideas if idea.reference in page}

    assert shown(submitted_to="2025-05-31") == {library.reference}
    assert shown(submitted_from="2025-06-01", submitted_to="2025-06-01") == {bikes.reference}
    assert shown(submitted_from="2025-06-01") == {bikes.reference, solo.reference}
    assert shown(challenge_area=housing.pk) == {bikes.reference}
    assert shown(challenge_area=housing.pk, submitted_to="2025-05-31") == set()


def shown_by_search(client, ideas, text: str) -> set[str]:
    page = client.get(reverse("ideas:index"), {"q": text}).text
    return {idea.reference for idea in ideas if idea.reference in page}


def test_the_text_search_finds_part_of_a_word_in_any_case_swedish_letters_too(client, three_ideas, manager):
    _library, bikes, solo = three_ideas
    client.force_login(manager)

    assert shown_by_search(client, three_ideas, "ykelk") == {bikes.reference}
    assert shown_by_search(client, three_ideas, "CYKELKÖK") == {bikes.reference}
    assert shown_by_search(client, three_ideas, "köket") == {bikes.reference}  # the organisation
    assert shown_by_search(client, three_ideas, "SPRÅKCAF") == {solo.reference}
    assert shown_by_search(client, three_ideas, "kelkok") == set()  # ö is not o
    assert shown_by_search(client, three_ideas, "ök i L") == {bikes.reference}
    assert shown_by_search(client, three_ideas, 'Cykel"kök') == set()


def test_the_text_search_follows_a_changed_title(client, three_ideas, manager):
    _library, bikes, _solo = three_ideas
    client.force_login(manager)
    bikes.title = "Verkstad för lastcyklar"
    bikes.save(update_fields=["title"])

    assert shown_by_search(client, three_ideas, "lastcykl") == {bikes.reference}
    assert shown_by_search(client, three_ideas, "kök i Lund") == set()


def test_the_csv_export_holds_the_filtered_ideas_and_no_personal_data(client, three_ideas, manager):
    library, _bikes, solo = three_ideas
    client.force_login(manager)
    response = client.get(reverse("ideas:export_csv"), {"stage": "submitted"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    header, body = rows[0], rows[1:]
    assert sorted(row[0] for row in body) == sorted([library.reference, solo.reference])
    text = response.getvalue().decode("utf-8-sig")
    for personal in ("amina@example.org", "Amina Rahimi", "040-123", "sara@example.org", "Sara Svensson"):
        assert personal not in text
    assert len(header) == len(body[0])


def test_the_xlsx_export_holds_the_filtered_ideas(client, three_ideas, manager):
    _library, bikes, _solo = three_ideas
    client.force_login(manager)
    response = client.get(reverse("ideas:export_xlsx"), {"q": "cykel"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [bikes.reference]
    assert rows[1][2]
    assert rows[1][8] == "556036-0793"


# What an attacker types as a title to run in a reviewer's spreadsheet program (OWASP's examples).
FORMULAS = (
    '=HYPERLINK("http://evil.example","x")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(1)",
    "\t=1",
    "\r=1",
)


@pytest.fixture
def formula_ideas(submit):
    """One idea per payload, each in its title and its organisation's name."""
    return {submit(title=formula, organisation_name=formula).idea.reference: formula for formula in FORMULAS}


def csv_rows(response, delimiter: str = ";") -> list[list[str]]:
    """The rows of a CSV export; the admin is in Swedish unless the test says otherwise."""
    return list(
        csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"), newline=""), delimiter=delimiter)
    )


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    return list(sheet.iter_rows())


def test_the_csv_export_writes_formulas_as_quoted_text(client, formula_ideas, manager):
    client.force_login(manager)
    body = csv_rows(client.get(reverse("ideas:export_csv")))[1:]
    assert len(body) == len(FORMULAS)
    for row in body:
        formula = formula_ideas[row[0]]
        assert row[1] == row[7] == "'" + formula


def test_the_xlsx_export_writes_formulas_as_text_cells(client, formula_ideas, manager):
    client.force_login(manager)
    body = xlsx_rows(client.get(reverse("ideas:export_xlsx")))[1:]
    assert len(body) == len(FORMULAS)
    for row in body:
        formula = formula_ideas[row[0].value]
        for cell in (row[1], row[7]):
            assert cell.data_type == "s"
            assert cell.value == formula.replace("\r", "\n")  # as XML reads it
            assert cell.quotePrefix  # Excel keeps it text when the cell is edited


def test_numbers_and_dates_stay_numbers_and_dates_in_the_xlsx_export(client, applicant, manager):
    client.force_login(manager)
    row = xlsx_rows(client.get(reverse("ideas:export_xlsx")))[1]
    assert row[10].value == 4
    assert row[10].data_type == "n"
    assert row[12].is_date
    assert not row[0].quotePrefix


def test_a_control_character_in_a_title_is_left_out_of_both_exports(client, submit, manager):
    idea = submit(title="Läxhjälp\x01 på\x0b biblioteket\x7f", organisation_name="Läx\x1fhjälpen").idea
    client.force_login(manager)
    xlsx = client.get(reverse("ideas:export_xlsx"))
    assert xlsx.status_code == 200
    expected = [idea.reference, "Läxhjälp på biblioteket"]
    assert [cell.value for cell in xlsx_rows(xlsx)[1][:2]] == expected
    assert csv_rows(client.get(reverse("ideas:export_csv")))[1][:2] == expected


def test_the_exports_stream_from_a_file_not_from_memory(client, submit, manager):
    for number in range(30):
        submit(title=f"Idé nummer {number}")
    client.force_login(manager)
    response = client.get(reverse("ideas:export_csv"))
    assert isinstance(response, StreamingHttpResponse)
    assert len(list(response.streaming_content)) == 1 + 1 + 30  # byte order mark, header, a line per idea
    response = client.get(reverse("ideas:export_xlsx"))
    assert isinstance(response, FileResponse)
    assert not hasattr(response.file_to_stream, "getvalue")
    assert len(xlsx_rows(response)) == 31
