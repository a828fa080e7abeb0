"""A real Celery worker process, with Redis as the broker, runs one of our tasks."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from celery import Celery

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("TEST_BROKER_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def worker():
    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=2).ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis is not reachable at {BROKER}; .ci/run starts it")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "contact_portal.settings",
        "REDIS_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "contact_portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=warning",
            "--without-heartbeat",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield proc
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_a_real_worker_runs_a_task_sent_through_redis(worker):
    client = Celery("probe", broker=BROKER, backend=BROKER)
    started = time.monotonic()
    result = client.send_task("contact_portal.ping", args=["hello"])
    assert result.get(timeout=60) == "pong:hello"
    assert time.monotonic() - started < 60
