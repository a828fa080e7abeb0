"""Redis dies, or hangs, in the middle of a signed-in customer's journey (issue 23, item 2).

A private redis-server on its own port is the cache, the session cache, the live channel
layer, the broker and the result backend, set up exactly as the production settings do it
(their timeouts included: tests/faults/redis_drill.py). The customer signs in, then Redis is
killed, or stopped (SIGSTOP: connections are still accepted and nothing answers). Every step
of the journey still answers, from the database, each within STEP_BOUND: a request pays at
most the short timeouts, never a long wait on Redis. The message is stored and its
confirmation waits in the outbox. Redis comes back: the customer is still signed in, a
session signed out meanwhile stays out, and the waiting work is published and run by a real
worker, once.
"""

import time
import uuid

import pytest
from celery import current_app
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from cases.models import Case, Contact
from core import outbox
from core.models import OutboxMessage
from tests.factories import PASSWORD, UserFactory
from tests.faults.redis_drill import (
    PrivateRedis,
    Steps,
    reset_broker_connections,
    use_production_redis,
)

pytestmark = pytest.mark.django_db(transaction=True)

# Each request may pay Redis's short timeouts a few times (the cache, the broker, the live
# layer: 0.5 s each); long ones (the 2 s and 5 s defaults, or none) do not fit.
STEP_BOUND = 3.0


@pytest.fixture
def redis_stack(settings):
    redis = PrivateRedis()
    redis.start()
    undo = use_production_redis(settings, redis)
    yield redis
    undo()
    redis.stop()


def _sign_in(client: Client, email: str) -> None:
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def _journey_without_redis(browser: Client, step: Steps, customer, item, calm_reason) -> Case:
    """Every step a signed-in customer (and an agent) takes, each timed."""
    home = step("My Stuff", lambda: browser.get(reverse("mystuff:home")))
    assert home.status_code == 200 and item.title in home.content.decode()
    page = step("an item", lambda: browser.get(reverse("mystuff:item", args=[item.pk])))
    assert page.status_code == 200
    found = step("search", lambda: browser.get(reverse("knowledge:home") + "?q=door"))
    assert found.status_code == 200
    choose = reverse("channels_routing:choose") + f"?item={item.pk}&reason={calm_reason.slug}"
    assert step("Contact Us", lambda: browser.get(choose)).status_code == 200
    chosen = step(
        "Contact Us: a message",
        lambda: browser.post(
            choose,
            {
                "channel": "message",
                "description": "Box was open",
                "idempotency_key": uuid.uuid4().hex,
            },
        ),
    )
    assert chosen.status_code == 302
    contact = Contact.objects.get()
    sent = step(
        "send the message",
        lambda: browser.post(
            reverse("channels_routing:message", args=[contact.pk]),
            {"body": "The door is dented."},
            follow=True,
        ),
    )
    assert sent.status_code == 200
    case = Case.objects.get()
    assert case.reference in sent.content.decode()
    page = step("the case page", lambda: browser.get(reverse("cases:detail", args=[case.pk])))
    assert page.status_code == 200 and "The door is dented." in page.content.decode()
    assert step("my cases", lambda: browser.get(reverse("cases:home"))).status_code == 200

    # Signing out and in again works; so do the agent's pages in the admin.
    assert step("sign out", lambda: browser.post(reverse("account_logout"))).status_code == 302
    assert browser.get(reverse("mystuff:home")).status_code == 302
    step("sign in", lambda: _sign_in(browser, customer.user.email))
    assert step("My Stuff again", lambda: browser.get(reverse("mystuff:home"))).status_code == 200
    desk = Client()
    desk.force_login(UserFactory(role="agent", is_staff=True))
    cases_admin = reverse("admin:cases_case_changelist")
    assert step("the admin", lambda: desk.get(cases_admin)).status_code == 200

    # The health check says what is wrong, without hanging.
    health = step("healthz", lambda: Client().get("/healthz"))
    assert health.status_code == 503
    assert health.json()["checks"]["cache"].startswith("error")
    return case


def _after_redis_is_back(browser: Client, session_cookie: str, item, case: Case) -> None:
    time.sleep(settings.REDIS_RETRY_SECONDS + 0.1)  # the cache tries Redis again
    again = browser.get(reverse("mystuff:home"))
    assert again.status_code == 200 and item.title in again.content.decode()
    # The session signed out during the outage stays signed out.
    stale = Client()
    stale.cookies["sessionid"] = session_cookie
    assert stale.get(reverse("mystuff:home")).status_code == 302

    reset_broker_connections()
    outbox.flush()  # what beat does every minute
    assert outbox.flush() == 0
    assert not OutboxMessage.objects.filter(published_at__isnull=True).exists()
    with start_worker(current_app, perform_ping_check=False, shutdown_timeout=20):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not mail.outbox:
            time.sleep(0.2)
        time.sleep(1)  # a second copy of the task, if there were one, would run now
    assert [m for m in mail.outbox if case.reference in m.subject + m.body]
    assert len(mail.outbox) == 1


def test_a_signed_in_journey_survives_redis_dying_and_its_work_runs_once_it_is_back(
    redis_stack, customer, item, channels, calm_reason
):
    browser = Client()
    _sign_in(browser, customer.user.email)
    assert browser.get(reverse("mystuff:home")).status_code == 200
    session_cookie = browser.cookies["sessionid"].value

    redis_stack.kill()
    step = Steps(bound=STEP_BOUND)
    case = _journey_without_redis(browser, step, customer, item, calm_reason)
    assert step.slow() == {}
    # Nothing is lost: the confirmation waits for the broker.
    waiting = OutboxMessage.objects.get(task="channels_routing.email_message_received")
    assert waiting.published_at is None
    assert mail.outbox == []

    # Redis comes back (empty, as a restarted Redis without persistence is).
    redis_stack.start()
    _after_redis_is_back(browser, session_cookie, item, case)


def test_a_signed_in_journey_answers_quickly_while_redis_hangs_and_its_work_runs_after(
    redis_stack, customer, item, channels, calm_reason
):
    browser = Client()
    _sign_in(browser, customer.user.email)
    # Connections to Redis are open and pooled when it stops answering.
    assert browser.get(reverse("mystuff:home")).status_code == 200
    session_cookie = browser.cookies["sessionid"].value

    redis_stack.hang()
    step = Steps(bound=STEP_BOUND)
    case = _journey_without_redis(browser, step, customer, item, calm_reason)
    assert step.slow() == {}
    assert mail.outbox == []

    # Redis answers again, with what it was sent meanwhile (a command whose answer timed out
    # may still run now): the work runs once all the same.
    redis_stack.resume()
    _after_redis_is_back(browser, session_cookie, item, case)
