"""The idea pipeline's data, one module per concern."""

from .audit import AUDIT_KINDS, AuditEntry, AuditEvent
from .counts import IdeaCount, SubmissionDay, WaitingCount
from .digests import DigestEntry, ReviewerPreferences
from .held import HeldUpload
from .ideas import (
    ApplicantAnswer,
    AttachmentSource,
    Idea,
    IdeaAttachment,
    Language,
    OrganisationType,
    ReferenceSerial,
    Stage,
    Status,
    StatusToken,
)
from .pages import IdeaSubmissionPage
from .process import IdeaProcess
from .reviews import (
    ConflictOfInterest,
    Criterion,
    Decision,
    DecisionCode,
    ImmutableError,
    Score,
)
from .search import IdeaText, InChallengeArea, SearchedText, term
from .spells import STAGE_EVENTS, StageSpell, record_stage_change, spells_of
from .stages import (
    ActivityType,
    MarketOutcome,
    OutcomeType,
    PilotPlan,
    StageSettings,
    SupportActivity,
    TaskDeadline,
)
from .team import MAX_TEAM_MEMBERS, TeamMember

__all__ = [
    "AUDIT_KINDS",
    "MAX_TEAM_MEMBERS",
    "STAGE_EVENTS",
    "ActivityType",
    "ApplicantAnswer",
    "AttachmentSource",
    "AuditEntry",
    "AuditEvent",
    "ConflictOfInterest",
    "Criterion",
    "Decision",
    "DecisionCode",
    "DigestEntry",
    "HeldUpload",
    "Idea",
    "IdeaAttachment",
    "IdeaCount",
    "IdeaProcess",
    "IdeaSubmissionPage",
    "IdeaText",
    "ImmutableError",
    "InChallengeArea",
    "Language",
    "MarketOutcome",
    "OrganisationType",
    "OutcomeType",
    "PilotPlan",
    "ReferenceSerial",
    "ReviewerPreferences",
    "Score",
    "SearchedText",
    "Stage",
    "StageSettings",
    "StageSpell",
    "Status",
    "StatusToken",
    "SubmissionDay",
    "SupportActivity",
    "TaskDeadline",
    "TeamMember",
    "WaitingCount",
    "record_stage_change",
    "spells_of",
    "term",
]
