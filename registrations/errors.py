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
