"""Redis as an optional cache: while it is unreachable, pages and the intake's limit go on."""

import socket

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from infra import ratelimit
from tests.workflows.test_public_intake import form_data
from workflows.models import Idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down():
    """The cache set to a Redis address where nothing listens (every connection is refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    location = f"redis://127.0.0.1:{port}/0"
    backend = {"BACKEND": "infra.cache.OptionalRedisCache", "LOCATION": location}
    with override_settings(CACHES={"default": backend}):
        yield


def test_while_redis_is_down_the_cache_keeps_nothing_and_raises_nothing(redis_down):
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("key", 1) is True
    cache.set("key", 1)
    assert cache.set_many({"a": 1, "b": 2}) == []
    assert cache.incr("counter") == 1
    assert cache.has_key("key") is False
    assert cache.delete("key") is False


def test_public_pages_and_the_intake_limit_answer_while_redis_is_down(redis_down, client, site_tree):
    response = client.get(site_tree.home.url)
    assert response.status_code == 200
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    assert ratelimit.exceeded(request) is False
    assert ratelimit.take(request) is True


def test_an_idea_sent_while_redis_is_down_is_stored_not_taken_for_a_second_sending(
    redis_down, client, intake, site_tree
):
    data = form_data(client, intake[0], site_tree)
    response = client.post(intake[0].url, data)
    assert response.status_code == 302
    assert Idea.objects.filter(title=data["title"]).count() == 1
