"""A private redis-server the app under test uses for everything Redis does in production.

The Redis drills (``test_redis_outage_journey.py``) point the cache, the sessions, the live
channel layer, the broker and the result backend at a redis-server of their own, on a free
port, so killing or stopping it disturbs nothing else. What they use is read from the
production settings module (``DEBUG=0``, ``REDIS_URL`` set), timeouts included: a drill
proves the product's timeouts, never its own.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from celery import current_app
from django.db import connections

ROOT = Path(__file__).resolve().parents[2]

# Settings the production module builds from REDIS_URL, read in a process of their own.
PROBE = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps({name: getattr(settings, name, None) for name in ("
    "'CACHES', 'SESSION_ENGINE', 'CHANNEL_LAYERS', 'CELERY_BROKER_URL', 'CELERY_RESULT_BACKEND',"
    "'CELERY_BROKER_TRANSPORT_OPTIONS', 'REDIS_RETRY_SECONDS')}))"
)


def production_redis_settings(redis_url: str) -> dict[str, Any]:
    """The Redis-related settings production runs with when its REDIS_URL is ``redis_url``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("REDIS_", "CELERY_", "DJANGO_", "CACHE_")) and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="contact_portal.settings",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="help.example.com",
        REDIS_URL=redis_url,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    def __init__(self) -> None:
        if not shutil.which("redis-server"):
            pytest.fail("redis-server is needed for the fault tests")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)

    def hang(self) -> None:
        """Stopped, not dead: the kernel still accepts connections and takes commands, and
        nothing answers, as with a Redis stuck in a long command, swapping or cut off by a
        firewall that drops packets."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.resume()
            self.kill()


def reset_broker_connections() -> None:
    # Drop the app's references so the next publish builds a pool for the current broker URL,
    # and the next task call a result backend for the current one.
    current_app._pool = None
    current_app.amqp._producer_pool = None
    current_app._local.__dict__.pop("backend", None)


CELERY_CONF = ("broker_url", "result_backend", "broker_transport_options", "task_always_eager")


def use_production_redis(settings: Any, redis: PrivateRedis) -> Callable[[], None]:
    """Points this process at ``redis`` exactly as production would; returns the undo."""
    production = production_redis_settings(redis.url)
    settings.CACHES = production["CACHES"]
    settings.SESSION_ENGINE = production["SESSION_ENGINE"]
    settings.CHANNEL_LAYERS = production["CHANNEL_LAYERS"]
    settings.REDIS_RETRY_SECONDS = production["REDIS_RETRY_SECONDS"]
    conf = current_app.conf
    saved = {name: conf[name] for name in CELERY_CONF}
    conf.broker_url = production["CELERY_BROKER_URL"]
    conf.result_backend = production["CELERY_RESULT_BACKEND"]
    conf.broker_transport_options = production["CELERY_BROKER_TRANSPORT_OPTIONS"]
    conf.task_always_eager = False
    # Tasks read task_ignore_result when they are registered: the test settings' value, which
    # is the production module's own.
    reset_broker_connections()

    def undo() -> None:
        for name, value in saved.items():
            conf[name] = value
        reset_broker_connections()

    return undo


class Steps:
    """Times each step of a journey; a step that hangs fails after ``hard_limit`` seconds
    instead of holding the suite (its thread finishes once Redis answers again)."""

    def __init__(self, bound: float, hard_limit: float = 20) -> None:
        self.bound = bound
        self.hard_limit = hard_limit
        self.took: dict[str, float] = {}

    def __call__(self, name: str, action: Callable[[], Any]) -> Any:
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                outcome["result"] = action()
            except BaseException as exc:  # handed to the test below
                outcome["error"] = exc
            finally:
                connections.close_all()

        started = time.monotonic()
        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        thread.join(self.hard_limit)
        if thread.is_alive():
            raise AssertionError(f"{name}: no answer after {self.hard_limit} s")
        self.took[name] = time.monotonic() - started
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]

    def slow(self) -> dict[str, float]:
        """The steps that took longer than the bound, with their seconds."""
        return {name: round(t, 2) for name, t in self.took.items() if t >= self.bound}
