"""The all-ideas list newest first by id (the order the ideas came in), its filtered form read from
(stage, status, id); SQLite's full-text table as an unmanaged model, so that a search joins it."""

import django.db.models.deletion
import workflows.models.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cms', '0009_image_description_per_language'),
        ('reach', '0003_figures_indexes'),
        ('viewflow', '0015_task_scheduled'),
        ('workflows', '0020_idea_count'),
    ]

    operations = [
        migrations.CreateModel(
            name='IdeaText',
            fields=[
                ('idea', models.OneToOneField(db_column='rowid', db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='text', serialize=False, to='workflows.idea')),
                ('document', workflows.models.search.FullTextColumn(db_column='workflows_idea_text')),
                ('newest', models.IntegerField(db_column='oid')),
            ],
            options={
                'db_table': 'workflows_idea_text',
                'managed': False,
            },
        ),
        migrations.RemoveIndex(
            model_name='idea',
            name='workflows_idea_stage_created',
        ),
        migrations.AddIndex(
            model_name='idea',
            index=models.Index(fields=['stage', 'status', 'id'], name='workflows_idea_stage_newest'),
        ),
    ]
