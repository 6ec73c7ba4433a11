"""Managers' screens for each stage's scoring rubric and deadlines (Wagtail model viewsets).

Listed under the Ideas menu (`workflows.wagtail_hooks`) for whoever holds the model permissions:
the Programme managers group (`workflows.groups`) and superusers. Wagtail's generic views log
every create, edit and delete as a log entry, shown in each object's history.

A criterion that has scores is never deleted (`Score.criterion` protects it): the delete screen
refuses with a message pointing at "in use", and its stage and code are fixed. Each stage keeps
at least one criterion in use. Stage settings exist once per reviewer stage (the data migration
writes them): managers change the days, never add or delete a row.
"""

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from ..models import Criterion, Score, Stage, StageSettings
from ..pipeline import REVIEW_STAGES


def criterion_delete_refusal(criterion: Criterion) -> str | None:
    """Why `criterion` may not be deleted, or None."""
    scores = Score.objects.filter(criterion=criterion).count()
    if scores:
        return ngettext(
            "“%(name)s” cannot be deleted: %(count)s score was given on it. "
            "Untick “in use” to take it out of the rubric instead.",
            "“%(name)s” cannot be deleted: %(count)s scores were given on it. "
            "Untick “in use” to take it out of the rubric instead.",
            scores,
        ) % {"name": criterion.label, "count": scores}
    if criterion.active and _is_last_in_use(criterion):
        return _(
            "“%(name)s” cannot be deleted: it is the last criterion in use in the %(stage)s rubric. "
            "Add another criterion first."
        ) % {"name": criterion.label, "stage": criterion.get_stage_display().lower()}
    return None


def _is_last_in_use(criterion: Criterion) -> bool:
    return not Criterion.objects.filter(stage=criterion.stage, active=True).exclude(pk=criterion.pk).exists()


class CriterionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [
            (value, label) for value, label in self.fields["stage"].choices if value in REVIEW_STAGES
        ]
        self.scores_given = Score.objects.filter(criterion=self.instance).count() if self.instance.pk else 0
        if self.scores_given:
            # Scores already given name this stage and code: they stay as they were scored.
            for name in ("stage", "code"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed: scores have been given on this criterion.")

    def clean(self):
        cleaned = super().clean()
        stage, code = cleaned.get("stage"), cleaned.get("code")
        if stage and code:
            taken = Criterion.objects.filter(stage=stage, code=code).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "code",
                    _("The %(stage)s rubric already has a criterion with this code.")
                    % {"stage": dict(self.fields["stage"].choices)[stage].lower()},
                )
        # self.instance still holds the saved values here; the form's are applied after clean().
        weight = cleaned.get("weight")
        if self.scores_given and weight is not None and weight != self.instance.weight:
            # The weighted scores already given would silently change their meaning.
            self.add_error(
                "weight",
                ngettext(
                    "The weight stays %(weight)s: %(count)s score was given with it. "
                    "To weigh differently, add a new criterion and take this one out of use.",
                    "The weight stays %(weight)s: %(count)s scores were given with it. "
                    "To weigh differently, add a new criterion and take this one out of use.",
                    self.scores_given,
                )
                % {"weight": self.instance.weight, "count": self.scores_given},
            )
        was_in_use = self.instance.pk and self.instance.active
        leaves_stage = not cleaned.get("active") or (stage and stage != self.instance.stage)
        if was_in_use and leaves_stage and _is_last_in_use(self.instance):
            self.add_error(
                "active",
                _("The %(stage)s rubric needs at least one criterion in use: this is the last one.")
                % {"stage": self.instance.get_stage_display().lower()},
            )
        return cleaned


class CriterionDeleteView(generic.DeleteView):
    """Refuses, with the reason, to delete a criterion that has scores or is the stage's last in use."""

    def refuse(self, reason: str):
        messages.error(self.request, reason)
        return redirect(reverse(self.edit_url_name, args=[self.object.pk]))

    def get(self, request, *args, **kwargs):
        if reason := criterion_delete_refusal(self.object):
            return self.refuse(reason)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        if reason := criterion_delete_refusal(self.object):
            return self.refuse(reason)
        try:
            return super().form_valid(form)
        except ProtectedError:  # a reviewer scored on it since the check above
            return self.refuse(criterion_delete_refusal(self.object))


class CriterionIndexView(generic.IndexView):
    """The rubric one stage at a time: a heading and a table per stage, in the order of the flow."""

    results_template_name = "workflows/admin/rubric_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_stage: dict[str, list[Criterion]] = {}
        for criterion in context["object_list"]:
            by_stage.setdefault(criterion.stage, []).append(criterion)
        context["stage_tables"] = [
            (Stage(stage).label, self.get_table(by_stage[stage]))
            for stage in Stage.values
            if stage in by_stage
        ]
        return context


class CriterionViewSet(ModelViewSet):
    model = Criterion
    name = "rubric"
    url_prefix = "ideas/rubric"
    icon = "list-ol"
    menu_label = gettext_lazy("Scoring rubric")
    add_to_reference_index = False
    copy_view_enabled = False
    sort_order_field = None  # "order" counts within a stage; Wagtail's drag reordering is global
    delete_view_class = CriterionDeleteView
    index_view_class = CriterionIndexView
    list_display = [
        "name",
        "name_en",
        "stage",
        "code",
        "weight",
        "sort_order",
        BooleanColumn("active", label=gettext_lazy("In use"), sort_key="active"),
    ]
    list_filter = ["stage", "active"]
    ordering = None  # the model's: stages in the order of the flow
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldPanel("stage"),
            FieldPanel("code"),
            FieldPanel("name"),
            FieldPanel("name_en"),
            FieldPanel("guidance"),
            FieldPanel("guidance_en"),
            FieldPanel("weight"),
            FieldPanel("sort_order"),
            FieldPanel("active"),
        ],
        base_form_class=CriterionForm,
    )


class StageSettingsPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, but no one adds or deletes a stage's row (there is one per stage).

    Registered for `StageSettings` in `workflows.wagtail_hooks`, before the viewsets.
    """

    FIXED = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.FIXED and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action not in self.FIXED])


class StageSettingsViewSet(ModelViewSet):
    model = StageSettings
    name = "stage_deadlines"
    url_prefix = "ideas/stage-deadlines"
    icon = "time"
    menu_label = gettext_lazy("Stage deadlines")
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = ["stage", "deadline_days", "overdue_notify_days"]
    ordering = ["pk"]
    panels = [FieldPanel("deadline_days"), FieldPanel("overdue_notify_days")]

    def get_permissions_to_register(self):
        # Only the permissions a manager can use appear on the group screen.
        return super().get_permissions_to_register().filter(codename__in=["change_stagesettings"])
