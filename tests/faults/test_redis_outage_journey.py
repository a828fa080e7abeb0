"""Redis dies in the middle of a signed-in customer's journey (issue 23, item 2).

A private redis-server on its own port is the cache, the session cache and the broker. The
customer signs in, then Redis is killed: every step of the journey still answers (from the
database), sign-out and a new sign-in work (rate limits count in the process meanwhile), the
message is stored and its confirmation waits in the outbox. Redis comes back empty: the
customer is still signed in, the waiting work is published and a real worker runs it, once.
"""

import shutil
import socket
import subprocess
import time
import uuid

import pytest
from celery import current_app
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.test import Client
from django.urls import reverse

from cases.models import Case, Contact
from core import outbox
from core.models import OutboxMessage
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    def __init__(self) -> None:
        if not shutil.which("redis-server"):
            pytest.fail("redis-server is needed for the fault tests")
        self.port = _free_port()
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


def _reset_broker_connections() -> None:
    current_app._pool = None
    current_app.amqp._producer_pool = None


@pytest.fixture
def redis_stack(settings):
    """The production shape on a private Redis: cache, cached sessions and a real broker."""
    redis = PrivateRedis()
    redis.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": redis.url,
            "KEY_PREFIX": "drill",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.REDIS_RETRY_SECONDS = 0.5
    conf = current_app.conf
    saved = conf.broker_url, conf.task_always_eager, conf.broker_transport_options
    conf.broker_url, conf.task_always_eager = redis.url, False
    conf.broker_transport_options = {"socket_connect_timeout": 0.5, "socket_timeout": 1}
    _reset_broker_connections()
    yield redis
    conf.broker_url, conf.task_always_eager, conf.broker_transport_options = saved
    _reset_broker_connections()
    if redis.process and redis.process.poll() is None:
        redis.kill()


def _sign_in(client: Client, email: str) -> None:
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_a_signed_in_journey_survives_redis_dying_and_its_work_runs_once_it_is_back(
    redis_stack, customer, item, channels, calm_reason
):
    browser = Client()
    _sign_in(browser, customer.user.email)
    assert browser.get(reverse("mystuff:home")).status_code == 200
    session_cookie = browser.cookies["sessionid"].value

    redis_stack.kill()
    started = time.monotonic()

    # Every step of the journey still answers, signed in, from the database.
    home = browser.get(reverse("mystuff:home"))
    assert home.status_code == 200 and item.title in home.content.decode()
    assert browser.get(reverse("mystuff:item", args=[item.pk])).status_code == 200
    assert browser.get(reverse("knowledge:home") + "?q=door").status_code == 200
    choose = reverse("channels_routing:choose") + f"?item={item.pk}&reason={calm_reason.slug}"
    assert browser.get(choose).status_code == 200
    chosen = browser.post(
        choose,
        {"channel": "message", "description": "Box was open", "idempotency_key": uuid.uuid4().hex},
    )
    assert chosen.status_code == 302
    contact = Contact.objects.get()
    sent = browser.post(
        reverse("channels_routing:message", args=[contact.pk]),
        {"body": "The door is dented."},
        follow=True,
    )
    assert sent.status_code == 200
    case = Case.objects.get()
    assert case.reference in sent.content.decode()
    page = browser.get(reverse("cases:detail", args=[case.pk]))
    assert page.status_code == 200 and "The door is dented." in page.content.decode()
    assert browser.get(reverse("cases:home")).status_code == 200

    # Signing out and in again works; so do the agent's sign-in and the admin.
    assert browser.post(reverse("account_logout")).status_code == 302
    assert browser.get(reverse("mystuff:home")).status_code == 302
    _sign_in(browser, customer.user.email)
    assert browser.get(reverse("mystuff:home")).status_code == 200
    desk = Client()
    agent = UserFactory(role="agent", is_staff=True)
    desk.force_login(agent)
    assert desk.get(reverse("admin:cases_case_changelist")).status_code == 200

    # The health check says what is wrong.
    health = Client().get("/healthz")
    assert health.status_code == 503
    assert health.json()["checks"]["cache"].startswith("error")

    # Slower, not stuck: each request paid at most a short timeout.
    assert time.monotonic() - started < 30
    # Nothing is lost: the confirmation waits for the broker.
    waiting = OutboxMessage.objects.get(task="channels_routing.email_message_received")
    assert waiting.published_at is None
    assert mail.outbox == []

    # Redis comes back (empty, as a restarted Redis without persistence is).
    redis_stack.start()
    time.sleep(0.6)  # REDIS_RETRY_SECONDS
    again = browser.get(reverse("mystuff:home"))
    assert again.status_code == 200 and item.title in again.content.decode()
    # The session signed out during the outage stays signed out.
    stale = Client()
    stale.cookies["sessionid"] = session_cookie
    assert stale.get(reverse("mystuff:home")).status_code == 302

    _reset_broker_connections()
    assert outbox.flush() >= 1  # what beat does every minute
    assert outbox.flush() == 0
    with start_worker(current_app, perform_ping_check=False, shutdown_timeout=20):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not mail.outbox:
            time.sleep(0.2)
        time.sleep(0.5)
    assert [m for m in mail.outbox if case.reference in m.subject + m.body]
    assert len(mail.outbox) == 1
    assert not OutboxMessage.objects.filter(published_at__isnull=True).exists()
