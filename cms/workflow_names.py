"""The moderation workflow's name in the reader's language.

Wagtail keeps one name per workflow and per task and prints it inside its translated sentences
("Submit to …", the status panel, the notification e-mails). The default workflow and its task
are stored under a known name (Swedish since migration 0007, or Wagtail's English one on a site
built before it); as such an object is loaded, its name becomes the one of the active language.
Names the programme gives its own workflows and tasks are shown as typed.
"""

from django.db.models.signals import post_init
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, Workflow
from wagtail.workflows import get_task_types

DEFAULT_NAME = _("Moderators' approval")
STORED_NAMES = frozenset({"Moderatorernas godkännande", "Moderators approval", "Moderators' approval"})


def name_in_active_language(sender, instance, **kwargs) -> None:
    # A deferred name would cost a query to read; nothing shows what was not loaded.
    if "name" not in instance.get_deferred_fields() and instance.name in STORED_NAMES:
        instance.name = str(DEFAULT_NAME)


def translate_default_names() -> None:
    for model in (Workflow, Task, *get_task_types()):
        post_init.connect(name_in_active_language, sender=model, dispatch_uid=f"workflow-name-{model}")
