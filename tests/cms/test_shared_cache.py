"""With REDIS_URL (the PostgreSQL pass of `make test-postgres`), every process shares one cache."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from infra import page_cache

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs Redis: run `make test-postgres`"
)


def in_another_process(code: str, **environ: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); from django.core.cache import cache; {code}"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", **environ},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_tests_cache_is_redis_when_redis_url_is_set():
    assert settings.CACHES["default"]["BACKEND"] == "infra.cache.OptionalRedisCache"
    assert settings.CACHES["default"]["LOCATION"] == os.environ["REDIS_URL"]


def test_what_one_process_caches_another_reads_and_a_deletion_reaches_both():
    in_another_process("cache.set('shared-cache-test', 'from the other process', 60)")
    assert cache.get("shared-cache-test") == "from the other process"

    cache.delete("shared-cache-test")
    assert in_another_process("print(cache.get('shared-cache-test'))") == "None"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_in_one_process_drops_the_page_another_process_serves(client, site_tree):
    """Two app servers on one Redis and one PostgreSQL: this process caches the news index,
    another process publishes a new title, and the next request here shows it."""
    if connection.vendor != "postgresql":
        pytest.skip("the other process needs the test database on a server")
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}"
    )
    time.sleep(page_cache.CLOCK_MARGIN)  # entries made within a second of a change are not reused
    client.get("/nyheter/")
    assert "Age" in client.get("/nyheter/")
    in_another_process(
        "from cms.models import NewsPage; "
        f"article = NewsPage.objects.get(pk={site_tree.article.pk}); "
        "article.title = 'Publicerad i en annan process'; "
        "article.save_revision().publish()",
        DATABASE_URL=url,
    )
    assert "Publicerad i en annan process" in client.get("/nyheter/").content.decode()
