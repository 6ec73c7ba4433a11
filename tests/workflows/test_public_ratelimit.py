"""The intake's limit behind a TLS proxy: each client has its own five submissions an hour,
whatever the others do, whatever they write in X-Forwarded-For, on every worker at once."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from infra import ratelimit
from workflows.models import Idea

from .test_public_intake import form_data

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.1"  # every request reaches the app server from the proxy


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def through_proxy(forwarded: str) -> Client:
    """A browser whose requests the proxy passes on, appending the address it came from."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def submit(client, page, site_tree, title: str) -> int:
    return client.post(page.url, form_data(client, page, site_tree, title=title)).status_code


def test_behind_the_proxy_each_client_has_its_own_five_submissions(behind_proxy, intake, site_tree):
    page = intake[1]
    first, second, third = (
        through_proxy(address) for address in ("203.0.113.5", "203.0.113.6", "2001:db8::7")
    )
    assert [submit(first, page, site_tree, f"Idé {number}") for number in range(6)] == [302] * 5 + [429]
    assert submit(second, page, site_tree, "Den andras idé") == 302
    assert submit(third, page, site_tree, "Den tredjes idé") == 302
    assert Idea.objects.count() == 7


def test_a_spoofed_leftmost_forwarded_address_buys_no_fresh_budget(behind_proxy, intake, site_tree):
    page = intake[1]
    client = through_proxy("203.0.113.5")
    for number in range(5):
        assert submit(client, page, site_tree, f"Idé {number}") == 302
    for number, spoofed in enumerate(("198.51.100.1", "198.51.100.2", "127.0.0.1")):
        # The client sends its own X-Forwarded-For; the proxy appends the real address.
        liar = through_proxy(f"{spoofed}, 203.0.113.5")
        assert submit(liar, page, site_tree, f"Ny idé {number}") == 429
    assert Idea.objects.count() == 5


@pytest.mark.parametrize("proxies", [0, 1])
def test_honeypot_posts_use_none_of_the_budget_shared_with_applicants(settings, intake, site_tree, proxies):
    """A bot and a real applicant behind the same address (an office, a library)."""
    settings.TRUSTED_PROXY_COUNT = proxies
    page = intake[0]
    bot, applicant = through_proxy("203.0.113.5"), through_proxy("203.0.113.5")
    for _ in range(12):
        response = bot.post(page.url, form_data(bot, page, site_tree, website="https://spam.example"))
        assert response.status_code == 302
    assert not Idea.objects.exists()
    assert [submit(applicant, page, site_tree, f"Idé {number}") for number in range(6)] == [302] * 5 + [429]


def test_a_submission_refused_by_the_action_gives_its_slot_back(intake, site_tree):
    page = intake[1]
    client = Client()
    for _ in range(6):
        refused = form_data(client, page, site_tree, team_size="2", women_count="3")
        assert client.post(page.url, refused).status_code == 200
    assert [submit(client, page, site_tree, f"Idé {number}") for number in range(6)] == [302] * 5 + [429]


TAKER = """
import sys
import django

django.setup()
from django.test import RequestFactory
from infra import ratelimit

request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
print("ready", flush=True)
sys.stdin.readline()  # all start together
print(sum(ratelimit.take(request, scope=sys.argv[1]) for _ in range(int(sys.argv[2]))), flush=True)
"""


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis: run `make test-postgres`")
def test_workers_taking_slots_at_once_through_redis_let_exactly_the_limit_through():
    limit, _window = ratelimit.rate()
    scope = f"test-{uuid.uuid4().hex}"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", TAKER, scope, "4"],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready"
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    taken = [int(worker.communicate(timeout=60)[0]) for worker in workers]
    assert sum(taken) == limit
    assert not ratelimit.take(RequestFactory().post("/", REMOTE_ADDR="203.0.113.5"), scope=scope)
