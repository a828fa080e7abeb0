"""Rate limits and their warning while Redis is down (issue 23, item 2).

The direction chosen (core/cache.py, SECURITY.md): limits keep *limiting* without Redis; their
counters live in each web process meanwhile, so a client gets at most (processes x limit).
The outage is logged once when it starts and once when it ends, not on every request.

The cache here is the production backend pointed at a port where nothing listens (each test
its own port, so each starts with Redis never seen), and a private redis-server on that port
when Redis "comes back".
"""

import logging

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from core.ratelimit import within
from tests.factories import UserFactory
from tests.faults.redis_drill import PrivateRedis

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_port(settings):
    """The production cache on a Redis that is down (for now); every failed call to it is
    retried at once (REDIS_RETRY_SECONDS=0), the worst case for the log."""
    redis = PrivateRedis()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": redis.url,
            "KEY_PREFIX": "limits",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.REDIS_RETRY_SECONDS = 0
    yield redis
    redis.stop()


def _outage_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "core.cache"]


def test_our_limits_keep_limiting_while_redis_is_down(redis_port):
    answers = [within("guest-code:ana@example.org", limit=3, window_seconds=60) for _ in range(6)]
    assert answers == [True, True, True, False, False, False]
    # Another key has its own count.
    assert within("guest-code:bo@example.org", limit=3, window_seconds=60)


def test_failed_sign_ins_still_lock_the_account_while_redis_is_down(redis_port, password):
    UserFactory(email="target@example.org")
    browser = Client()
    for i in range(5):
        response = browser.post(
            "/accounts/login/", {"login": "target@example.org", "password": f"x{i}"}
        )
        assert "not correct" in response.content.decode()
    # Even the right password is refused now: brute force stays bounded without Redis.
    response = browser.post(
        "/accounts/login/", {"login": "target@example.org", "password": password}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert response.wsgi_request.user.is_anonymous
    # Another account signs in as usual: the limit does not fail closed for everyone.
    UserFactory(email="ana@example.org")
    response = Client().post("/accounts/login/", {"login": "ana@example.org", "password": password})
    assert response.status_code == 302


def test_the_outage_is_logged_once_not_on_every_request(settings, customer, caplog):
    redis = PrivateRedis()  # not started yet: Redis is down from the first request
    settings.REDIS_RETRY_SECONDS = 0
    browser = Client()
    browser.force_login(customer.user)
    production_cache = {
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": redis.url,
        "KEY_PREFIX": "limits",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    try:
        with (
            caplog.at_level(logging.WARNING, logger="core.cache"),
            override_settings(CACHES={"default": production_cache}),
        ):
            for _ in range(10):
                assert browser.get("/my-stuff/").status_code == 200
                within("search:203.0.113.9", limit=100, window_seconds=60)
            lines = _outage_lines(caplog)
            assert len(lines) == 1, lines
            assert "Redis unreachable" in lines[0]
            assert "rate limits counted per process" in lines[0]

            # Redis comes back: said once; it goes again: a new outage, said once again.
            caplog.clear()
            redis.start()
            for _ in range(5):
                assert browser.get("/my-stuff/").status_code == 200
            cache.set("limit:probe", 1)
            assert cache.get("limit:probe") == 1
            redis.kill()
            for _ in range(5):
                assert browser.get("/my-stuff/").status_code == 200
                within("search:203.0.113.9", limit=100, window_seconds=60)
            lines = _outage_lines(caplog)
    finally:
        redis.stop()
    assert [line.split(" (")[0].split(";")[0] for line in lines] == [
        "cache: Redis answers again",
        "cache: Redis unreachable",
    ]
