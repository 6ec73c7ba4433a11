"""The idea pipeline's data, one module per concern."""

from .audit import AUDIT_KINDS, AuditEntry, AuditEvent
from .digests import DigestEntry, ReviewerPreferences
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
    DECISIONS_BY_TASK,
    EXITS,
    ConflictOfInterest,
    Criterion,
    Decision,
    DecisionCode,
    ImmutableError,
    Score,
)
from .stages import (
    REVIEW_STAGES,
    ActivityType,
    MarketOutcome,
    OutcomeType,
    PilotPlan,
    StageSettings,
    SupportActivity,
    TaskDeadline,
)

__all__ = [
    "AUDIT_KINDS",
    "DECISIONS_BY_TASK",
    "EXITS",
    "REVIEW_STAGES",
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
    "Idea",
    "IdeaAttachment",
    "IdeaProcess",
    "IdeaSubmissionPage",
    "ImmutableError",
    "Language",
    "MarketOutcome",
    "OrganisationType",
    "OutcomeType",
    "PilotPlan",
    "ReferenceSerial",
    "ReviewerPreferences",
    "Score",
    "Stage",
    "StageSettings",
    "Status",
    "StatusToken",
    "SupportActivity",
    "TaskDeadline",
]
