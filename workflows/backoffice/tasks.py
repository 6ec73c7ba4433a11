"""Task screens: each POST validates its form, calls exactly one action, and redirects.

A `WorkflowError` becomes an error message on the idea page (nothing was changed); an
`InvalidInput` puts its errors on the form, shown again on the idea page. Actions take the
flow's lock themselves, so these views run outside any transaction and never touch an
activation.
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task
from wagtail.admin import messages

from .. import actions, errors
from ..models import Criterion
from ..pipeline import TASKS
from ..queries import open_task_of
from . import forms
from .access import idea_for
from .idea import IdeaDetailView, idea_url


class TaskActionView(View):
    """Subclasses name their form and implement `act(idea, form)` -> success message.

    A rejected form is answered at this view's address; reloading it there (a GET) leads back to
    the idea page rather than to an error."""

    http_method_names = ["get", "post"]
    name = ""
    form_class = forms.TaskForm

    def get_form(self, data):
        return self.form_class(data)

    def task_of(self, form) -> Task:
        """The task the form names, which must be one of this idea's (else nothing is done)."""
        task = Task.objects.filter(pk=form.cleaned_data["task"], process_id=self.idea.process_id).first()
        if task is None:
            raise errors.NotFound()
        return task

    def act(self, idea, form) -> str:
        raise NotImplementedError

    def success_url(self, idea) -> str:
        return idea_url(idea)

    def get(self, request, pk):
        return redirect(idea_url(idea_for(request.user, pk)))

    def post(self, request, pk):
        self.idea = idea = idea_for(request.user, pk)
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                message = self.act(idea, form)
            except errors.InvalidInput as error:
                put_errors(form, error)
            except errors.WorkflowError as error:
                messages.error(request, error.message)
                return redirect(idea_url(idea))
            else:
                messages.success(request, message)
                return redirect(self.success_url(idea))
        messages.error(request, _("Please correct the errors below."))
        return IdeaDetailView.with_errors(request, idea, {self.name: form})


def put_errors(form, error: errors.InvalidInput) -> None:
    for field, messages_ in (error.errors or {}).items():
        for message in messages_ if isinstance(messages_, list | tuple) else [messages_]:
            form.add_error(field if field in form.fields else None, str(message))
    if not error.errors:
        form.add_error(None, str(error.message))


class ClaimView(TaskActionView):
    name = "claim"

    def act(self, idea, form):
        actions.claim_task(self.task_of(form).pk, self.request.user)
        return _("You hold the task now. It is in your inbox.")


class ReleaseView(TaskActionView):
    name = "release"

    def act(self, idea, form):
        actions.release_task(self.task_of(form).pk, self.request.user)
        return _("The task is back in its group's queue.")


class ReassignView(TaskActionView):
    name = "reassign"
    form_class = forms.ReassignForm

    def get_form(self, data):
        task = Task.objects.filter(pk=data.get("task") or 0, process_id=self.idea.process_id).first()
        node = task.flow_task.name if task is not None and task.flow_task is not None else "screen"
        return forms.ReassignForm(data, task_name=node)

    def act(self, idea, form):
        to_user = form.cleaned_data["to_user"]
        actions.reassign_task(self.task_of(form).pk, self.request.user, to_user)
        return _("The task is now held by %(user)s.") % {"user": to_user.get_full_name() or to_user.username}


class ConflictView(TaskActionView):
    name = "conflict"
    form_class = forms.ConflictForm

    def act(self, idea, form):
        actions.declare_conflict(idea.pk, self.request.user, form.cleaned_data["reason"])
        return _(
            "Your conflict of interest with %(reference)s is recorded; the idea has left your lists."
        ) % {"reference": idea.reference}

    def success_url(self, idea):
        return reverse("ideas:queue")


class ScoreView(TaskActionView):
    name = "score"
    form_class = forms.ScoreForm

    def get_form(self, data):
        task = open_task_of(self.idea)
        stage = TASKS[task.flow_task.name].stage if task is not None else self.idea.stage
        return forms.ScoreForm(data, criteria=Criterion.objects.filter(stage=stage, active=True))

    def act(self, idea, form):
        weighted = actions.score_idea(idea.pk, self.request.user, form.scores())
        return _("Your scores are saved (weighted %(score)s). You now see the other reviewers' scores.") % {
            "score": localize(weighted)  # "4,2" in Swedish
        }


class DecideView(TaskActionView):
    name = "decide"
    form_class = forms.DecisionForm

    def get_form(self, data):
        task = Task.objects.filter(pk=data.get("task") or 0, process_id=self.idea.process_id).first()
        node = task.flow_task.name if task is not None and task.flow_task is not None else ""
        return forms.DecisionForm(data, task_name=node)

    def act(self, idea, form):
        data = form.cleaned_data
        decision = actions.decide(
            self.task_of(form).pk,
            self.request.user,
            data["code"],
            reason=data["reason"],
            private_note=data["private_note"],
            public_feedback=data["public_feedback"],
        )
        return _("Decision recorded: %(decision)s.") % {"decision": decision.get_code_display()}


class SupportActivityView(TaskActionView):
    name = "activity"
    form_class = forms.SupportActivityForm

    def act(self, idea, form):
        actions.log_support_activity(idea.pk, self.request.user, **form.cleaned_data)
        return _("The support activity is logged.")


class PilotPlanView(TaskActionView):
    name = "pilot_plan"
    form_class = forms.PilotPlanForm

    def act(self, idea, form):
        actions.save_pilot_plan(idea.pk, self.request.user, **form.cleaned_data)
        return _("The pilot plan is saved.")


class MarketOutcomeView(TaskActionView):
    name = "market_outcome"
    form_class = forms.MarketOutcomeForm

    def act(self, idea, form):
        actions.record_market_outcome(idea.pk, self.request.user, **form.cleaned_data)
        return _("The market outcome is recorded.")


class RevokeStatusLinkView(TaskActionView):
    name = "revoke_link"
    form_class = forms.forms.Form

    def act(self, idea, form):
        if not actions.revoke_status_token(idea.pk, self.request.user):
            return _("The idea had no working status link.")
        return _("The status link no longer works.")


class NewStatusLinkView(TaskActionView):
    name = "new_link"
    form_class = forms.forms.Form

    def act(self, idea, form):
        actions.issue_status_token(idea.pk, self.request.user)
        return _("The old status link no longer works; a new one is on its way to the applicant.")


class EraseApplicantDataView(TaskActionView):
    name = "erase"
    form_class = forms.ConfirmForm

    def act(self, idea, form):
        erased = actions.erase_applicant_data(idea.pk, self.request.user)
        return ngettext(
            "The applicant's personal data is erased from %(count)d idea.",
            "The applicant's personal data is erased from %(count)d ideas.",
            len(erased),
        ) % {"count": len(erased)}


@require_POST
def export_applicant_data(request, pk):
    """The applicant's personal data as a JSON download, for a manager answering a request for access."""
    idea = idea_for(request.user, pk)
    try:
        data = actions.export_applicant_data(idea.pk, request.user)
    except errors.WorkflowError as error:
        messages.error(request, error.message)
        return redirect(idea_url(idea))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{idea.reference}-personal-data.json"'
    response["Cache-Control"] = "no-store"
    return response
