"""Audit entries of scoring keep the fact (and the stage), no longer the scores.

Every reviewer reads an idea's audit log, so scores written there broke blind scoring; the
scores themselves stay in `Score`, shown only where `queries.visible_scores` allows.
"""

from django.db import migrations

SCORES_SUBMITTED = 302


def drop_scores(apps, schema_editor):
    AuditEntry = apps.get_model("workflows", "AuditEntry")
    scored = AuditEntry.objects.filter(event=SCORES_SUBMITTED, new_value__has_key="scores")
    for pk, new_value in scored.values_list("pk", "new_value").iterator():
        AuditEntry.objects.filter(pk=pk).update(new_value={"stage": new_value.get("stage")})


class Migration(migrations.Migration):
    dependencies = [("workflows", "0007_personal_data_erasure")]

    # Nothing to put back: the scores are still in workflows_score.
    operations = [migrations.RunPython(drop_scores, migrations.RunPython.noop)]
