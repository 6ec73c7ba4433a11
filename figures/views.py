"""The Figures screen and the funders' report (page, XLSX, CSV) in the Wagtail admin.

Managers and anyone given `figures.view_figures` (a partners' group, read-only: nothing here
changes anything) may see them; the menu item is hidden from everyone else."""

import io
from contextlib import contextmanager
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.http import FileResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from infra.exports import XLSX_CONTENT_TYPE, csv_dialect_of, csv_response, xlsx_workbook
from workflows.groups import is_manager

from . import report, summary
from .forms import PeriodForm
from .kept import kept, versions_read
from .models import ProgrammeTargets


def may_see_figures(user) -> bool:
    return user.is_active and (is_manager(user) or user.has_perm("figures.view_figures"))


@contextmanager
def without_jit():
    """PostgreSQL compiles a query it estimates as costly with JIT: at 100 000 ideas that took 5 of
    the 7 s of an indicator's query, for a plan run once. Off for these read-only screens, in a
    transaction of their own. Not on SQLite: there a transaction begins IMMEDIATE (settings), and
    would hold the write lock, and every writer, for the whole count."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def figures_view(view):
    """Checks the permission and the period; renders the form's errors (status 400) when it is bad."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not may_see_figures(request.user):
            raise PermissionDenied
        targets = ProgrammeTargets.load(request_or_site=request)
        form = PeriodForm(request.GET, targets)
        if form.is_bound and not form.is_valid():
            return render(request, "figures/screen.html", {"form": form, "targets": targets}, status=400)
        with without_jit(), versions_read():
            return view(request, form.period(), targets, form)

    return checked


@figures_view
def screen(request, period, targets, form):
    def draw() -> str:
        figures = {"period": period, "figures": summary.screen(period, targets)}
        return render_to_string("figures/includes/figures.html", figures)

    context = {
        "form": form,
        "period": period,
        "targets": targets,
        "figures_html": kept("screen", period, draw),
        "query": request.GET.urlencode(),
    }
    return render(request, "figures/screen.html", context)


#: The most rows of a list the report's page shows: a browser is no place for a hundred thousand
#: persons; the numbers count them all, and the XLSX lists them all.
PAGE_ROWS = 100


@figures_view
def report_page(request, period, targets, form):
    made = timezone.now()
    shown = []
    for title, header, rows in report.sheets(period, targets, made, limit=PAGE_ROWS + 1):
        rows = list(rows)
        shown.append((title, header, rows[:PAGE_ROWS], len(rows) > PAGE_ROWS))
    context = {
        "period": period,
        "targets": targets,
        "sheets": shown,
        "page_rows": PAGE_ROWS,
        "made": made,
        "xlsx_url": f"{reverse('figures:report_xlsx')}?{request.GET.urlencode()}",
    }
    return render(request, "figures/report.html", context)


@figures_view
def report_xlsx(request, period, targets, form):
    # Kept whole: its "Made" moment is when it was counted, the data unchanged since.
    content = kept("xlsx", period, lambda: xlsx_workbook(report.sheets(period, targets, timezone.now())))
    filename = report.filename(period, "xlsx")
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )


@figures_view
def report_csv(request, period, targets, form):
    header = [_("Code"), _("Figure"), _("Number"), _("Target")]
    rows = report.summary_rows(period, targets)
    return csv_response(report.filename(period, "csv"), header, rows, csv_dialect_of(request))
