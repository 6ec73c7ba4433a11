"""The all-ideas list as a CSV or XLSX file, with the list's filters; written by `infra.exports`.

Managers only, since a file leaves the system. It holds what the list shows plus the
organisation's name and number, and no personal data: no contact person, e-mail or phone, no
gender breakdown, no notes, feedback or scores, no reviewer names. An individual's
"organisation number" may be their personal identity number, so it is left out for individuals.

The CSV file is in the dialect of the reader's language (`infra.exports.CsvDialect`), or in the
one asked for with `?dialect=sv` or `?dialect=en`.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infra import exports

from ..models import OrganisationType
from .access import require_manager
from .lists import filtered_ideas

COLUMNS = (
    ("reference", _("Reference")),
    ("title", _("Title")),
    ("stage", _("Stage")),
    ("status", _("Status")),
    ("challenge_areas", _("Challenge areas")),
    ("municipality", _("Municipality")),
    ("organisation_type", _("Organisation type")),
    ("organisation_name", _("Organisation")),
    ("organisation_number", _("Organisation number")),
    ("is_new_enterprise", _("New enterprise")),
    ("team_size", _("Team size")),
    ("language", _("Language")),
    ("submitted", _("Submitted")),
    ("task_due", _("Task due")),
    ("overdue", _("Overdue")),
)

#: Ideas read from the database at a time (with their challenge areas), however many are exported.
CHUNK_SIZE = 2000


def export_row(idea, now) -> list:
    individual = idea.organisation_type == OrganisationType.INDIVIDUAL
    return [
        idea.reference,
        idea.title,
        idea.get_stage_display(),
        idea.get_status_display(),
        ", ".join(area.name for area in idea.challenge_areas.all()),
        idea.municipality.name if idea.municipality else "",
        idea.get_organisation_type_display(),
        "" if individual else idea.organisation_name,
        "" if individual else idea.organisation_number,
        idea.is_new_enterprise,
        idea.team_size,
        idea.get_language_display(),
        idea.created,
        idea.task_due,
        bool(idea.task_due and idea.task_due < now),
    ]


def _header_and_rows(request):
    require_manager(request.user)
    _form, ideas = filtered_ideas(request)
    now = timezone.now()
    header = [label for _name, label in COLUMNS]  # translated as the file is written
    return header, (export_row(idea, now) for idea in ideas.iterator(chunk_size=CHUNK_SIZE))


def _filename(extension: str) -> str:
    return f"ideas-{timezone.localdate():%Y-%m-%d}.{extension}"


def export_csv(request):
    header, rows = _header_and_rows(request)
    return exports.csv_response(_filename("csv"), header, rows, exports.csv_dialect_of(request))


def export_xlsx(request):
    header, rows = _header_and_rows(request)
    return exports.xlsx_response(_filename("xlsx"), _("Ideas"), header, rows)
