"""The inventory of an applicant's personal data: every field that may hold it, and what erasing leaves there.

One table, read by the access export and by the erasure (`workflows.actions.privacy`): a field
listed here is exported and erased, a field left out is neither. The ideas' part of the project's
registry of personal data (`infra.personal_data`), where the registrations and the register
list theirs; every other free-text field of the project's models (text, JSON, files, stream
fields) is in `NOT_PERSONAL` with the reason, and a test fails when a model gains one that is in
neither, so a new model has to be placed before it ships.

The rows are found by the idea: the registry finds an applicant's ideas by their address.
"""

import datetime
from collections.abc import Callable

from django.db import models
from django.db.models import F, Q, QuerySet

from infra import outbox
from infra.models import OutboxMessage
from infra.personal_data import DELETED, PersonalFields
from reach.actions import erase_organisation, erase_person, erase_person_reached_only_through
from reach.models import PERSONAL_ORGANISATION, Channel, Organisation, Person

from .models import (
    ApplicantAnswer,
    ConflictOfInterest,
    Decision,
    Idea,
    IdeaAttachment,
    MarketOutcome,
    PilotPlan,
    SupportActivity,
    TeamMember,
)


def _of_idea(model: type[models.Model]) -> Callable[[Idea], QuerySet]:
    return lambda idea: model.objects.filter(idea=idea).order_by("pk")


def persons_of(idea: Idea) -> QuerySet[Person]:
    """The idea's contact person in the register of whom the programme reached."""
    return Person.objects.filter(pk=idea.contact_person_id)


def organisations_of(idea: Idea) -> QuerySet[Organisation]:
    """The register's rows of the idea and its market outcome that are a person, not a legal
    entity (an individual, a sole trader): a legal entity's name and number are not personal data."""
    ids = [
        idea.organisation_id,
        *MarketOutcome.objects.filter(idea=idea).values_list("organisation", flat=True),
    ]
    return Organisation.objects.filter(
        PERSONAL_ORGANISATION | Q(erased__isnull=False), pk__in=[pk for pk in ids if pk]
    ).order_by("pk")


def emails_about(idea: Idea) -> QuerySet[OutboxMessage]:
    """E-mails about the idea: those naming it, and the reviewers' digests listing it among others."""
    digests = OutboxMessage.objects.filter(
        kind="email", payload__template="task_digest", created__gte=idea.created
    ).values_list("pk", "payload__ideas")
    listing = [pk for pk, ideas in digests if idea.pk in (ideas or ())]
    return OutboxMessage.objects.filter(Q(payload__idea=idea.pk) | Q(pk__in=listing), kind="email").order_by(
        "created", "pk"
    )


def erase_team_member(member: TeamMember, *, at: datetime.datetime) -> None:
    """The member's name and address go; so does their row in the register (as a tally row) unless
    the programme reached them otherwise too (another idea, an event)."""
    TeamMember.objects.filter(pk=member.pk).update(name="", email="")
    erase_person_reached_only_through(
        member.person, channel=Channel.IDEA, source=member.idea.reference, at=at
    )


def erased_email(message: OutboxMessage) -> dict:
    """The payload without subject and bodies, and without the applicant's address: that it was
    written, when and to whom on the staff stays. A digest loses its text for every idea it listed."""
    payload = outbox.redacted(message.payload, also=("subject",))
    return {**payload, "to": []} if payload.get("audience") == "applicant" else payload


UNSENT = "erased before it was sent"


def erased_error(message: OutboxMessage) -> str:
    """A delivery error may quote the recipient's address; an e-mail not yet sent never will be."""
    return "" if message.done_at else UNSENT


INVENTORY: tuple[PersonalFields, ...] = (
    PersonalFields(
        "idea",
        Idea,
        lambda idea: Idea.objects.filter(pk=idea.pk),
        {
            "title": F("reference"),  # a title is required; the reference says nothing about anyone
            "summary": "",
            "organisation_name": "",
            "organisation_number": "",  # a sole trader's is their personal identity number
            "registration_date": None,
            "contact_name": "",
            "contact_email": "",
            "contact_phone": "",
            "team_size": None,
            "women_count": None,
            "men_count": None,
            "other_gender_count": None,
            "withdrawal_reason": "",
            "consent_showcase": False,
        },
        shown_with=(
            "reference",
            "created",
            "language",
            "organisation_type",
            "is_new_enterprise",
            "consent_processing",
            "stage",
            "status",
        ),
    ),
    PersonalFields(
        "team_members",
        TeamMember,
        _of_idea(TeamMember),
        {"name": "", "email": ""},
        erase=erase_team_member,
    ),
    PersonalFields("answers", ApplicantAnswer, _of_idea(ApplicantAnswer), {"text": ""}, ("created",)),
    PersonalFields(
        "attachments",
        IdeaAttachment,
        _of_idea(IdeaAttachment),
        {"file": DELETED, "original_name": DELETED},
        ("content_type", "size", "source", "uploaded"),
    ),
    PersonalFields(
        "decisions",
        Decision,
        _of_idea(Decision),
        {"reason": "", "private_note": "", "public_feedback": ""},
        ("decided", "stage", "code"),
    ),
    PersonalFields(
        "conflicts_of_interest",
        ConflictOfInterest,
        _of_idea(ConflictOfInterest),
        {"reason": ""},
        ("declared",),
    ),
    PersonalFields(
        "support_activities",
        SupportActivity,
        _of_idea(SupportActivity),
        {"notes": ""},
        ("date", "activity_type", "hours"),
    ),
    PersonalFields(
        "pilot_plan",
        PilotPlan,
        _of_idea(PilotPlan),
        {"partners": "", "success_criteria": "", "results": ""},
        ("start", "end", "budget"),
    ),
    PersonalFields(
        "market_outcome",
        MarketOutcome,
        _of_idea(MarketOutcome),
        {"organisation_number": "", "description": ""},
        ("outcome_type", "registration_date"),
    ),
    # The register: what the applicant declared (gender, age band, municipality) is exported with
    # the address and kept when it is erased, as the anonymous tally row the figures count.
    PersonalFields(
        "contact_person",
        Person,
        persons_of,
        {"email": None},
        ("gender", "age_band", "municipality", "first_reached", "erased"),
        erase=erase_person,
    ),
    PersonalFields(
        "organisation",
        Organisation,
        organisations_of,
        {"name": "", "organisation_number": None},
        ("organisation_type", "is_enterprise", "size_class", "registration_date", "created", "erased"),
        erase=erase_organisation,
    ),
    PersonalFields(
        "emails",
        OutboxMessage,
        emails_about,
        {"payload": erased_email, "last_error": erased_error},
        ("created", "done_at"),
        # Reviewers' e-mails are not the applicant's, and a digest lists other applicants' ideas.
        exported_only=Q(payload__audience="applicant"),
    ),
)

CODE = "a code from a fixed list of choices"
PUBLISHED = "published content that editors write for everyone to read"
VOCABULARY = "the programme's own vocabulary, kept by managers"

#: Free-text fields that hold no personal data, "app_label.Model.field" -> why not.
NOT_PERSONAL: dict[str, str] = {
    **dict.fromkeys(
        [
            "cms.HomePage.intro",
            "cms.HomePage.key_figures",
            "cms.HomePage.body",
            "cms.NewsIndexPage.intro",
            "cms.NewsPage.lead",
            "cms.NewsPage.image_alt",
            "cms.NewsPage.body",
            "cms.StandardPage.lead",
            "cms.StandardPage.image_alt",
            "cms.StandardPage.body",
            "cms.EventIndexPage.intro",
            "cms.EventPage.lead",
            "cms.EventPage.image_alt",
            "cms.EventPage.body",
            "cms.EventPage.place",
            "cms.EventPage.registration_url",
            "cms.ResourceIndexPage.intro",
            "cms.ResourcePage.lead",
            "cms.ResourcePage.image_alt",
            "cms.ResourcePage.body",
            "cms.Partner.name",
            "cms.Partner.website",
            "cms.Partner.description",
            "workflows.IdeaSubmissionPage.intro",
            "workflows.IdeaSubmissionPage.receipt_text",
        ],
        PUBLISHED,
    ),
    **dict.fromkeys(
        [
            "cms.ResourcePage.resource_type",
            "cms.ResourcePage.audience",
            "cms.ResourcePage.resource_language",
            "cms.Partner.role",
            "workflows.Idea.organisation_type",
            "workflows.Idea.language",
            "workflows.Idea.stage",
            "workflows.Idea.status",
            "workflows.IdeaAttachment.source",
            "workflows.Criterion.stage",
            "workflows.Score.stage",
            "workflows.Decision.stage",
            "workflows.Decision.code",
            "workflows.SupportActivity.activity_type",
            "workflows.MarketOutcome.outcome_type",
            "workflows.StageSettings.stage",
            "workflows.TaskDeadline.stage",
            "themes.ThemeSettings.theme",
            "reach.Organisation.organisation_type",
            "reach.Organisation.size_class",
            "reach.Reach.channel",
            "reach.Reach.role",
            "registrations.Registration.status",
            "registrations.Registration.language",
            "registrations.RegistrationLog.change",
            "workflows.StageSpell.stage",
            "workflows.StageSpell.exit",
            "workflows.StageSpell.exit_stage",
        ],
        CODE,
    ),
    **dict.fromkeys(
        [
            "cms.ChallengeArea.slug",
            "cms.ChallengeArea.name",
            "cms.ChallengeArea.name_en",
            "cms.ChallengeArea.description",
            "cms.ChallengeArea.description_en",
            "workflows.Criterion.code",
            "workflows.Criterion.name",
            "workflows.Criterion.name_en",
            "workflows.Criterion.guidance",
            "workflows.Criterion.guidance_en",
        ],
        VOCABULARY,
    ),
    **dict.fromkeys(
        [
            "cms.FooterSettings.contact_email",
            "cms.FooterSettings.contact_phone",
            "cms.FooterSettings.postal_address",
        ],
        "the programme's own contact details, published on every page",
    ),
    "cms.Municipality.slug": "a municipality's official name and code",
    "cms.Municipality.name": "a municipality's official name and code",
    "cms.Municipality.code": "a municipality's official name and code",
    "infra.OutboxMessage.kind": "the name of the handler that delivers the row",
    "infra.OutboxMessage.claimed_by": "a worker's random claim token",
    "infra.PersonalDataRequest.action": "a code from a fixed list of choices",
    "infra.PersonalDataRequest.counts": "how many records of each kind were exported or erased: numbers only",
    "workflows.Idea.reference": "the programme's reference number, SIS-<year>-<serial>",
    "workflows.IdeaAttachment.content_type": "the file's type, detected from its content",
    "workflows.StatusToken.token_hash": "the SHA-256 of a random secret (revoked on erasure)",
    "workflows.HeldUpload.form_key_hash": "the SHA-256 of a form's random one-time key",
    "workflows.HeldUpload.content_type": "the file's type, detected from its content",
    **dict.fromkeys(
        ["workflows.HeldUpload.file", "workflows.HeldUpload.original_name"],
        "a file of an intake form not yet sent, tied to no idea or person, so no one's to export or erase: "
        "it becomes the idea's attachment when the form is sent, or is deleted within days "
        "(`discard_abandoned_uploads`)",
    ),
    "registrations.Registration.cancel_token_hash": "the SHA-256 of a random secret (removed on erasure)",
    "workflows.Decision.task_name": "the name of the flow's task",
    "workflows.TaskDeadline.task_status": "a copy of Viewflow's task status, a code",
    "workflows.TaskDeadline.node": "a copy of the flow node's reference",
    "workflows.WaitingCount.node": "a flow node's reference",
    "figures.DataVersion.counted": "the name of a table whose changes the row counts",
    "workflows.IdeaText.document": "SQLite's full-text index of the idea's reference, title and "
    "organisation: it stores no text of its own (it reads the idea's, which the inventory covers, "
    "and triggers follow an erasure)",
    **dict.fromkeys(
        ["search.AttachmentText.file_hash", "search.AttachmentText.text", "search.AttachmentText.skipped"],
        "the text of a file attached to a published resource, read for the public search, or why it "
        "could not be read: files of private collections are never read (`search/attachments.py`)",
    ),
    "workflows.AuditEntry.old_value": "codes, ids and numbers only (`actions._base.audit`)",
    "workflows.AuditEntry.new_value": "codes, ids and numbers only (`actions._base.audit`)",
    "workflows.DigestEntry.group": "the name of a reviewing group",
    "reach.Reach.source": "an idea's reference number or an event page's id",
    **dict.fromkeys(
        ["reach.Person.gender", "reach.Person.age_band"],
        "a declared code, exported with the person's address and kept when it is erased: without the "
        "address it is the anonymous tally the funders' figures count",
    ),
}
