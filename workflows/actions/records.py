"""What a stage records: support activities, the pilot plan and the market outcome."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from reach.actions import organisation_for
from reach.models import OrganisationType
from reach.organisation_numbers import normalise_organisation_number

from .. import errors
from ..models import AuditEvent, MarketOutcome, OutcomeType, PilotPlan, Stage, SupportActivity
from ._base import audit, locked_idea, require_no_conflict, require_not_finished


def _require_stage(idea, stages: tuple[str, ...], user, permission: str):
    require_not_finished(idea)
    if idea.stage not in stages:
        raise errors.WrongStage()
    if not (user.is_active and user.has_perm(permission)):
        raise errors.NotAllowed()
    require_no_conflict(idea, user)


def _clean(instance, exclude=()):
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise errors.InvalidInput(errors=error.message_dict) from error


def log_support_activity(idea_id: int, user, *, date, activity_type, hours, partner=None, notes=""):
    """An advisor logs support given in the support stage."""
    with locked_idea(idea_id) as idea:
        _require_stage(idea, (Stage.SUPPORT,), user, "workflows.support_idea")
        activity = SupportActivity(
            idea=idea,
            date=date,
            activity_type=activity_type,
            hours=hours,
            partner=partner,
            notes=notes,
            logged_by=user,
        )
        _clean(activity)
        if activity.hours <= 0 or activity.hours > 1000:
            raise errors.InvalidInput(errors={"hours": [_("Between 0.5 and 1000 hours.")]})
        activity.save()
        audit(
            idea,
            AuditEvent.SUPPORT_ACTIVITY_LOGGED,
            user=user,
            new={"activity": activity.pk, "type": activity_type, "hours": str(activity.hours)},
        )
        return activity


PILOT_FIELDS = ("partners", "start", "end", "budget", "success_criteria", "results")

#: The plan is written in the pilot stage (the decision "market" needs it) and stays open in the
#: market stage, where the pilot's results are often first known.
PILOT_PLAN_STAGES = (Stage.PILOT, Stage.MARKET)


def save_pilot_plan(idea_id: int, user, **fields):
    """A pilot coordinator writes or updates the pilot plan (and, later, its results)."""
    unknown = set(fields) - set(PILOT_FIELDS)
    if unknown:
        raise TypeError(f"save_pilot_plan() got unexpected fields: {', '.join(sorted(unknown))}")
    with locked_idea(idea_id) as idea:
        _require_stage(idea, PILOT_PLAN_STAGES, user, "workflows.coordinate_pilot")
        plan = PilotPlan.objects.filter(idea=idea).first() or PilotPlan(idea=idea)
        created = plan.pk is None
        changed = sorted(name for name, value in fields.items() if getattr(plan, name, None) != value)
        for name, value in fields.items():
            setattr(plan, name, value)
        _clean(plan)
        if plan.end < plan.start:
            raise errors.InvalidInput(errors={"end": [_("The pilot cannot end before it starts.")]})
        if not changed and not created:
            return plan
        plan.save()
        # Field names only: the texts may name people.
        audit(
            idea,
            AuditEvent.PILOT_PLAN_SAVED,
            user=user,
            new={"plan": plan.pk, "created": created, "fields": changed},
        )
        return plan


def record_market_outcome(
    idea_id: int,
    user,
    *,
    outcome_type,
    organisation_number="",
    organisation_name="",
    registration_date=None,
    product_new_to_firm=None,
    description="",
):
    """Record how the idea reached the market; a new company needs its organisation number and date.

    The outcome's organisation in the register is the one of its number (a new row named
    `organisation_name`, or the idea's reference until a coordinator names it there), or the
    idea's own without one. `product_new_to_firm` is the date the firm brought out a product new
    to it (the funders' CO29)."""
    with locked_idea(idea_id) as idea:
        _require_stage(idea, (Stage.MARKET,), user, "workflows.decide_market")
        problems = {}
        if organisation_number:
            try:
                organisation_number = normalise_organisation_number(organisation_number)
            except ValidationError as error:
                problems["organisation_number"] = error.messages
        if outcome_type == OutcomeType.NEW_COMPANY:
            if not organisation_number and "organisation_number" not in problems:
                problems["organisation_number"] = [_("A new company needs its organisation number.")]
            if not registration_date:
                problems["registration_date"] = [_("A new company needs its registration date.")]
        if product_new_to_firm and product_new_to_firm > timezone.localdate():
            problems["product_new_to_firm"] = [_("The date cannot be in the future.")]
        if problems:
            raise errors.InvalidInput(errors=problems)
        outcome = MarketOutcome.objects.filter(idea=idea).first() or MarketOutcome(idea=idea)
        old = {"outcome_type": outcome.outcome_type} if outcome.pk else None
        outcome.outcome_type = outcome_type
        outcome.organisation_number = organisation_number
        outcome.registration_date = registration_date
        outcome.product_new_to_firm = product_new_to_firm
        outcome.description = description
        outcome.recorded_by = user
        _clean(outcome)
        outcome.organisation = (
            organisation_for(
                organisation_number,
                name=organisation_name or idea.reference,
                organisation_type=(
                    OrganisationType.COMPANY
                    if outcome_type == OutcomeType.NEW_COMPANY
                    else OrganisationType.OTHER
                ),
                registration_date=registration_date,
            )
            if organisation_number
            else idea.organisation
        )
        outcome.save()
        audit(
            idea,
            AuditEvent.MARKET_OUTCOME_RECORDED,
            user=user,
            old=old,
            new={
                "outcome": outcome.pk,
                "outcome_type": outcome_type,
                "organisation": outcome.organisation_id,
                "product_new_to_firm": bool(product_new_to_firm),
            },
        )
        return outcome
