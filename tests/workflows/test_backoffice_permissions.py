"""The permission matrix: every back-office URL against every persona.

Outcomes: "ok" (200), "login" (302 to the admin login), "denied" (Wagtail's answer to a
PermissionDenied raised in an admin view: 302 to the dashboard with "Sorry, you do not have
permission to access this area."; a 403 for XMLHttpRequest), "back" (302 back into the back
office: a task screen did its work, or said why not in a message). Whether a reviewer
may claim, score or decide is the actions' rule (tests/workflows/test_reviewing.py); here a
screen is only reached or not.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.helpers import make_user
from workflows import actions
from workflows.models import ConflictOfInterest

from .helpers import open_task
from .test_validators import PDF

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "screener", "advisor", "coordinator", "editor", "manager")
REVIEWERS = ("screener", "advisor", "coordinator")

# (URL name, method): outcome for reviewers, and for the manager.
PAGES = {
    ("index", "get"): ("ok", "ok"),
    ("inbox", "get"): ("ok", "ok"),
    ("queue", "get"): ("ok", "ok"),
    ("detail", "get"): ("ok", "ok"),
    ("attachment", "get"): ("ok", "ok"),
    ("task", "get"): ("back", "back"),
    ("export_csv", "get"): ("denied", "ok"),
    ("export_xlsx", "get"): ("denied", "ok"),
    ("claim", "post"): ("back", "back"),
    ("release", "post"): ("back", "back"),
    ("reassign", "post"): ("back", "back"),
    ("conflict", "post"): ("back", "back"),
    ("score", "post"): ("back", "back"),
    ("decide", "post"): ("back", "back"),
    ("activity", "post"): ("back", "back"),
    ("pilot_plan", "post"): ("back", "back"),
    ("market_outcome", "post"): ("back", "back"),
    ("revoke_link", "post"): ("back", "back"),
    ("new_link", "post"): ("back", "back"),
    ("export_personal_data", "post"): ("back", "ok"),
    ("erase", "post"): ("back", "back"),
}

MATRIX = [
    (name, method, persona, expected)
    for (name, method), (for_reviewers, for_manager) in PAGES.items()
    for persona, expected in [
        ("anonymous", "login"),
        *[(reviewer, for_reviewers) for reviewer in REVIEWERS],
        ("editor", "denied"),
        ("manager", for_manager),
    ]
]


@pytest.fixture
def world(submit, cast, editor):
    applicant = submit(attachments=[SimpleUploadedFile("plan.pdf", PDF)])
    idea = applicant.idea
    task = open_task(idea)
    attachment = idea.attachments.get()
    people = {"anonymous": None, "editor": editor, **cast}
    urls = {
        "index": reverse("ideas:index"),
        "inbox": reverse("ideas:inbox"),
        "queue": reverse("ideas:queue"),
        "export_csv": reverse("ideas:export_csv"),
        "export_xlsx": reverse("ideas:export_xlsx"),
        "attachment": reverse("ideas:attachment", args=[idea.pk, attachment.pk]),
        "task": reverse("ideas:task", args=[idea.process_id, task.pk]),
    }
    for name in ("detail", *[name for (name, method) in PAGES if method == "post"]):
        urls[name] = reverse(f"ideas:{name}", args=[idea.pk])
    today = datetime.date.today().isoformat()
    data = {
        "claim": {"task": task.pk},
        "release": {"task": task.pk},
        "reassign": {"task": task.pk, "to_user": cast["screener"].pk},
        "conflict": {"reason": ""},
        "score": {
            "social_impact": 3,
            "innovation": 3,
            "feasibility": 3,
            "scalability": 3,
            "team_capacity": 3,
        },
        "decide": {"task": task.pk, "code": "advance"},
        "activity": {"date": today, "activity_type": "coaching", "hours": "2"},
        "pilot_plan": {"start": today, "end": today, "success_criteria": "Tio elever"},
        "market_outcome": {"outcome_type": "licensing"},
        "erase": {"confirm": "on"},
    }
    return {"idea": idea, "people": people, "urls": urls, "data": data}


def outcome(response) -> str:
    if response.status_code == 200:
        return "ok"
    if response.status_code == 302:
        location = response["Location"]
        if location == reverse("wagtailadmin_home"):
            return "denied"
        if location.startswith(reverse("wagtailadmin_login")):
            return "login"
        if location.startswith(reverse("ideas:index")):
            return "back"
    return f"{response.status_code} {response.get('Location', '')}"


def test_the_matrix_covers_every_back_office_url():
    from workflows.backoffice.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == {name for name, _ in PAGES}


@pytest.mark.parametrize(("name", "method", "persona", "expected"), MATRIX)
def test_permission_matrix(client, world, name, method, persona, expected):
    user = world["people"][persona]
    if user is not None:
        client.force_login(user)
    url = world["urls"][name]
    response = client.get(url) if method == "get" else client.post(url, world["data"].get(name, {}))
    assert outcome(response) == expected


def test_the_ideas_menu_is_shown_to_reviewers_and_managers_only(client, cast, editor):
    for user, shown in [(cast["screener"], True), (cast["manager"], True), (editor, False)]:
        client.force_login(user)
        page = client.get(reverse("wagtailadmin_home")).text
        assert (reverse("ideas:inbox") in page) is shown, user.username


def test_a_reviewer_in_conflict_can_no_longer_open_the_idea_nor_see_it_listed(
    client, applicant, screener, manager
):
    idea = applicant.idea
    actions.declare_conflict(idea.pk, screener, "Min syster driver föreningen.")
    assert ConflictOfInterest.objects.filter(idea=idea, reviewer=screener).exists()
    client.force_login(screener)
    denied = client.get(reverse("ideas:detail", args=[idea.pk]))
    assert denied.status_code == 302
    assert denied["Location"] == reverse("wagtailadmin_home")
    ajax = client.get(reverse("ideas:detail", args=[idea.pk]), headers={"x-requested-with": "XMLHttpRequest"})
    assert ajax.status_code == 403
    assert idea.reference not in client.get(reverse("ideas:index")).text
    assert idea.reference not in client.get(reverse("ideas:queue")).text
    client.force_login(manager)
    assert client.get(reverse("ideas:detail", args=[idea.pk])).status_code == 200


def test_an_unknown_idea_or_attachment_is_not_found(client, applicant, screener):
    client.force_login(screener)
    assert client.get(reverse("ideas:detail", args=[applicant.idea.pk + 1000])).status_code == 404
    assert client.get(reverse("ideas:attachment", args=[applicant.idea.pk, 999])).status_code == 404


def test_a_manager_needs_no_group_of_their_own_to_see_everything(client, applicant, groups):
    boss = make_user("boss", "Programme managers")
    client.force_login(boss)
    assert client.get(reverse("ideas:detail", args=[applicant.idea.pk])).status_code == 200
