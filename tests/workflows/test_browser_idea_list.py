"""The all-ideas list in Chromium, measured: its filters side by side without overlapping, every
one on the screen of a phone, and the table within its area on a desktop, due column included."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from cms.models import ChallengeArea, Municipality
from tests.helpers import make_user
from tests.search.ideas import Pipeline
from workflows import actions
from workflows.models import TaskDeadline
from workflows.queries import open_task_of

from .test_browser_journey import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]

#: The boxes (left, right, top, bottom in CSS pixels) of the filters, the list's table, its
#: region and its due column, and the window's width.
BOXES = """() => {
    const box = element => {
        const r = element.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    };
    const filters = {};
    for (const field of document.querySelectorAll(".ideas-filters select, .ideas-filters input")) {
        filters[field.name] = box(field);
    }
    const table = document.querySelector(".idea-table-region table");
    return {
        width: window.innerWidth,
        filters,
        table: box(table),
        region: box(table.closest(".idea-table-region")),
        due: box(table.querySelector("thead th:last-child")),
    };
}"""


def overlap(a: dict, b: dict) -> bool:
    across = a["left"] < b["right"] and b["left"] < a["right"]
    return across and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def ideas_with_long_names() -> None:
    """Ideas whose challenge area and municipality have the long names real ones have."""
    pipeline = Pipeline.with_cast()
    area = ChallengeArea.objects.create(
        slug="psykisk-halsa",
        name="Psykisk hälsa och välbefinnande bland unga vuxna på landsbygden",
        name_en="Mental health and well-being among young adults in the countryside",
    )
    municipality = Municipality.objects.create(slug="upplands-vasby", name="Upplands Väsby", code="0114")
    waiting = [
        pipeline.at(
            where,
            title="Samordnad hemtjänst med lånecyklar för äldre i glesbygden",
            challenge_areas=[area],
            municipality=municipality,
            organisation_name="Pensionärsföreningsmedlemsorganisationen i norra Skåne",
        )
        for where in ("screening", "support", "pilot")
    ]
    # Overdue tasks carry a badge beside their date, and a holder's name takes room too.
    TaskDeadline.objects.update(due=timezone.now() - datetime.timedelta(days=3))
    holder = pipeline.reviewers["screener"]
    holder.first_name, holder.last_name = "Maria-Josefina", "Wallenberg-Gyllenhammar"
    holder.save()
    actions.claim_task(open_task_of(waiting[0].idea).pk, holder)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_all_ideas_list_fits_its_screen(page: Page, live_server, width):
    ideas_with_long_names()
    log_in(page, live_server.url, make_user("manager", "Programme managers"))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/admin/ideas/")
    found = page.evaluate(BOXES)
    filters = found["filters"]
    assert not overlap(filters["challenge_area"], filters["municipality"])
    names = sorted(filters)
    clashes = [(a, b) for a in names for b in names if a < b and overlap(filters[a], filters[b])]
    assert clashes == []
    off_screen = [name for name, field in filters.items() if field["left"] < 0 or field["right"] > width]
    assert off_screen == []
    if width >= 1280:
        assert found["table"]["right"] <= found["region"]["right"]
        assert found["due"]["right"] <= found["region"]["right"] <= width
