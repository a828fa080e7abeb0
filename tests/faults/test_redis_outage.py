"""Redis stops while customers are being notified: nothing is lost, nothing is sent twice.

A private redis-server on its own port plays the broker, so stopping it disturbs nothing else;
a real Celery worker delivers the email to files once Redis is back.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import current_app

from core import outbox
from core.models import OutboxMessage

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def _reset_broker_connections() -> None:
    # Drop the app's references so the next publish builds a pool for the current broker URL.
    current_app._pool = None
    current_app.amqp._producer_pool = None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def broker_down(settings):
    """The app points at a Redis that is not running (yet)."""
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is needed for the fault tests")
    port = _free_port()
    url = f"redis://127.0.0.1:{port}/0"
    conf = current_app.conf
    saved = conf.broker_url, conf.task_always_eager, conf.broker_transport_options
    conf.broker_url, conf.task_always_eager = url, False
    conf.broker_transport_options = {"socket_connect_timeout": 1, "socket_timeout": 2}
    _reset_broker_connections()
    yield port
    conf.broker_url, conf.task_always_eager, conf.broker_transport_options = saved
    _reset_broker_connections()


def test_a_notification_waits_for_redis_and_is_delivered_once(
    broker_down, tmp_path, django_capture_on_commit_callbacks
):
    port = broker_down
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue(
            "contact_portal.send_email", ["ana@example.org"], "Case C-000042", "We got it"
        )
    # The request was not held up, and the notification is kept.
    assert time.monotonic() - started < 10
    waiting = OutboxMessage.objects.get()
    assert waiting.published_at is None and waiting.attempts == 1 and waiting.last_error

    redis = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    mails = tmp_path / "mail"
    mails.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "contact_portal.settings",
        "REDIS_URL": f"redis://127.0.0.1:{port}/0",
        "EMAIL_FILE_PATH": str(mails),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "SQLITE_PATH": str(tmp_path / "worker.sqlite3"),
    }
    env.pop("DATABASE_URL", None)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "contact_portal",
            "worker",
            "--pool=solo",
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
    try:
        time.sleep(0.5)
        _reset_broker_connections()
        assert outbox.flush() == 1  # what beat does every minute
        assert outbox.flush() == 0  # and again: nothing is published twice
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(mails.iterdir()):
            time.sleep(0.3)
        time.sleep(1)
        sent = [p.read_text() for p in mails.iterdir()]
        assert len(sent) == 1
        assert "Subject: Case C-000042" in sent[0]
        assert "ana@example.org" in sent[0]
    finally:
        worker.terminate()
        redis.terminate()
        worker.wait(timeout=15)
        redis.wait(timeout=15)


def test_a_customer_sends_a_message_while_redis_is_down(
    broker_down,
    customer_client,
    channels,
    item,
    calm_reason,
    django_capture_on_commit_callbacks,  # noqa: F811
):
    import uuid

    from django.core import mail
    from django.urls import reverse

    from cases.models import Contact

    customer_client.post(
        reverse("channels_routing:choose") + f"?item={item.pk}&reason={calm_reason.slug}",
        {"channel": "message", "description": "Box was open", "idempotency_key": uuid.uuid4().hex},
    )
    contact = Contact.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = customer_client.post(
            reverse("channels_routing:message", args=[contact.pk]),
            {"body": "The door is dented."},
            follow=True,
        )
    # The customer is told, with the case reference; the message is stored.
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.case.reference in response.content.decode()
    assert contact.case.events.filter(kind="customer_message", body="The door is dented.").exists()
    # The confirmation email waits for the broker instead of being lost.
    waiting = OutboxMessage.objects.get(task="channels_routing.email_message_received")
    assert waiting.published_at is None and waiting.args == [contact.pk]
    assert mail.outbox == []
