"""The public intake page: a visitor submits an idea, in Swedish or English, without an account."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from infra.models import OutboxMessage
from reach.models import Reach
from workflows.models import Idea, IdeaAttachment, IdeaSubmissionPage

from .helpers import ORGANISATION_NUMBER
from .test_validators import PDF, png_bytes

pytestmark = pytest.mark.django_db


def form_data(client, page, site_tree, **overrides) -> dict:
    """What a visitor types, with the one-time key of a freshly rendered form."""
    response = client.get(page.url)
    assert response.status_code == 200
    key = re.search(r'name="form_key" value="([^"]+)"', response.content.decode()).group(1)
    data = {
        "form_key": key,
        "website": "",
        "title": "Läxhjälp på biblioteket",
        "summary": "Unga vuxna ger läxhjälp till högstadieelever på Malmös bibliotek.",
        "challenge_areas": [site_tree.challenge.pk],
        "municipality": site_tree.municipality.pk,
        "organisation_type": "idea_driven",
        "organisation_name": "Läxhjälpen ideell förening",
        "organisation_number": ORGANISATION_NUMBER,
        "contact_name": "Amina Rahimi",
        "contact_email": "amina@example.org",
        "team_size": "4",
        "women_count": "3",
        "men_count": "1",
        "consent_processing": "on",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def private_files(private_media) -> list:
    return [path for path in private_media.rglob("*") if path.is_file()] if private_media.exists() else []


def assert_nothing_stored(private_media):
    assert not Idea.objects.exists()
    assert not IdeaAttachment.objects.exists()
    assert private_files(private_media) == []
    assert not OutboxMessage.objects.filter(kind="email").exists()  # pages publish index rows
    assert mail.outbox == []


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_visitor_submits_an_idea_and_gets_a_receipt_with_a_working_status_link(
    client, intake, site_tree, language, django_capture_on_commit_callbacks
):
    page = intake[0] if language == "sv" else intake[1]
    data = form_data(client, page, site_tree, attachments=SimpleUploadedFile("plan.pdf", PDF))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, data)

    assert response.status_code == 302
    assert response["Location"] == page.url + "receipt/"
    idea = Idea.objects.get()
    assert idea.language == language
    assert idea.organisation_number == ORGANISATION_NUMBER
    assert list(idea.challenge_areas.all()) == [site_tree.challenge]
    [attachment] = idea.attachments.all()
    assert attachment.original_name == "plan.pdf"
    assert attachment.content_type == "application/pdf"

    receipt_page = client.get(response["Location"])
    assert receipt_page.status_code == 200
    assert idea.reference in receipt_page.content.decode()

    [receipt] = [message for message in mail.outbox if message.to == ["amina@example.org"]]
    link = re.search(r"http://testserver(/\S*ideas/status/[\w-]+/)", receipt.body).group(1)
    assert link.startswith("/en/") == (language == "en")
    status = client.get(link, follow=True)
    assert status.status_code == 200
    assert idea.reference in status.content.decode()
    assert status.redirect_chain == [(link.split("status/")[0] + "status/", 302)]


def test_the_form_marks_required_fields_and_hides_the_honeypot(client, intake, site_tree):
    html = client.get(intake[1].url).content.decode()
    required = '<span class="field__required">(required)</span>'
    assert f'<label class="field__label" for="id_title">Title of the idea {required}' in html
    assert '<div class="honeypot" aria-hidden="true">' in html
    assert 'tabindex="-1"' in html
    assert "Team (optional)" in html
    assert 'type="file" name="attachments"' in html
    assert "multiple" in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"organisation_number": "556036-0794"}, "organisation_number", "check digit is wrong"),
        ({"organisation_number": "55603"}, "organisation_number", "ten digits"),
        ({"consent_processing": None}, "consent_processing", "We need your consent"),
        ({"challenge_areas": None}, "challenge_areas", "This field is required"),
        ({"is_new_enterprise": "on"}, "registration_date", "Give the date"),
    ],
)
def test_invalid_input_gets_a_clear_message_and_stores_nothing(
    client, intake, site_tree, private_media, overrides, field, message
):
    page = intake[1]
    response = client.post(page.url, form_data(client, page, site_tree, **overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert re.search(rf'href="#id_{field}(_0)?"', html)  # the summary links to the field
    assert_nothing_stored(private_media)


def test_a_gender_breakdown_larger_than_the_team_is_refused_by_the_action(
    client, intake, site_tree, private_media
):
    page = intake[1]
    response = client.post(page.url, form_data(client, page, site_tree, team_size="2", women_count="3"))
    assert response.status_code == 200
    assert "adds up to more people than the team has" in response.content.decode()
    assert_nothing_stored(private_media)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("plan.pdf", png_bytes(), content_type="application/pdf"), "its content is PNG"),
        (
            SimpleUploadedFile("plan.pdf", b"#!/bin/sh\nrm -rf /\n", content_type="application/pdf"),
            "not accepted",
        ),
        (SimpleUploadedFile("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64), "not accepted"),
        (SimpleUploadedFile("plan.pdf", PDF + b" " * 2048, content_type="application/pdf"), "too large"),
    ],
    ids=["png-named-pdf", "script-named-pdf", "executable", "oversize"],
)
def test_a_forged_or_oversize_upload_gets_a_clear_message_and_stores_nothing(
    client, intake, site_tree, private_media, settings, upload, message
):
    settings.IDEA_ATTACHMENT_MAX_BYTES = 1024
    page = intake[1]
    good = SimpleUploadedFile("budget.png", png_bytes())
    response = client.post(page.url, form_data(client, page, site_tree, attachments=[good, upload]))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert upload.name in html
    assert 'id="id_attachments_error"' in html
    assert_nothing_stored(private_media)


def test_a_filled_honeypot_looks_like_success_but_stores_nothing(client, intake, site_tree, private_media):
    page = intake[0]
    response = client.post(page.url, form_data(client, page, site_tree, website="https://spam.example"))
    assert response.status_code == 302
    assert response["Location"].endswith("/receipt/")
    assert client.get(response["Location"]).status_code == 200
    assert_nothing_stored(private_media)


def test_a_client_gets_at_most_five_submissions_an_hour(client, intake, site_tree):
    page = intake[1]
    for number in range(5):
        data = form_data(client, page, site_tree, title=f"Idé {number}")
        assert client.post(page.url, data).status_code == 302
    response = client.post(page.url, form_data(client, page, site_tree, title="Idé 6"))
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Too many submissions" in response.content.decode()
    assert Idea.objects.count() == 5
    # Another client is not affected.
    other = client_class_for(client)(REMOTE_ADDR="10.0.0.2")
    assert other.post(page.url, form_data(other, page, site_tree, title="Idé 7")).status_code == 302
    assert Idea.objects.count() == 6


def client_class_for(client):
    return type(client)


def test_a_replayed_form_post_makes_one_idea(client, intake, site_tree):
    page = intake[0]
    data = form_data(client, page, site_tree)
    first = client.post(page.url, data)
    second = client.post(page.url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Idea.objects.count() == 1
    assert Idea.objects.get().reference in client.get(second["Location"]).content.decode()


def test_a_corrected_form_can_be_sent_after_an_error(client, intake, site_tree):
    page = intake[0]
    data = form_data(client, page, site_tree, organisation_number="556036-0794")
    assert client.post(page.url, data).status_code == 200
    data["organisation_number"] = ORGANISATION_NUMBER
    assert client.post(page.url, data).status_code == 302
    assert Idea.objects.count() == 1


def test_a_forged_form_key_is_refused(client, intake, site_tree, private_media):
    page = intake[0]
    response = client.post(page.url, form_data(client, page, site_tree, form_key="made-up"))
    assert response.status_code == 200
    assert "Formuläret har gått ut" in response.content.decode()
    assert_nothing_stored(private_media)


def test_the_receipt_without_a_submission_leads_back_to_the_form(client, intake):
    response = client.get(intake[0].url + "receipt/")
    assert response.status_code == 302
    assert response["Location"] == intake[0].url


def test_the_demo_offers_the_form_in_both_languages_in_the_menu(db, client):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    for language, title in (("sv", "Skicka in en idé"), ("en", "Submit an idea")):
        page = IdeaSubmissionPage.objects.get(locale__language_code=language)
        assert page.live
        assert page.show_in_menus
        assert page.title == title
        home = client.get("/" if language == "sv" else "/en/").content.decode()
        assert f'<a href="{page.url}">{title}</a>' in home
        assert client.get(page.url).status_code == 200


def test_team_members_are_recorded_on_the_idea_and_in_the_register(client, intake, site_tree):
    data = form_data(
        client,
        intake[0],
        site_tree,
        team_member_1_name="Olle Berg",
        team_member_1_email="Olle@Example.org",
        team_member_2_name="Kim Ek",
        team_member_2_email="kim@example.org",
    )
    assert client.post(intake[0].url, data).status_code == 302
    idea = Idea.objects.get()
    assert [(member.name, member.email) for member in idea.team_members.all()] == [
        ("Olle Berg", "olle@example.org"),
        ("Kim Ek", "kim@example.org"),
    ]
    assert sorted(Reach.objects.filter(role="team_member").values_list("person__email", flat=True)) == [
        "kim@example.org",
        "olle@example.org",
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"team_member_1_name": "Olle Berg"}, "Ange teammedlemmens e-postadress."),
        ({"team_member_1_email": "olle@example.org"}, "Ange teammedlemmens namn."),
        ({"team_member_1_name": "Olle", "team_member_1_email": "olle@"}, "Ange en giltig mejladress."),
        (
            {"team_member_1_name": "Amina", "team_member_1_email": "AMINA@example.org"},
            "Den här adressen finns redan ovan",
        ),
    ],
)
def test_a_team_member_half_given_or_repeated_is_refused_in_swedish_and_nothing_stored(
    client, intake, site_tree, private_media, fields, message
):
    response = client.post(intake[0].url, form_data(client, intake[0], site_tree, **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert_nothing_stored(private_media)
    assert not Reach.objects.exists()
