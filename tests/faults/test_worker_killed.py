"""A Celery worker killed mid-task: the task runs again on another worker, its effect once."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.db import connection

from core.models import AuditLog

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("TEST_FAULT_BROKER_URL", "redis://127.0.0.1:6379/14")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="the worker must share the test database: runs in the PostgreSQL test run",
    ),
]


def _worker(name: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "contact_portal.settings",
        "REDIS_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_VISIBILITY_TIMEOUT": "2",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
        "DATABASE_URL": os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        + "/"
        + connection.settings_dict["NAME"],
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "contact_portal",
            "worker",
            "--pool=solo",
            "-n",
            f"{name}@%h",
            "--loglevel=warning",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_task_killed_mid_way_runs_again_and_its_effect_happens_once():
    r = redis.Redis.from_url(BROKER)
    r.flushdb()
    key = uuid.uuid4().hex
    client = Celery("probe", broker=BROKER)
    first = _worker("first")
    try:
        client.send_task("contact_portal.selftest", args=[key, 6.0])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not r.hlen("unacked"):
            time.sleep(0.2)
        assert r.hlen("unacked") == 1, "the first worker never took the task"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        assert not AuditLog.objects.filter(action="worker_selftest", target_id=key).exists()
    finally:
        if first.poll() is None:
            first.kill()
    second = _worker("second")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not AuditLog.objects.filter(target_id=key).exists():
            time.sleep(0.5)
        # The second worker got the killed task back and ran it.
        assert AuditLog.objects.filter(action="worker_selftest", target_id=key).count() == 1
        client.send_task("contact_portal.selftest", args=[key, 0.0])  # a duplicate delivery
        time.sleep(3)
        assert AuditLog.objects.filter(action="worker_selftest", target_id=key).count() == 1
    finally:
        second.terminate()
        second.wait(timeout=15)
