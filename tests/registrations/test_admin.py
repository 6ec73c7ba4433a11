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
