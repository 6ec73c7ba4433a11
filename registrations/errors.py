"""Why a registration or a cancellation was refused: each carries the sentence the visitor reads."""

from django.utils.translation import gettext_lazy as _


class RegistrationRefused(Exception):
    """The action changed nothing; `message` says why, for the visitor."""

    message = _("The registration could not be made.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message is not None:
            self.message = message


class RegistrationClosed(RegistrationRefused):
    message = _("Registration for this event is closed.")


class EventFull(RegistrationRefused):
    message = _("The event is full, and it keeps no waiting list.")


class AlreadyRegistered(RegistrationRefused):
    message = _(
        "This e-mail address is already registered for this event. The confirmation we sent it has a link "
        "for cancelling."
    )


class InvalidCancelLink(RegistrationRefused):
    message = _("This cancel link is not valid, or the registration was already cancelled.")


class AttendanceRefused(RegistrationRefused):
    """Refused at the door; the message is for the staff member."""

    message = _("Attendance could not be marked.")

    @classmethod
    def about(cls, registration) -> "AttendanceRefused":
        """The refusal, its message naming the registrant."""
        return cls(cls.message % {"name": registration.name or _("(erased)")})


class DoorClosed(AttendanceRefused):
    message = _("Attendance can be marked from the day the event starts until the end of the day it ends.")


class CannotAttend(AttendanceRefused):
    message = _(
        "Only a registration with a seat can be marked as attended: this one is cancelled or waiting."
    )


class AlreadyAttended(AttendanceRefused):
    message = _("%(name)s is already marked as attended.")


class NotAttended(AttendanceRefused):
    message = _("%(name)s is not marked as attended.")


class TooLateToUndo(AttendanceRefused):
    message = _(
        "An attendance mark can only be undone on the day it was made: the figures may already have "
        "counted it."
    )


class ConsentNeeded(AttendanceRefused):
    message = _("The person must agree to the processing before they are registered.")
