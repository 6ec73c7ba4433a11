"""The app server and the task worker share one SQLite file, and Wagtail's own search index
survives two writers at once: nothing a user does fails because the worker is busy."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Saves images one after another as Wagtail's image form does: the row, then the index entry in
#: the request, while the worker writes the same entry from the task each save enqueued.
ADMIN_WRITES = """
from io import BytesIO
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.images.models import Image
from wagtail.search import index
for number in range(40):
    buffer = BytesIO()
    Picture.new("RGB", (40, 30), "#1f5f8b").save(buffer, format="PNG")
    image = Image.objects.create(title=f"Bild {number}", file=ImageFile(buffer, name=f"bild-{number}.png"))
    index.insert_or_update_object(image)
print("saved")
"""

#: Indexes the 40 images afresh, starting at a given moment (so that two of these run together).
RACE = """
import time
from wagtail.images.models import Image
from wagtail.search import index
from wagtail.search.models import IndexEntry
images = list(Image.objects.order_by("pk"))
time.sleep(max(0, %r - time.time()))
for image in images:
    IndexEntry.objects.filter(object_id=str(image.pk), content_type__model="image").delete()
    index.insert_or_update_object(image)
"""

STATE = """
import json
from django.db import connection
from django_tasks_db.models import DBTaskResult
from wagtail.images.models import Image
from wagtail.search.models import IndexEntry
with connection.cursor() as cursor:
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    timeout = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
statuses = sorted(set(DBTaskResult.objects.values_list("status", flat=True)))
images = Image.objects.count()
entries = IndexEntry.objects.filter(content_type__model="image").count()
print(json.dumps([mode, timeout, images, entries, statuses]))
"""


def manage(environment: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        **kwargs,
    )


def test_the_worker_indexes_while_the_admin_writes_and_neither_fails(tmp_path):
    environment = {
        **{key: value for key, value in os.environ.items() if key not in {"REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "PYTHONPATH": str(ROOT),
    }
    assert manage(environment, "migrate", "--noinput", "-v0", check=True).returncode == 0
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.01", "--no-startup-delay"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        writes = manage(environment, "shell", "-v", "0", "-c", ADMIN_WRITES)
        assert writes.returncode == 0, writes.stderr[-3000:]
        assert "saved" in writes.stdout, writes.stderr[-3000:]
        deadline = time.monotonic() + 120
        while True:
            state = manage(environment, "shell", "-v", "0", "-c", STATE)
            assert state.returncode == 0, state.stderr[-3000:]
            mode, timeout, images, entries, statuses = json.loads(state.stdout.splitlines()[-1])
            if statuses == ["SUCCESSFUL"] or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()[-3000:]
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert (mode, timeout) == ("wal", 30000)
    assert statuses == ["SUCCESSFUL"], state.stdout  # every index task of the 40 saves, none failed
    assert (images, entries) == (40, 40)

    # Two writers of the same new entries at the same moment, as the request and the worker are.
    racers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-v", "0", "-c", RACE % (time.time() + 4)],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [racer.communicate(timeout=240)[0] for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0], "\n".join(output[-2000:] for output in outputs)
