"""The inbox and the queues from one index: the task's status, holder and node copied beside its deadline.

The lists show reviewer tasks by due time, but the due time is ours (`workflows_taskdeadline`)
and the status, holder and node are Viewflow's (`viewflow_task`): no index could serve both the
filter and the order, so at 100 000 ideas a queue sorted 41 000 joined rows per page
(docs/performance.md). Database triggers keep the copies exact whoever changes a task (our
actions, Viewflow's own activations, a bulk load): when a task's status or owner changes, and
when a deadline row is written (whatever it says, the copy is read again from the task). Other
triggers on the copies keep `workflows_waitingcount`, the number of waiting tasks per node, so a
queue's count is a sum. Only waiting tasks are counted: a claim or a release then changes one
counter row, and two transactions never take two of them in opposite orders.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

COPY = "(task_status, task_owner_id, node) = (SELECT status, owner_id, flow_task FROM viewflow_task WHERE id = {key})"

ADD = (
    "INSERT INTO workflows_waitingcount (node, tasks) VALUES (new.node, 1) "
    "ON CONFLICT (node) DO UPDATE SET tasks = workflows_waitingcount.tasks + 1;"
)
SUBTRACT = "UPDATE workflows_waitingcount SET tasks = tasks - 1 WHERE node = old.node"

SQLITE = [
    f"UPDATE workflows_taskdeadline SET {COPY.format(key='task_id')}",
    "CREATE TRIGGER workflows_task_copy AFTER UPDATE OF status, owner_id ON viewflow_task "
    "WHEN old.status IS NOT new.status OR old.owner_id IS NOT new.owner_id BEGIN "
    "UPDATE workflows_taskdeadline SET task_status = new.status, task_owner_id = new.owner_id "
    "WHERE task_id = new.id; END",
    "CREATE TRIGGER workflows_taskdeadline_copy_insert AFTER INSERT ON workflows_taskdeadline BEGIN "
    f"UPDATE workflows_taskdeadline SET {COPY.format(key='new.task_id')} WHERE task_id = new.task_id; END",
    # A save of the whole row writes the copies too: they are read again. (SQLite's triggers do
    # not fire themselves again: recursive_triggers is off by default.)
    "CREATE TRIGGER workflows_taskdeadline_copy_update "
    "AFTER UPDATE OF task_status, task_owner_id, node ON workflows_taskdeadline BEGIN "
    f"UPDATE workflows_taskdeadline SET {COPY.format(key='new.task_id')} WHERE task_id = new.task_id; END",
]
SQLITE_COUNTS = [
    "INSERT INTO workflows_waitingcount (node, tasks) SELECT node, COUNT(*) FROM workflows_taskdeadline "
    "WHERE task_status = 'NEW' GROUP BY node",
    "CREATE TRIGGER workflows_waitingcount_insert AFTER INSERT ON workflows_taskdeadline "
    "WHEN new.task_status = 'NEW' BEGIN " + ADD + " END",
    "CREATE TRIGGER workflows_waitingcount_update AFTER UPDATE OF task_status, node ON workflows_taskdeadline "
    "WHEN old.task_status IS NOT new.task_status OR old.node IS NOT new.node BEGIN "
    + SUBTRACT.replace("WHERE", "WHERE old.task_status = 'NEW' AND")
    + "; "
    + ADD.replace("VALUES (new.node, 1)", "SELECT new.node, 1 WHERE new.task_status = 'NEW'")
    + " END",
    "CREATE TRIGGER workflows_waitingcount_delete AFTER DELETE ON workflows_taskdeadline "
    "WHEN old.task_status = 'NEW' BEGIN " + SUBTRACT + "; END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS workflows_waitingcount_insert",
    "DROP TRIGGER IF EXISTS workflows_waitingcount_update",
    "DROP TRIGGER IF EXISTS workflows_waitingcount_delete",
    "DROP TRIGGER IF EXISTS workflows_task_copy",
    "DROP TRIGGER IF EXISTS workflows_taskdeadline_copy_insert",
    "DROP TRIGGER IF EXISTS workflows_taskdeadline_copy_update",
]

POSTGRESQL = [
    f"UPDATE workflows_taskdeadline SET {COPY.format(key='task_id')}",
    """CREATE FUNCTION workflows_task_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE workflows_taskdeadline SET task_status = NEW.status, task_owner_id = NEW.owner_id
    WHERE task_id = NEW.id;
    RETURN NULL;
END $$""",
    "CREATE TRIGGER workflows_task_copy AFTER UPDATE OF status, owner_id ON viewflow_task FOR EACH ROW "
    "WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.owner_id IS DISTINCT FROM NEW.owner_id) "
    "EXECUTE FUNCTION workflows_task_copy()",
    """CREATE FUNCTION workflows_taskdeadline_copy() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    task record;
BEGIN
    SELECT status, owner_id, flow_task INTO task FROM viewflow_task WHERE id = NEW.task_id;
    IF FOUND THEN
        NEW.task_status := task.status;
        NEW.task_owner_id := task.owner_id;
        NEW.node := task.flow_task;
    END IF;
    RETURN NEW;
END $$""",
    "CREATE TRIGGER workflows_taskdeadline_copy "
    "BEFORE INSERT OR UPDATE OF task_status, task_owner_id, node ON workflows_taskdeadline "
    "FOR EACH ROW EXECUTE FUNCTION workflows_taskdeadline_copy()",
]
POSTGRESQL_COUNTS = [
    "INSERT INTO workflows_waitingcount (node, tasks) SELECT node, COUNT(*) FROM workflows_taskdeadline "
    "WHERE task_status = 'NEW' GROUP BY node",
    """CREATE FUNCTION workflows_waitingcount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.task_status = 'NEW' THEN
        """
    + SUBTRACT.replace("old.", "OLD.")
    + """;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.task_status = 'NEW' THEN
        """
    + ADD.replace("new.", "NEW.")
    + """
    END IF;
    RETURN NULL;
END $$""",
    "CREATE TRIGGER workflows_waitingcount AFTER INSERT OR DELETE ON workflows_taskdeadline "
    "FOR EACH ROW EXECUTE FUNCTION workflows_waitingcount()",
    "CREATE TRIGGER workflows_waitingcount_update AFTER UPDATE OF task_status, node ON workflows_taskdeadline "
    "FOR EACH ROW WHEN (OLD.task_status IS DISTINCT FROM NEW.task_status OR OLD.node IS DISTINCT FROM NEW.node) "
    "EXECUTE FUNCTION workflows_waitingcount()",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS workflows_waitingcount ON workflows_taskdeadline",
    "DROP TRIGGER IF EXISTS workflows_waitingcount_update ON workflows_taskdeadline",
    "DROP FUNCTION IF EXISTS workflows_waitingcount()",
    "DROP TRIGGER IF EXISTS workflows_task_copy ON viewflow_task",
    "DROP TRIGGER IF EXISTS workflows_taskdeadline_copy ON workflows_taskdeadline",
    "DROP FUNCTION IF EXISTS workflows_task_copy()",
    "DROP FUNCTION IF EXISTS workflows_taskdeadline_copy()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("viewflow", "0015_task_scheduled"),
        ("workflows", "0014_stage_spells"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="taskdeadline",
            name="node",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="taskdeadline",
            name="task_owner",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="taskdeadline",
            name="task_status",
            field=models.CharField(default="", editable=False, max_length=50),
        ),
        migrations.CreateModel(
            name="WaitingCount",
            fields=[
                ("node", models.CharField(max_length=255, primary_key=True, serialize=False)),
                ("tasks", models.IntegerField(default=0)),
            ],
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE + SQLITE_COUNTS, "postgresql": POSTGRESQL + POSTGRESQL_COUNTS}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
        migrations.AddIndex(
            model_name="taskdeadline",
            index=models.Index(
                fields=["task_owner", "task_status", "due", "task"], name="workflows_deadline_held"
            ),
        ),
        migrations.AddIndex(
            model_name="taskdeadline",
            index=models.Index(
                fields=["task_status", "due", "task", "node", "idea"], name="workflows_deadline_waiting"
            ),
        ),
        migrations.AddIndex(
            model_name="taskdeadline",
            index=models.Index(fields=["idea", "task_status", "node"], name="workflows_deadline_idea"),
        ),
    ]
