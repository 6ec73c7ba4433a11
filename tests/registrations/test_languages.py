"""One set of seats per event, whatever the language of the page people register from: the event's
first page (the Swedish one here) holds every registration and the settings that count."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from infra import page_cache
from registrations import actions, errors
from registrations.models import Registration, Status

from .conftest import registrant
from .test_views import CANCEL_LINK, post

pytestmark = pytest.mark.django_db


def test_the_english_page_takes_the_seats_of_the_swedish_one(event, event_en):
    for number in (1, 2):
        actions.register(event.pk, registrant(number), language="sv")

    waiting = actions.register(event_en.pk, registrant(3), language="en")

    assert waiting.status == Status.WAITING
    assert waiting.event_id == event.pk
    assert waiting.language == "en"
    assert set(Registration.objects.values_list("event_id", flat=True)) == {event.pk}


def test_the_settings_that_count_are_the_first_pages_own(event, event_en):
    event_en.capacity = 10
    event_en.waiting_list = True
    event_en.save_revision().publish()
    event.capacity, event.waiting_list = 1, False
    event.save_revision().publish()
    actions.register(event_en.pk, registrant(1), language="en")

    with pytest.raises(errors.EventFull):
        actions.register(event_en.pk, registrant(2), language="en")

    event.registration_open = False
    event.save_revision().publish()
    with pytest.raises(errors.RegistrationClosed):
        actions.register(event_en.pk, registrant(3), language="en")
    assert Registration.objects.count() == 1


def test_the_same_address_on_both_pages_is_one_registration(event, event_en):
    actions.register(event.pk, registrant(1), language="sv")

    with pytest.raises(errors.AlreadyRegistered):
        actions.register(event_en.pk, registrant(1, name="Participant 1"), language="en")
    assert Registration.objects.count() == 1


def test_the_english_registrant_is_written_to_in_english_and_moved_up_when_a_swedish_seat_is_freed(
    client, event, event_en, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, event, email="anna@example.org")
        post(client, event, email="bertil@example.org")
        post(client, event_en, language="en", email="cecilia@example.org")
    swedish, _second, english = mail.outbox
    assert english.subject == f"On the waiting list for {event_en.title}"
    assert event_en.full_url in english.body
    assert "/en/" in english.body

    with django_capture_on_commit_callbacks(execute=True):
        client.post(CANCEL_LINK.search(swedish.body).group(1))
    promoted = mail.outbox[-1]
    assert promoted.to == ["cecilia@example.org"]
    assert promoted.subject == f"A seat is free for you at {event_en.title}"
    [ics] = promoted.attachments
    assert f"SUMMARY:{event_en.title}" in ics[1]
    assert Registration.objects.get(email="cecilia@example.org").status == Status.SEATED


def test_the_english_registrants_cancel_link_frees_the_shared_seat(
    client, event, event_en, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, event_en, language="en", email="anna@example.org")
        post(client, event, email="bertil@example.org")
        post(client, event, email="cecilia@example.org")
    path = CANCEL_LINK.search(mail.outbox[0].body).group(1)

    done = client.post(path)

    assert "Your registration is cancelled" in done.content.decode()
    assert Registration.objects.get(email="cecilia@example.org").status == Status.SEATED


@pytest.mark.parametrize("language", ["sv", "en"])
def test_both_pages_say_the_event_is_full(client, event, event_en, language):
    for number in (1, 2):
        actions.register(event.pk, registrant(number), language="sv")
    page = event if language == "sv" else event_en

    html = client.get(page.url).content.decode()

    full, join = {
        "sv": ("Evenemanget är fullt.", "Ställ dig på väntelistan"),
        "en": ("The event is full.", "Join the waiting list"),
    }[language]
    assert full in html
    assert join in html


def test_a_registration_on_either_page_drops_both_pages_from_the_page_cache(
    client, event, event_en, django_capture_on_commit_callbacks
):
    time.sleep(page_cache.CLOCK_MARGIN)  # pages drawn within it of a change are not served from the cache
    assert "2 seats left." in client.get(event_en.url).content.decode()
    assert "Age" in client.get(event_en.url)  # served from the cache
    time.sleep(page_cache.CLOCK_MARGIN)

    with django_capture_on_commit_callbacks(execute=True):
        actions.register(event.pk, registrant(1), language="sv")

    assert "1 seat left." in client.get(event_en.url).content.decode()
    assert "1 plats kvar." in client.get(event.url).content.decode()


def test_the_managers_and_the_door_see_every_registration_of_the_event_once(
    client, event, event_en, admin_user
):
    actions.register(event.pk, registrant(1), language="sv")
    actions.register(event_en.pk, registrant(2, name="English Participant"), language="en")
    client.force_login(admin_user)

    listing = client.get(reverse("registrations_events")).content.decode()
    assert listing.count(reverse("registrations_event", args=[event.pk])) == 1
    assert reverse("registrations_event", args=[event_en.pk]) not in listing
    for page in (event, event_en):
        detail = client.get(reverse("registrations_event", args=[page.pk])).content.decode()
        assert "2 med plats, 0 väntar, 0 avbokade." in detail
        door = client.get(reverse("registrations_attendance", args=[page.pk])).content.decode()
        assert "English Participant" in door
        assert "Deltagare 1" in door
        csv_response = client.get(reverse("registrations_event_csv", args=[page.pk]))
        csv = b"".join(csv_response.streaming_content).decode()
        assert "deltagare1@example.org" in csv
        assert "deltagare2@example.org" in csv


def test_the_events_list_titles_each_event_in_the_readers_language_and_names_its_pages_languages(
    client, event, event_en, admin_user
):
    actions.register(event_en.pk, registrant(1, name="English Participant"), language="en")
    client.force_login(admin_user)

    swedish = client.get(reverse("registrations_events")).content.decode()
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    english = client.get(reverse("registrations_events")).content.decode()
    detail = client.get(reverse("registrations_event", args=[event.pk])).content.decode()
    door = client.get(reverse("registrations_attendance", args=[event.pk])).content.decode()

    assert f">{event.title}</a>" in swedish
    assert "Svenska, Engelska" in swedish
    assert f">{event_en.title}</a>" in english
    assert f">{event.title}</a>" not in english
    assert "Swedish, English" in english
    assert event_en.title in detail
    assert "<td>English</td>" in detail  # the language its e-mails are written in
    assert event_en.title in door


def test_the_english_pages_editor_sees_the_shared_settings_and_cannot_change_them(
    client, event, event_en, admin_user
):
    event.capacity = 5
    event.save_revision().publish()
    client.force_login(admin_user)

    form = client.get(reverse("wagtailadmin_pages:edit", args=[event_en.pk])).context["form"]

    assert form.fields["capacity"].disabled
    assert form.initial["capacity"] == 5
    assert "ändra det på sidan på Svenska" in str(form.fields["capacity"].help_text)  # the admin's Swedish
    swedish = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).context["form"]
    assert not swedish.fields["capacity"].disabled
