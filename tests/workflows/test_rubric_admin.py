"""The managers' screen for the scoring rubric (Ideas → Scoring rubric): what it changes, what it
refuses and why. Who reaches it is in test_rubric_admin_access.py."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from workflows import actions
from workflows.models import Criterion

from .helpers import open_task
from .test_backoffice_screens import login, messages_of

pytestmark = pytest.mark.django_db

RUBRIC = {"social_impact": 5, "innovation": 4, "feasibility": 3, "scalability": 2, "team_capacity": 4}


def errors_of(response, field: str) -> list[str]:
    """The form's errors on `field`, in English (Django's own messages are translated lazily)."""
    with translation.override("en"):
        return [str(error) for error in response.context["form"].errors[field]]


def criterion(code: str, stage: str = "screening") -> Criterion:
    return Criterion.objects.get(stage=stage, code=code)


def log_actions(obj) -> list[tuple[str, str]]:
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).order_by("pk")
    return [(entry.action, entry.user.username) for entry in entries]


def form_data(obj: Criterion, **changes) -> dict:
    data = {
        "stage": obj.stage,
        "code": obj.code,
        "name": obj.name,
        "name_en": obj.name_en,
        "weight": obj.weight,
        "sort_order": obj.sort_order,
        "active": "on" if obj.active else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_a_manager_adds_edits_and_deactivates_a_criterion_and_each_change_is_logged(client, manager):
    login(client, manager)
    response = client.post(
        reverse("rubric:add"),
        {
            "stage": "support",
            "code": "partnerships",
            "name": "Partnerskap",
            "name_en": "Partnerships",
            "weight": "2",
            "sort_order": "9",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    added = criterion("partnerships", stage="support")
    assert (added.name, added.weight, added.active) == ("Partnerskap", 2, True)
    assert "Partnerships" in client.get(reverse("rubric:index"), {"stage": "support"}).text

    response = client.post(reverse("rubric:edit", args=[added.pk]), form_data(added, weight=5))
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.weight == 5

    response = client.post(reverse("rubric:edit", args=[added.pk]), form_data(added, active=""))
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.active is False
    assert log_actions(added) == [
        ("wagtail.create", "manager"),
        ("wagtail.edit", "manager"),
        ("wagtail.edit", "manager"),
    ]


def test_a_deactivated_criterion_leaves_the_scoring_form(client, applicant, manager, screener):
    login(client, manager)
    scalability = criterion("scalability")
    client.post(reverse("rubric:edit", args=[scalability.pk]), form_data(scalability, active=""))
    login(client, screener)
    idea = applicant.idea
    actions.claim_task(open_task(idea).pk, screener)
    page = client.get(reverse("ideas:detail", args=[idea.pk])).text
    assert 'name="innovation"' in page
    assert 'name="scalability"' not in page


def test_a_code_already_in_the_stage_is_refused_with_a_message(client, manager):
    login(client, manager)
    response = client.post(
        reverse("rubric:add"),
        {
            "stage": "screening",
            "code": "innovation",
            "name": "Ny",
            "name_en": "New",
            "weight": "1",
            "sort_order": "0",
        },
    )
    assert response.status_code == 200
    assert errors_of(response, "code") == ["The screening rubric already has a criterion with this code."]
    assert Criterion.objects.filter(stage="screening", code="innovation").count() == 1
    # The same code in another stage is a different criterion.
    response = client.post(
        reverse("rubric:add"),
        {
            "stage": "support",
            "code": "innovation_2",
            "name": "Ny",
            "name_en": "New",
            "weight": "1",
            "sort_order": "0",
        },
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"weight": "11"}, "weight", "Ensure this value is less than or equal to 10."),
        ({"weight": "0"}, "weight", "Ensure this value is greater than or equal to 1."),
        (
            {"code": "två ord"},
            "code",
            "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
        ),
        (
            {"stage": "graduated"},
            "stage",
            "Select a valid choice. graduated is not one of the available choices.",
        ),
        ({"name_en": ""}, "name_en", "This field is required."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(client, manager, changes, field, message):
    login(client, manager)
    feasibility = criterion("feasibility")
    response = client.post(reverse("rubric:edit", args=[feasibility.pk]), form_data(feasibility, **changes))
    assert response.status_code == 200
    assert errors_of(response, field) == [message]
    assert "The scoring criterion could not be saved due to errors." in messages_of(response)
    before = feasibility.weight, feasibility.code, feasibility.stage, feasibility.name_en
    feasibility.refresh_from_db()
    assert (feasibility.weight, feasibility.code, feasibility.stage, feasibility.name_en) == before


def test_the_last_criterion_in_use_of_a_stage_cannot_be_deactivated_nor_deleted(client, manager):
    login(client, manager)
    Criterion.objects.filter(stage="market").exclude(code="social_impact").update(active=False)
    last = criterion("social_impact", stage="market")
    response = client.post(reverse("rubric:edit", args=[last.pk]), form_data(last, active=""))
    assert response.status_code == 200
    assert errors_of(response, "active") == [
        "The market rubric needs at least one criterion in use: this is the last one."
    ]
    response = client.post(reverse("rubric:edit", args=[last.pk]), form_data(last, stage="pilot"))
    assert errors_of(response, "active")
    response = client.post(reverse("rubric:delete", args=[last.pk]))
    assert response["Location"] == reverse("rubric:edit", args=[last.pk])
    assert messages_of(response) == [
        "“Social impact” cannot be deleted: it is the last criterion in use in the market rubric. "
        "Add another criterion first."
    ]
    last.refresh_from_db()
    assert (last.active, last.stage) == (True, "market")


@pytest.fixture
def scored(applicant, screener):
    """The screening rubric after one screener scored the idea on every criterion."""
    idea = applicant.idea
    actions.claim_task(open_task(idea).pk, screener)
    actions.score_idea(idea.pk, screener, RUBRIC)
    return idea


def test_a_criterion_with_scores_is_never_deleted_and_deactivating_is_offered(client, scored, manager):
    login(client, manager)
    innovation = criterion("innovation")
    edit_url = reverse("rubric:edit", args=[innovation.pk])
    refusal = (
        "“Innovation” cannot be deleted: 1 score was given on it. "
        "Untick “in use” to take it out of the rubric instead."
    )
    for method in (client.get, client.post):
        response = method(reverse("rubric:delete", args=[innovation.pk]))
        assert response.status_code == 302
        assert response["Location"] == edit_url
        assert messages_of(response) == [refusal]
        client.get(edit_url)  # shows the message, which is then gone
    assert Criterion.objects.filter(pk=innovation.pk).exists()
    assert log_actions(innovation) == []

    response = client.post(edit_url, form_data(innovation, active=""))
    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.active is False
    assert innovation.score_set.count() == 1  # the score given on it stays


def test_a_scored_criterion_keeps_its_stage_and_code(client, scored, manager):
    login(client, manager)
    innovation = criterion("innovation")
    page = client.get(reverse("rubric:edit", args=[innovation.pk])).text
    assert "Fixed: scores have been given on this criterion." in page
    response = client.post(
        reverse("rubric:edit", args=[innovation.pk]),
        form_data(innovation, stage="support", code="novelty", name_en="Novelty"),
    )
    assert response.status_code == 302
    innovation.refresh_from_db()
    assert (innovation.stage, innovation.code, innovation.name_en) == ("screening", "innovation", "Novelty")


def test_an_unused_criterion_is_deleted_and_the_deletion_logged(client, manager):
    login(client, manager)
    spare = Criterion.objects.create(stage="pilot", code="spare", name="Reserv", name_en="Spare")
    assert client.get(reverse("rubric:delete", args=[spare.pk])).status_code == 200
    response = client.post(reverse("rubric:delete", args=[spare.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("rubric:index")
    assert not Criterion.objects.filter(pk=spare.pk).exists()
    assert log_actions(spare) == [("wagtail.delete", "manager")]
