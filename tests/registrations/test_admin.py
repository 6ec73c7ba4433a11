"""The managers' list of registrations per event, and its CSV through the safe writer."""

import pytest
from django.urls import reverse

from registrations import actions

from .conftest import registrant

pytestmark = pytest.mark.django_db


def test_a_manager_sees_the_counts_and_downloads_an_inert_csv(client, event, admin_user):
    actions.register(event.pk, registrant(1, name="=HYPERLINK(1)"), language="sv")
    actions.register(event.pk, registrant(2), language="sv")
    actions.register(event.pk, registrant(3), language="sv")
    client.force_login(admin_user)

    listing = client.get(reverse("registrations_events")).content.decode()
    assert event.title in listing
    detail = client.get(reverse("registrations_event", args=[event.pk])).content.decode()
    assert "2 med plats, 1 väntar, 0 avbokade." in detail

    csv = b"".join(client.get(reverse("registrations_event_csv", args=[event.pk])).streaming_content).decode()
    assert "'=HYPERLINK(1)" in csv
    assert "deltagare3@example.org" in csv


def test_someone_without_the_permission_is_refused(client, event, editor):
    client.force_login(editor)
    response = client.get(reverse("registrations_event_csv", args=[event.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_xlsx_has_the_attended_column_and_writes_every_typed_text_as_text(client, event_now, admin_user):
    from io import BytesIO

    from openpyxl import load_workbook

    from registrations import attendance
    from registrations.models import Registration

    first = Registration.objects.get(email="deltagare1@example.org")
    Registration.objects.filter(pk=first.pk).update(name="=HYPERLINK(1)", organisation_name="@SUM(1+1)")
    attendance.mark_attended(first.pk, by=admin_user)
    client.force_login(admin_user)

    response = client.get(reverse("registrations_event_xlsx", args=[event_now.pk]))

    assert response["Content-Disposition"] == f'attachment; filename="registrations-{event_now.slug}.xlsx"'
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    header, *rows = sheet.iter_rows()
    assert [cell.value for cell in header][-2:] == ["Närvarade", "Anmäld på plats"]
    assert len(rows) == 4
    for row in rows:
        assert all(cell.data_type != "f" for cell in row)
    [marked] = [row for row in rows if row[1].value == "=HYPERLINK(1)"]
    assert (marked[1].data_type, marked[4].value, marked[4].data_type) == ("s", "@SUM(1+1)", "s")
    assert marked[3].value == "Svenska"  # the language of the page registered from
    assert marked[8].value is not None
    assert [row[8].value for row in rows].count(None) == 3
