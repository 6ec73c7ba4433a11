"""`run_periodic_jobs` as an operator runs it: one instance per database, stopped by SIGTERM."""

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
READY = "Running the periodic jobs"


@pytest.fixture
def environment(db, tmp_path) -> dict:
    """The processes' settings: on PostgreSQL the tests' database, on SQLite a file of their own
    (the tests' is in memory; there the jobs fail for want of tables, which they log and survive)."""
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        url = (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        )
    else:
        url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": url}


def start(environment: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_periodic_jobs"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    readable, _, _ = select.select([process.stdout], [], [], 60)
    assert readable
    assert process.stdout.readline().startswith(READY)
    return process


def stop(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=60)
    finally:
        process.kill()


def test_sigterm_stops_the_jobs_after_the_current_one_with_exit_code_0(environment):
    process = start(environment)
    assert stop(process) == 0
    assert "Stopped on SIGTERM." in process.stdout.read()


def test_a_second_instance_refuses_to_run_while_the_first_runs(environment):
    first = start(environment)
    try:
        second = subprocess.run(
            [sys.executable, "manage.py", "run_periodic_jobs"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        assert stop(first) == 0
    assert second.returncode != 0
    assert "already running" in second.stderr
    assert READY not in second.stdout
