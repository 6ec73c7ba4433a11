"""Domain errors: an action's precondition failed. Views turn them into a clear message.

Each carries a translatable `message` for the person who acted; nothing was changed when
one is raised (the action's transaction rolled back).
"""

from django.utils.translation import gettext_lazy as _


class WorkflowError(Exception):
    """Base of every domain error of the idea pipeline."""

    message = _("This could not be done.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class IdeaFinished(WorkflowError):
    message = _("This idea is closed or withdrawn: nothing more can be done with it.")


class TaskNotOpen(WorkflowError):
    message = _("This task has already been completed or cancelled.")


class TaskNotYours(WorkflowError):
    message = _("This task is not assigned to you. Claim it first.")


class TaskAlreadyClaimed(WorkflowError):
    message = _("Someone else has already claimed this task.")


class NotAllowed(WorkflowError):
    message = _("You are not allowed to do this.")


class InConflict(WorkflowError):
    message = _("You have declared a conflict of interest with this idea.")


class InvalidDecision(WorkflowError):
    message = _("This decision is not possible at this stage.")


class InvalidInput(WorkflowError):
    message = _("Some of the information given is not valid.")

    def __init__(self, message=None, errors=None):
        super().__init__(message)
        self.errors = errors or {}


class NoOpenRequest(WorkflowError):
    message = _("There is no open request for information on this idea.")


class StatusLinkInvalid(WorkflowError):
    message = _("This status link is not valid. It may have been replaced or revoked.")


class Busy(WorkflowError):
    message = _("Someone else is working on this idea right now. Please try again.")


class NotFound(WorkflowError):
    message = _("There is no such idea or task.")


class AlreadyScored(WorkflowError):
    message = _("You have already submitted your scores for this stage.")


class WrongStage(WorkflowError):
    message = _("This cannot be done in the idea's current stage.")


class AlreadyErased(WorkflowError):
    message = _("The applicant's personal data has already been erased from this idea.")
