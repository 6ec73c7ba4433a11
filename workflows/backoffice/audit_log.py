"""The idea's audit log and timeline as the reader's sentences, from the codes and ids they keep.

An audit entry holds codes and ids only (never personal data, never text in a language), so the
sentence is made when the page is read, in the reader's language. A code this module does not
know is shown as its entry's event alone rather than as raw data.
"""

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy
from viewflow.workflow.status import STATUS

from ..models import ActivityType, AuditEntry, AuditEvent, DecisionCode, OutcomeType, Stage, Status
from .forms import PilotPlanForm

#: A reviewer task's state in the timeline, in the programme's words rather than Viewflow's.
TASK_STATES = {
    STATUS.NEW: pgettext_lazy("task state", "waiting in the queue"),
    STATUS.ASSIGNED: pgettext_lazy("task state", "held"),
    STATUS.STARTED: pgettext_lazy("task state", "held"),
    STATUS.DONE: pgettext_lazy("task state", "done"),
    STATUS.CANCELED: pgettext_lazy("task state", "cancelled"),
    STATUS.ERROR: pgettext_lazy("task state", "stopped by an error"),
}


def task_state(task) -> str:
    return str(TASK_STATES.get(task.status, task.status))


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _state(values: dict) -> str:
    return _("%(stage)s (%(status)s)") % {
        "stage": _label(Stage, values.get("stage")).lower(),
        "status": _label(Status, values.get("status")).lower(),
    }


def _attachments(new: dict) -> str:
    count = new.get("attachments", 0)
    return ngettext("%(count)d attachment", "%(count)d attachments", count) % {"count": count}


def _submitted(old, new, names):
    return _("The applicant submitted the idea with %(attachments)s.") % {"attachments": _attachments(new)}


def _answered(old, new, names):
    return _("The applicant answered the request for information with %(attachments)s.") % {
        "attachments": _attachments(new)
    }


def _withdrawn(old, new, names):
    count = len(new.get("cancelled_tasks") or [])
    return ngettext(
        "The applicant withdrew the idea; %(count)d open task was cancelled.",
        "The applicant withdrew the idea; %(count)d open tasks were cancelled.",
        count,
    ) % {"count": count}


def _showcase(old, new, names):
    if new.get("consent_showcase"):
        return _("The applicant agreed to have the idea shown on the public site.")
    return _("The applicant no longer wants the idea shown on the public site.")


def _claimed(old, new, names):
    if old.get("stage") != new.get("stage"):
        return _("Took the task from the queue; the idea moved from %(old)s to %(new)s.") % {
            "old": _label(Stage, old.get("stage")).lower(),
            "new": _label(Stage, new.get("stage")).lower(),
        }
    return _("Took the task from the queue.")


def _released(old, new, names):
    return _("Gave the task held by %(user)s back to its group's queue.") % {"user": names(old.get("owner"))}


def _reassigned(old, new, names):
    return _("Gave the task to %(user)s.") % {"user": names(new.get("owner"))}


def _conflict(old, new, names):
    count = len(new.get("returned_tasks") or [])
    return ngettext(
        "Declared a conflict of interest; %(count)d task went back to the queue.",
        "Declared a conflict of interest; %(count)d tasks went back to the queue.",
        count,
    ) % {"count": count}


def _decided(old, new, names):
    return _("Decided: %(decision)s. The idea is now at %(state)s.") % {
        "decision": _label(DecisionCode, new.get("decision")).lower(),
        "state": _state(new),
    }


def _scored(old, new, names):
    return _("Submitted scores for %(stage)s.") % {"stage": _label(Stage, new.get("stage")).lower()}


def _activity(old, new, names):
    return _("Logged %(hours)s hours of %(type)s.") % {
        "hours": new.get("hours", "?"),
        "type": _label(ActivityType, new.get("type")).lower(),
    }


def _pilot_plan(old, new, names):
    if new.get("created"):
        return _("Wrote the pilot plan.")
    fields = PilotPlanForm.base_fields
    changed = [str(fields[name].label).lower() for name in new.get("fields") or [] if name in fields]
    return _("Changed the pilot plan: %(fields)s.") % {"fields": ", ".join(changed) or "–"}


def _outcome(old, new, names):
    sentence = _("Recorded the market outcome: %(outcome)s.") % {
        "outcome": _label(OutcomeType, new.get("outcome_type")).lower()
    }
    if new.get("product_new_to_firm"):
        sentence += " " + _("A product new to the firm was introduced.")
    return sentence


def _erased(old, new, names):
    if new.get("by") == "retention rule":
        return _("The applicant's personal data was erased by the retention rule.")
    return _("Erased the applicant's personal data.")


def _team_member_erased(old, new, names):
    return _("Erased a team member's name and e-mail address, at their request.")


def _revoked(old, new, names):
    return _("Revoked the applicant's status link.")


def _issued(old, new, names):
    return _("Sent the applicant a new status link; the old one no longer works.")


def _exported(old, new, names):
    count = new.get("ideas", 1)
    return ngettext(
        "Exported the applicant's personal data (%(count)d idea).",
        "Exported the applicant's personal data (%(count)d ideas).",
        count,
    ) % {"count": count}


SENTENCES: dict[int, Callable] = {
    AuditEvent.IDEA_SUBMITTED: _submitted,
    AuditEvent.INFORMATION_ANSWERED: _answered,
    AuditEvent.IDEA_WITHDRAWN: _withdrawn,
    AuditEvent.SHOWCASE_CONSENT_CHANGED: _showcase,
    AuditEvent.PERSONAL_DATA_ERASED: _erased,
    AuditEvent.TEAM_MEMBER_ERASED: _team_member_erased,
    AuditEvent.TASK_CLAIMED: _claimed,
    AuditEvent.TASK_RELEASED: _released,
    AuditEvent.TASK_REASSIGNED: _reassigned,
    AuditEvent.CONFLICT_DECLARED: _conflict,
    AuditEvent.DECISION_MADE: _decided,
    AuditEvent.SCORES_SUBMITTED: _scored,
    AuditEvent.SUPPORT_ACTIVITY_LOGGED: _activity,
    AuditEvent.PILOT_PLAN_SAVED: _pilot_plan,
    AuditEvent.MARKET_OUTCOME_RECORDED: _outcome,
    AuditEvent.STATUS_TOKEN_REVOKED: _revoked,
    AuditEvent.STATUS_TOKEN_ISSUED: _issued,
    AuditEvent.PERSONAL_DATA_EXPORTED: _exported,
}


def sentences(entries: Iterable[AuditEntry]) -> list[tuple[AuditEntry, str]]:
    """Each entry with its sentence; the reviewers an entry names by id are read in one query."""
    entries = list(entries)
    ids = {
        values.get("owner")
        for entry in entries
        for values in (entry.old_value or {}, entry.new_value or {})
        if isinstance(values, dict) and isinstance(values.get("owner"), int)
    }
    users = {
        user.pk: user.get_full_name() or user.username for user in get_user_model().objects.filter(pk__in=ids)
    }

    def names(pk) -> str:
        return users.get(pk, _("a reviewer who no longer has an account"))

    described = []
    for entry in entries:
        make = SENTENCES.get(entry.event)
        old, new = entry.old_value or {}, entry.new_value or {}
        sentence = make(old, new, names) if make and isinstance(old, dict) and isinstance(new, dict) else None
        described.append((entry, sentence or entry.get_event_display()))
    return described
