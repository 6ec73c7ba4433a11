"""The default scoring rubric of every reviewing stage and each stage's deadline; managers edit both."""

from django.db import migrations

CRITERIA = [
    ("social_impact", "Social nytta", "Social impact", 3),
    ("innovation", "Innovationshöjd", "Innovation", 2),
    ("feasibility", "Genomförbarhet", "Feasibility", 2),
    ("scalability", "Skalbarhet", "Scalability", 1),
    ("team_capacity", "Teamets kapacitet", "Team capacity", 1),
]
STAGES = {"screening": (14, 7), "support": (90, 14), "pilot": (180, 30), "market": (90, 14)}


def forwards(apps, schema_editor):
    Criterion = apps.get_model("workflows", "Criterion")
    StageSettings = apps.get_model("workflows", "StageSettings")
    for stage, (deadline_days, overdue_notify_days) in STAGES.items():
        StageSettings.objects.get_or_create(
            stage=stage, defaults={"deadline_days": deadline_days, "overdue_notify_days": overdue_notify_days}
        )
        for order, (code, name, name_en, weight) in enumerate(CRITERIA):
            Criterion.objects.get_or_create(
                stage=stage, code=code, defaults={"name": name, "name_en": name_en, "weight": weight, "sort_order": order}
            )


class Migration(migrations.Migration):
    dependencies = [("workflows", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
