import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_it_reports_every_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert body["checks"]["broker"] in {"ok", "eager"}


def test_it_answers_503_when_the_cache_is_down(client):
    # A real Redis client pointed at a port where nothing listens.
    dead = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=dead):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("error")


def test_metrics_are_exposed_for_prometheus(client):
    response = client.get("/metrics")
    assert response.status_code == 200
    assert b"python_info" in response.content
