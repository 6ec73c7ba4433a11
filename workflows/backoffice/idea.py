"""The idea page in the Wagtail admin: its whole timeline, and the forms for its open task."""

from collections.abc import Mapping
from types import MappingProxyType

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from infra.models import OutboxMessage

from .. import queries
from ..actions._base import may_work_on
from ..actions.privacy import applicant_ideas
from ..actions.records import PILOT_PLAN_STAGES
from ..groups import is_manager
from ..models import (
    ApplicantAnswer,
    AuditEntry,
    ConflictOfInterest,
    Criterion,
    Decision,
    DigestEntry,
    IdeaAttachment,
    MarketOutcome,
    PilotPlan,
    Score,
    Stage,
    TaskDeadline,
)
from ..pipeline import TASKS
from . import audit_log, forms
from .access import idea_for
from .lists import BackofficeView
from .similar import similar_ideas


def identified(name: str, form):
    """The form with ids of its own: several forms share the idea page, and some share field names
    (`task`, `reason`), which would otherwise give two elements one id and a label the wrong field."""
    form.auto_id = f"{name}-%s"
    return form


def task_title(task) -> str:
    node = task.flow_task
    return str(node.task_title) if node is not None and node.task_title else str(task.flow_task_type)


class IdeaDetailView(BackofficeView):
    template_name = "workflows/admin/idea_detail.html"
    #: Forms bound to a rejected POST, by name (set by the task screens to show their errors); the
    #: default is read-only, as it is shared by every view instance.
    bound_forms: Mapping = MappingProxyType({})

    def dispatch(self, request, *args, **kwargs):
        self.idea = idea_for(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def with_errors(cls, request, idea, bound_forms: dict):
        """The idea page again, answering a POST whose form was rejected (status 200, errors shown)."""
        view = cls(bound_forms=bound_forms)
        view.setup(request, pk=idea.pk)
        view.idea = idea
        return view.render_to_response(view.get_context_data())

    def get_page_title(self):
        return f"{self.idea.reference} · {self.idea.title}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        idea, user = self.idea, self.request.user
        task = queries.open_task_of(idea)
        challenge_areas = list(idea.challenge_areas.all())
        context.update(
            idea=idea,
            task=task,
            task_title=task_title(task) if task else "",
            deadline=TaskDeadline.objects.filter(task=task).first() if task else None,
            now=timezone.now(),
            # The browser's title says so: it is what a screen reader reads first on the new page.
            rejected=any(form.errors for form in self.bound_forms.values()),
            is_manager=is_manager(user),
            in_conflict=ConflictOfInterest.objects.filter(idea=idea, reviewer=user).exists(),
            conflicts=ConflictOfInterest.objects.filter(idea=idea).select_related("reviewer"),
            challenge_areas=challenge_areas,
            similar=similar_ideas(idea, user, challenge_areas),
            attachments=IdeaAttachment.objects.filter(idea=idea),
            timeline=self.timeline(),
            score_sheets=self.score_sheets(),
            pilot_plan=PilotPlan.objects.filter(idea=idea).first(),
            market_outcome=MarketOutcome.objects.select_related("organisation").filter(idea=idea).first(),
            audit_entries=audit_log.sentences(
                AuditEntry.objects.filter(idea=idea).select_related("acting_user")
            ),
            emails=OutboxMessage.objects.filter(kind="email", payload__idea=idea.pk).order_by(
                "created", "pk"
            ),
            # A digest covers several ideas in one e-mail; each idea keeps its own entry.
            digest_entries=DigestEntry.objects.filter(idea=idea).select_related("reviewer").order_by("pk"),
        )
        context["forms"] = self.task_forms(task, context)
        if context["is_manager"] and not idea.erased:
            context["applicant_ideas"] = applicant_ideas(idea).count()
            context["manager_forms"] = {
                "revoke_link": forms.forms.Form(),
                "new_link": forms.forms.Form(),
                "export": forms.forms.Form(),
                "erase": identified("erase", self.bound_forms.get("erase") or forms.ConfirmForm()),
            }
        return context

    # --- the timeline -------------------------------------------------------------------------

    def timeline(self) -> list[dict]:
        """Tasks, decisions, the applicant's answers and support activities, oldest first."""
        idea = self.idea
        entries = []
        for task in Task.objects.filter(process_id=idea.process_id, flow_task_type="HUMAN").select_related(
            "owner"
        ):
            entries.append(
                {
                    "when": task.created,
                    "kind": "task",
                    "task": task,
                    "title": task_title(task),
                    "state": audit_log.task_state(task),
                }
            )
        for decision in Decision.objects.filter(idea=idea).select_related("decided_by"):
            entries.append({"when": decision.decided, "kind": "decision", "decision": decision})
        answers = ApplicantAnswer.objects.filter(idea=idea).prefetch_related(
            Prefetch("attachments", queryset=IdeaAttachment.objects.order_by("uploaded", "pk"))
        )
        for answer in answers:
            entries.append({"when": answer.created, "kind": "answer", "answer": answer})
        for activity in idea.support_activities.select_related("partner", "logged_by"):
            entries.append({"when": activity.created, "kind": "activity", "activity": activity})
        entries.sort(key=lambda entry: entry["when"])
        return entries

    def score_sheets(self) -> list[dict]:
        """Per stage scored: the scores this user may see, or a note that they are hidden."""
        idea, user = self.idea, self.request.user
        sheets = []
        stages = set(Score.objects.filter(idea=idea).values_list("stage", flat=True))
        for stage in [value for value in Stage.values if value in stages]:
            visible = list(
                queries.visible_scores(idea, user, stage).order_by("reviewer_id", "criterion__sort_order")
            )
            by_reviewer: dict = {}
            for score in visible:
                by_reviewer.setdefault(score.reviewer, []).append(score)
            rows = []
            for reviewer, scores in by_reviewer.items():
                total_weight = sum(score.criterion.weight for score in scores)
                weighted = sum(score.criterion.weight * score.value for score in scores) / total_weight
                rows.append({"reviewer": reviewer, "scores": scores, "weighted": round(weighted, 2)})
            sheets.append({"stage": Stage(stage).label, "rows": rows, "hidden": not visible})
        return sheets

    # --- the forms of the open task --------------------------------------------------------------

    def task_forms(self, task, context) -> dict:
        """The forms this user may use now, by name; a rejected POST's bound form replaces its blank one."""
        idea, user = self.idea, self.request.user
        bound = self.bound_forms
        shown = {}

        def offer(name, factory):
            shown[name] = identified(name, bound.get(name) or factory())

        if idea.is_finished:
            return shown
        if not context["in_conflict"]:
            offer("conflict", forms.ConflictForm)
        if task is None:
            return shown
        initial = {"task": task.pk}
        task_name = task.flow_task.name
        mine = task.owner_id == user.pk
        if task.owner_id is None and may_work_on(user, task) and not context["in_conflict"]:
            offer("claim", lambda: forms.TaskForm(initial=initial))
        if task.owner_id is not None and (mine or context["is_manager"]):
            offer("release", lambda: forms.TaskForm(initial=initial))
        if context["is_manager"]:
            offer("reassign", lambda: forms.ReassignForm(initial=initial, task_name=task_name))
        stage = TASKS[task_name].stage
        if may_work_on(user, task) and not context["in_conflict"]:
            already = Score.objects.filter(idea=idea, stage=stage, reviewer=user).exists()
            criteria = Criterion.objects.filter(stage=stage, active=True)
            if not already and criteria.exists():
                offer("score", lambda: forms.ScoreForm(criteria=criteria))
        if mine:
            offer("decide", lambda: forms.DecisionForm(initial=initial, task_name=task_name))
        if idea.stage == Stage.SUPPORT and user.has_perm("workflows.support_idea"):
            offer("activity", forms.SupportActivityForm)
        if idea.stage in PILOT_PLAN_STAGES and user.has_perm("workflows.coordinate_pilot"):
            plan = context["pilot_plan"]
            initial_plan = (
                {name: getattr(plan, name) for name in forms.PilotPlanForm.base_fields} if plan else {}
            )
            offer("pilot_plan", lambda: forms.PilotPlanForm(initial=initial_plan))
        if idea.stage == Stage.MARKET and user.has_perm("workflows.decide_market"):
            outcome = context["market_outcome"]
            initial_outcome = (
                # The company's name is the register's: the form names only a new one.
                {name: getattr(outcome, name, "") for name in forms.MarketOutcomeForm.base_fields}
                if outcome
                else {}
            )
            offer("market_outcome", lambda: forms.MarketOutcomeForm(initial=initial_outcome))
        return shown


def download_attachment(request, pk: int, attachment_pk: int):
    """An applicant's file, to reviewers and managers who may open the idea (never a public URL)."""
    idea = idea_for(request.user, pk)
    attachment = IdeaAttachment.objects.filter(idea=idea, pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        handle, as_attachment=True, filename=attachment.download_name, content_type=attachment.content_type
    )


def idea_url(idea) -> str:
    return reverse("ideas:detail", args=[idea.pk])
