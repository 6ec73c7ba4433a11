"""Who reaches the managers' screens for the scoring rubric and the stage deadlines (Ideas → Scoring
rubric, Ideas → Stage deadlines): managers and superusers, from the group alone; no one else."""

import pytest
from django.urls import reverse

from tests.helpers import make_user
from workflows.models import StageSettings

from .test_rubric_admin import criterion

pytestmark = pytest.mark.django_db


def outcome(response) -> str:
    if response.status_code == 200:
        return "ok"
    if response.status_code == 302:
        if response["Location"] == reverse("wagtailadmin_home"):
            return "denied"
        if response["Location"].startswith(reverse("wagtailadmin_login")):
            return "login"
    return f"{response.status_code} {response.get('Location', '')}"


def screen_urls() -> dict[str, str]:
    used = criterion("innovation")
    stage = StageSettings.objects.get(stage="support")
    return {
        "rubric index": reverse("rubric:index"),
        "new criterion": reverse("rubric:add"),
        "edit criterion": reverse("rubric:edit", args=[used.pk]),
        "delete criterion": reverse("rubric:delete", args=[used.pk]),
        "criterion history": reverse("rubric:history", args=[used.pk]),
        "deadlines index": reverse("stage_deadlines:index"),
        "edit deadlines": reverse("stage_deadlines:edit", args=[stage.pk]),
        "deadlines history": reverse("stage_deadlines:history", args=[stage.pk]),
    }


PERSONAS = {
    "anonymous": "login",
    "screener": "denied",
    "advisor": "denied",
    "coordinator": "denied",
    "editor": "denied",
    "manager": "ok",
    "superuser": "ok",
}


@pytest.mark.parametrize(("persona", "expected"), PERSONAS.items())
def test_permission_matrix(client, cast, editor, admin_user, persona, expected):
    people = {**cast, "anonymous": None, "editor": editor, "superuser": admin_user}
    if people[persona] is not None:
        client.force_login(people[persona])
    for name, url in screen_urls().items():
        assert outcome(client.get(url)) == expected, name


def test_a_reviewer_asking_by_script_gets_403(client, screener):
    client.force_login(screener)
    response = client.get(reverse("rubric:index"), headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["manager", "superuser"])
def test_no_one_adds_or_deletes_a_stages_deadlines(client, manager, admin_user, persona):
    client.force_login({"manager": manager, "superuser": admin_user}[persona])
    stage = StageSettings.objects.get(stage="pilot")
    assert outcome(client.get(reverse("stage_deadlines:add"))) == "denied"
    assert outcome(client.post(reverse("stage_deadlines:delete", args=[stage.pk]))) == "denied"
    assert StageSettings.objects.filter(pk=stage.pk).exists()


def test_the_screens_are_in_the_ideas_menu_of_managers_only(client, manager, screener):
    for user, shown in [(manager, True), (screener, False)]:
        client.force_login(user)
        page = client.get(reverse("wagtailadmin_home")).text
        assert (reverse("rubric:index") in page) is shown, user.username
        assert (reverse("stage_deadlines:index") in page) is shown, user.username


def test_a_new_manager_gets_the_screens_from_the_group_alone(client, groups):
    boss = make_user("boss", "Programme managers")
    client.force_login(boss)
    assert client.get(reverse("rubric:add")).status_code == 200
    assert client.get(reverse("stage_deadlines:index")).status_code == 200
