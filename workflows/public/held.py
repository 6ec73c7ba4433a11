"""The intake form's attachments across a round trip: when another field sends the form back, its
valid files are held server-side (`actions.held`), the field's hint names them, and the next
sending uses them unless other files are chosen.

Holding takes a slot of its own limit per client (`infra.ratelimit`), so that forms sent back on
purpose cannot fill the disk; when no slot is left, or the form's key has expired, the hint says
plainly that the files must be chosen again.
"""

from contextlib import contextmanager

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from infra import ratelimit

from .. import errors
from ..actions import held as actions
from .attachments import attachments_help

HOLD_SCOPE = "held_uploads"


def form_key(form) -> str | None:
    """The form's one-time key, if it is valid (the held files are bound to it)."""
    return None if "form_key" in form.errors else form.cleaned_data.get("form_key")


def _hold(request, key: str | None, chosen: list) -> list:
    """The chosen files, held in place of what the form held before; [] (and nothing held) if not possible."""
    if key and ratelimit.take(request, HOLD_SCOPE):
        try:
            return actions.hold_uploads(key, chosen)
        except errors.InvalidInput:
            pass  # they were checked as the form was cleaned: only a file changed meanwhile gets here
    if key:
        actions.discard_held_uploads(key)
    return []


def keep_attachments(request, form) -> None:
    """After `form` was sent back with errors: hold its new valid files and say so in the field's hint."""
    key = form_key(form)
    chosen = [] if "attachments" in form.errors else form.cleaned_data.get("attachments") or []
    held = _hold(request, key, chosen) if chosen else actions.held_uploads(key) if key else []
    if held:
        names = ", ".join(f"{upload.original_name} ({filesizeformat(upload.size)})" for upload in held)
        note = _(
            "Kept from your last try: %(files)s. They are sent with the form; "
            "choose other files to replace them."
        )
        note %= {"files": names}
    elif chosen:
        note = _("Your files could not be kept: choose them again.")
    else:
        return
    # The bound field copied the hint when the form was validated: set it there too.
    form.fields["attachments"].help_text = form["attachments"].help_text = f"{note} {attachments_help()}"


@contextmanager
def held_attachments(key: str, chosen: list):
    """The files to send: those chosen, or else those the form held, opened until the block ends."""
    files = [] if chosen else actions.held_files(actions.held_uploads(key))
    try:
        yield chosen or files
    finally:
        for file in files:
            file.close()
