"""With REDIS_URL (the PostgreSQL pass of `make test-postgres`), every process shares one cache."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs Redis: run `make test-postgres`"
)


def in_another_process(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); from django.core.cache import cache; {code}"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_tests_cache_is_redis_when_redis_url_is_set():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings.CACHES["default"]["LOCATION"] == os.environ["REDIS_URL"]


def test_what_one_process_caches_another_reads_and_a_deletion_reaches_both():
    in_another_process("cache.set('shared-cache-test', 'from the other process', 60)")
    assert cache.get("shared-cache-test") == "from the other process"

    cache.delete("shared-cache-test")
    assert in_another_process("print(cache.get('shared-cache-test'))") == "None"
