"""The reviewers' lists: my inbox, my groups' queues, and all ideas (filtered, paginated).

The all-ideas list's exports are in `exports.py`.

Each list runs a fixed number of queries whatever the data size: the page's rows come in one
query (tasks sorted as keys, then read with their idea, municipality, deadline and owner joined;
ideas with their open task's deadline and holder as subqueries; tasks are listed from their
deadlines, which carry the task's status, holder and node: see `queries.held`), challenge areas in one
prefetch, and the paginator counts once. `tests/workflows/test_backoffice_queries.py` pins the
counts at 10 and 1 000 ideas; `bench/ideas.py` times them at 100 000.
"""

from functools import partial

from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from viewflow.workflow.models import Task
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import queries
from ..models import Idea, TaskDeadline
from ..pipeline import OPEN_STATUSES
from .access import require_backoffice, visible_count, visible_ideas
from .filters import IdeaFilter

PER_PAGE = 50


class BackofficeView(WagtailAdminTemplateMixin, TemplateView):
    """A Wagtail admin page of the Ideas menu, for reviewers and managers only."""

    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        require_backoffice(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("ideas:index"), "label": _("Ideas")},
            {"url": "", "label": self.get_page_title()},
        ]


def paginate(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("p"))


class KeysFirst:
    """A list paginated on its keys: the page's keys are sorted and skipped alone, then read as rows.

    A queue can hold tens of thousands of waiting tasks and the idea list 100 000 ideas: sorting
    them with every joined column costs about twice the sort of their keys, and PostgreSQL
    computes a row's subqueries (the idea's open task) even for the rows an OFFSET skips. The
    page is still one query (the sorted keys are its subquery), the count another.
    """

    def __init__(self, keys, rows, order=None, count=None, at_most: int | None = None):
        self.keys = keys  # filtered and ordered
        self.rows = rows  # how a page's rows are read: joins, annotations, prefetches
        self.order = order or keys.query.order_by  # the keys' order, as the rows name it
        self.counted = count or keys.count  # a quicker exact count, where one is kept
        self.at_most = at_most
        self.capped = False  # whether more than `at_most` matched (the count then says at_most + 1)
        self.ordered = keys.ordered

    def count(self) -> int:
        if self.at_most is None:
            return self.counted()
        found = queries.count_at_most(self.keys, self.at_most)
        self.capped = found > self.at_most
        return found

    def __getitem__(self, page: slice) -> list:
        on_page = self.rows.filter(pk__in=self.keys.values("pk")[page])
        return list(on_page.order_by(*self.order))


class TaskListView(BackofficeView):
    template_name = "workflows/admin/task_list.html"
    empty_text = ""

    def deadlines(self):
        """The listed tasks' deadlines, filtered and ordered (`queries.held` or `queries.waiting`)."""
        raise NotImplementedError

    def count(self, deadlines):
        """How the list is counted (when the paginator asks)."""
        return deadlines.count

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deadlines = self.deadlines()
        tasks = KeysFirst(
            deadlines,
            Task.objects.select_related("process__idea__municipality", "owner", "deadline"),
            queries.TASK_ORDER,
            self.count(deadlines),
        )
        context.update(
            page_obj=paginate(self.request, tasks),
            now=timezone.now(),
            empty_text=self.empty_text,
            show_owner=False,
        )
        return context


class InboxView(TaskListView):
    page_title = _("My inbox")
    empty_text = _("You hold no tasks. Claim one from your groups' queues.")

    def deadlines(self):
        return queries.held(self.request.user)


class QueueView(TaskListView):
    page_title = _("My groups' queues")
    empty_text = _("No task is waiting in your groups' queues.")

    def deadlines(self):
        return queries.waiting(self.request.user)

    def count(self, deadlines):
        return lambda: queries.waiting_count(self.request.user)


#: The all-ideas list's order: the newest first, as they came in (the id, which the reference's
#: serial follows). Not the editable submission time: the text search's index (SQLite's FTS5)
#: gives its matches in id order only, and a list sorted by another column sorted every match.
NEWEST_FIRST = ("-pk",)


def ideas_with_open_task():
    """Ideas with their open reviewer task's due time and holder, as subqueries (no query per row)."""
    open_deadline = TaskDeadline.objects.filter(idea=OuterRef("pk"), task__status__in=OPEN_STATUSES).order_by(
        "-task_id"
    )
    open_task = Task.objects.filter(
        process_id=OuterRef("process_id"),
        flow_task_type="HUMAN",
        status__in=OPEN_STATUSES,
    ).order_by("-pk")
    return (
        Idea.objects.select_related("municipality")
        .prefetch_related("challenge_areas")
        .annotate(
            task_due=Subquery(open_deadline.values("due")[:1]),
            task_owner=Subquery(open_task.values("owner__username")[:1]),
        )
        .order_by(*NEWEST_FIRST)
    )


def filtered_ideas(request):
    """The filters' form and the ideas it selects of those the user may see (none if it is invalid)."""
    filters = IdeaFilter(request.GET or None, visible_ideas(request.user, ideas_with_open_task()))
    return filters.form, filters.qs


class IdeaIndexView(BackofficeView):
    page_title = _("All ideas")
    template_name = "workflows/admin/idea_index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("Ideas")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, ideas = filtered_ideas(self.request)
        query = self.request.GET.copy()
        query.pop("p", None)
        filtered = any(value for name, value in self.request.GET.items() if name != "p")
        if filtered:
            listed = KeysFirst(ideas, ideas_with_open_task(), NEWEST_FIRST, at_most=queries.COUNTED_AT_MOST)
        else:
            count = partial(visible_count, self.request.user)
            listed = KeysFirst(ideas, ideas_with_open_task(), NEWEST_FIRST, count=count)
        context.update(
            form=form,
            page_obj=paginate(self.request, listed),
            now=timezone.now(),
            query=query.urlencode(),
            may_export=self.request.user.has_perm("workflows.manage_ideaprocess")
            or self.request.user.is_superuser,
        )
        return context
