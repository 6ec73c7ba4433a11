"""Wagtail's default moderation workflow and its task get a Swedish name.

Wagtail names them "Moderators approval", one string that its admin prints inside translated
sentences ("Lämna in till Moderators approval"). The programme's editors work in Swedish, so
the name is the Swedish one, in both admins.
"""

from django.db import migrations

ENGLISH = "Moderators approval"
SWEDISH = "Moderatorernas godkännande"


def rename(apps, old: str, new: str) -> None:
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def to_swedish(apps, schema_editor):
    rename(apps, ENGLISH, SWEDISH)


def to_english(apps, schema_editor):
    rename(apps, SWEDISH, ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_key_figures_live"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_swedish, to_english)]
