"""The outbox now belongs to `infra` (see `infra.0001_initial`): `cms` forgets the model
without touching its table, and what names it by app follows: its content type (so its
permissions stay attached) and the delivery tasks already queued under the old module path."""

from django.db import migrations

OLD_TASK, NEW_TASK = "cms.outbox.deliver_outbox", "infra.outbox.deliver_outbox"


def move(apps, schema_editor, source: str, target: str, old_task: str, new_task: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    # A content type that `infra` already has (from an earlier, interrupted run) is kept.
    if not ContentType.objects.filter(app_label=target, model="outboxmessage").exists():
        ContentType.objects.filter(app_label=source, model="outboxmessage").update(app_label=target)
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=old_task, status="READY").update(task_path=new_task)


def forwards(apps, schema_editor):
    move(apps, schema_editor, "cms", "infra", OLD_TASK, NEW_TASK)


def backwards(apps, schema_editor):
    move(apps, schema_editor, "infra", "cms", NEW_TASK, OLD_TASK)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_outbox"),
        ("infra", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="OutboxMessage")]),
        migrations.RunPython(forwards, backwards),
    ]
