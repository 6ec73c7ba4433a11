"""The outbox moves here from `cms`: its table stays as it is (`cms_outboxmessage`), only
Django's record of which app owns it changes. On a fresh database `cms.0003_outbox` still
creates the table; `cms.0004_outbox_moves_to_infra` then forgets the model on its side."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cms", "0003_outbox"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboxMessage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                help_text="Which handler delivers it.", max_length=40, verbose_name="kind"
                            ),
                        ),
                        ("payload", models.JSONField(default=dict, verbose_name="payload")),
                        (
                            "created",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="created"),
                        ),
                        ("attempts", models.PositiveIntegerField(default=0, verbose_name="attempts")),
                        (
                            "next_attempt_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="next attempt"),
                        ),
                        ("claimed_at", models.DateTimeField(blank=True, null=True, verbose_name="claimed")),
                        ("claimed_by", models.CharField(blank=True, max_length=64, verbose_name="claimed by")),
                        ("done_at", models.DateTimeField(blank=True, null=True, verbose_name="delivered")),
                        ("last_error", models.TextField(blank=True, verbose_name="last error")),
                    ],
                    options={
                        "verbose_name": "outbox message",
                        "verbose_name_plural": "outbox messages",
                        "db_table": "cms_outboxmessage",
                        "indexes": [
                            models.Index(
                                condition=models.Q(("done_at__isnull", True)),
                                fields=["next_attempt_at"],
                                name="cms_outbox_pending_idx",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
