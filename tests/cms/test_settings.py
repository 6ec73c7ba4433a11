"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-test-key-that-is-long-and-random-enough-0123456789"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "DEBUG",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "EMAIL_HOST",
            "EMAIL_DISABLED",
        }
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="cms.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", ALLOWED_HOSTS="sis.example.org", EMAIL_HOST="smtp.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = manage(
        "check", SECRET_KEY="short", ALLOWED_HOSTS="sis.example.org", EMAIL_HOST="smtp.example.org"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", SECRET_KEY=GOOD_KEY, EMAIL_HOST="smtp.example.org")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_production_refuses_to_start_without_an_email_configuration():
    result = manage("check", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="sis.example.org")
    assert result.returncode != 0
    assert "EMAIL_HOST must be set" in result.stderr


def test_with_email_disabled_production_drops_each_message_and_logs_only_that():
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.mail import send_mail; print(settings.EMAIL_BACKEND); "
        "print(send_mail('Din idé Läxhjälp', 'Status: https://sis.example.org/ideas/status/SECRET-TOKEN/', "
        "None, ['amina@example.org']))"
    )
    environment = {key: value for key, value in os.environ.items() if key not in {"EMAIL_HOST", "LOG_LEVEL"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="sis.example.org",
        EMAIL_DISABLED="1",
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["infra.mail.DroppingEmailBackend", "1"]
    assert "one message dropped" in result.stderr
    output = result.stdout + result.stderr
    for secret in ("Läxhjälp", "SECRET-TOKEN", "amina@example.org"):
        assert secret not in output


def test_check_deploy_prints_no_warning_in_production():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="sis.example.org",
        EMAIL_HOST="smtp.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert "issues" in result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "setting", "expected"),
    [
        ("DATABASE_URL", "postgres://u@db.example.org:5432/sis", "DATABASES.default.ENGINE", "postgresql"),
        ("REDIS_URL", "redis://127.0.0.1:6379/1", "CACHES.default.BACKEND", "RedisCache"),
        ("EMAIL_HOST", "smtp.example.org", "EMAIL_BACKEND", "smtp"),
    ],
)
def test_each_variable_switches_its_part_to_the_scale_out_engine(variable, value, setting, expected):
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "from functools import reduce; "
        f"parts = {setting!r}.split('.'); value = getattr(settings, parts[0]); "
        "value = reduce(lambda v, k: v[k], parts[1:], value); print(value)"
    )
    environment = {**os.environ, variable: value, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert expected in result.stdout, result.stderr


def test_with_nothing_set_the_embedded_defaults_serve():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
        "s.EMAIL_BACKEND, s.TASKS['default']['BACKEND'])"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "EMAIL_HOST", "TASKS_BACKEND"}
    }
    environment["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.mail.backends.console.EmailBackend",
        "django_tasks_db.DatabaseBackend",
    ], result.stderr


def test_production_collects_static_files_with_hashed_names(tmp_path):
    result = manage(
        "collectstatic",
        "--noinput",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="sis.example.org",
        EMAIL_HOST="smtp.example.org",
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"default/css/site.css"' in manifest
    assert '"plain/css/plain.css"' in manifest
