"""Indexes on Viewflow's task table for the reviewers' lists (workflows/queries.py).

The inbox reads one reviewer's claimed tasks and the queues the waiting tasks of some flow
nodes. Viewflow indexes owner and status only one by one, so at 100 000 ideas the inbox read
every task its reviewer ever held (bench/ideas.py). Viewflow's model is not ours to change:
the indexes are plain SQL, the same on SQLite and PostgreSQL, and leave no model state.
"""

from django.db import migrations

INDEXES = {
    "workflows_task_owner_status": "owner_id, status",
    "workflows_task_status_node": "status, flow_task",
}


class Migration(migrations.Migration):
    dependencies = [("workflows", "0005_criteria_in_stage_order")]  # 0001 follows viewflow's last

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON viewflow_task ({columns})", reverse_sql=f"DROP INDEX {name}"
        )
        for name, columns in INDEXES.items()
    ]
