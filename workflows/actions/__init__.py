"""Every state change of the idea pipeline is one function here (zulip's `do_*` style).

Each runs in one transaction holding the flow's lock on the idea's process, re-checks its
precondition, writes its records, exactly one AuditEntry and its outbox rows, and raises a
`workflows.errors.WorkflowError` (changing nothing) when the precondition fails. Views and
forms validate input and turn errors into messages; they never change ideas or tasks
themselves. Call actions outside any transaction (no ATOMIC_REQUESTS).
"""

from .access import issue_status_token, resend_status_link, revoke_status_token
from .applicant import answer_information_request, set_showcase_consent, withdraw_idea
from .decisions import decide, score_idea
from .intake import submit_idea
from .privacy import erase_applicant_data, erase_expired_personal_data, export_applicant_data
from .records import log_support_activity, record_market_outcome, save_pilot_plan
from .tasks import claim_task, declare_conflict, reassign_task, release_task

__all__ = [
    "answer_information_request",
    "claim_task",
    "decide",
    "declare_conflict",
    "erase_applicant_data",
    "erase_expired_personal_data",
    "export_applicant_data",
    "issue_status_token",
    "log_support_activity",
    "reassign_task",
    "record_market_outcome",
    "release_task",
    "resend_status_link",
    "revoke_status_token",
    "save_pilot_plan",
    "score_idea",
    "set_showcase_consent",
    "submit_idea",
    "withdraw_idea",
]
