"""The applicant's attachments field: several files, each checked by its content."""

import os

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from ..validators import (
    ALLOWED_ATTACHMENT_TYPES,
    EXTENSION_TYPES,
    attachment_max_bytes,
    sniff_attachment,
)

MAX_FILES = 5


def _when_rendered(message, **params):
    """`message` in the page's language with `params` (callables) filled in as the field renders: the
    field is built once, at import. `%(name)s` is left for the script to fill in."""
    return lazy(
        lambda: message % {"name": "%(name)s", **{key: value() for key, value in params.items()}}, str
    )()


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files, each checked by content (`sniff_attachment`) before the action sees them.

    A file whose name ends in an allowed type's extension must hold that type: `plan.pdf`
    holding a PNG is refused. The action checks the content again.
    """

    widget = MultipleFileInput

    def __init__(self, *, max_files=MAX_FILES, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        """What the browser checks before the upload (default/js/attachments.js): the same limits,
        by size and file name only; the server checks the content again."""
        return super().widget_attrs(widget) | {
            "accept": ",".join(EXTENSION_TYPES),
            "data-max-bytes": lazy(lambda: str(attachment_max_bytes()), str)(),
            "data-max-files": self.max_files,
            "data-too-large": _when_rendered(
                _("%(name)s is too large: at most %(megabytes)s MB."),
                megabytes=lambda: attachment_max_bytes() // (1024 * 1024),
            ),
            "data-wrong-type": _when_rendered(
                _("%(name)s: this type of file is not accepted. Allowed: %(types)s."),
                types=lambda: ", ".join(ALLOWED_ATTACHMENT_TYPES.values()),
            ),
            "data-too-many": _when_rendered(
                _("Attach at most %(count)s files."), count=lambda: self.max_files
            ),
        }

    def clean(self, data, initial=None):
        files = [file for file in (data if isinstance(data, list | tuple) else [data]) if file]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise ValidationError(
                _("Attach at most %(count)s files."), code="too_many_files", params={"count": self.max_files}
            )
        problems = []
        for file in files:
            name = os.path.basename(getattr(file, "name", "") or "")
            try:
                super().clean(file, initial)
                content_type = sniff_attachment(file)
            except ValidationError as error:
                problems.extend(f"{name}: {message}" for message in error.messages)
                continue
            named = EXTENSION_TYPES.get(os.path.splitext(name)[1].lower())
            if named is not None and named != content_type:
                problems.append(
                    _("%(name)s: the file's name says %(named)s but its content is %(actual)s.")
                    % {
                        "name": name,
                        "named": ALLOWED_ATTACHMENT_TYPES[named],
                        "actual": ALLOWED_ATTACHMENT_TYPES[content_type],
                    }
                )
        if problems:
            raise ValidationError(problems, code="attachment")
        return files


def attachments_help() -> str:
    return _("Up to %(count)s files of at most %(megabytes)s MB each: %(types)s.") % {
        "count": MAX_FILES,
        "megabytes": attachment_max_bytes() // (1024 * 1024),
        "types": ", ".join(ALLOWED_ATTACHMENT_TYPES.values()),
    }
