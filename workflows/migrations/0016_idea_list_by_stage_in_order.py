"""The all-ideas list filtered by stage and status, newest first, read from one index in order."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('workflows', '0015_task_lists_by_deadline'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='idea',
            name='workflows_idea_stage_status',
        ),
        migrations.AddIndex(
            model_name='idea',
            index=models.Index(fields=['stage', 'status', 'created', 'id'], name='workflows_idea_stage_created'),
        ),
    ]
