"""The all-ideas list filters, and its CSV and XLSX exports hold the filtered ideas and no personal data."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cms.models import Municipality

from .conftest import claim_and_decide

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


def test_the_csv_export_holds_the_filtered_ideas_and_no_personal_data(client, three_ideas, manager):
    library, bikes, solo = three_ideas
    client.force_login(manager)
    response = client.get(reverse("ideas:export_csv"), {"stage": "submitted"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert sorted(row[0] for row in body) == sorted([library.reference, solo.reference])
    text = response.content.decode("utf-8-sig")
    for personal in ("amina@example.org", "Amina Rahimi", "040-123", "sara@example.org", "Sara Svensson"):
        assert personal not in text
    assert len(header) == len(body[0])


def test_the_xlsx_export_holds_the_filtered_ideas(client, three_ideas, manager):
    library, bikes, solo = three_ideas
    client.force_login(manager)
    response = client.get(reverse("ideas:export_xlsx"), {"q": "cykel"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [bikes.reference]
    assert rows[1][2] and rows[1][8] == "556036-0793"
