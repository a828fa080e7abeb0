"""Customer and agent in two real browsers against the ASGI server (what `make run` and the
compose `live` service run): lines, typing and the end are pushed, the desk changes by itself,
and with the push connection blocked the same journey works by polling."""

import json
import socket
import threading
import time
import urllib.request

import pytest
import uvicorn
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.core.asgi import get_asgi_application
from playwright.sync_api import expect

from cases.models import ChannelKind
from cases.services import default_team
from channels_routing.models import AgentPresence, Channel, PresenceStatus
from mystuff.models import ApiKey
from tests.factories import ContactReasonFactory, CustomerFactory, ItemFactory, UserFactory

ALWAYS = {str(d): [["00:00", "24:00"]] for d in range(7)}


@pytest.fixture
def asgi_server(transactional_db):
    """uvicorn serving the project's ASGI application on a free port, in this process (so it
    uses the test database and the in-memory channel layer)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Static files as runserver serves them (daphne's runserver wraps the same way).
    config = uvicorn.Config(
        ASGIStaticFilesHandler(get_asgi_application()),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def people():
    customer = CustomerFactory(name="Sanne Jansen")
    item = ItemFactory(customer=customer, title="Dishwasher DW-45")
    reason = ContactReasonFactory(slug="where", name="Where is my order?", urgency="high")
    agent = UserFactory(role="agent", first_name="Sam", last_name="Visser")
    # The chat's case lands in the default team (no rule here): the agent works in it.
    default_team().members.add(agent)
    for kind in ChannelKind.values:
        channel = Channel.objects.create(kind=kind, business_hours=ALWAYS)
        AgentPresence.objects.create(agent=agent, channel=channel, status=PresenceStatus.AVAILABLE)
    return customer, item, reason, agent


def watched_page(context, problems: list[str]):
    """A page whose blocked scripts and failed htmx swaps (an event's target gone from the
    page, as when the end of a chat found no status line) fail the test."""
    page = context.new_page()
    page.on(
        "console",
        lambda msg: (
            problems.append(msg.text)
            if msg.type == "error"
            and ("Content Security Policy" in msg.text or msg.text.startswith("htmx:"))
            else None
        ),
    )
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return page


def sign_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def ring(base: str, number: str) -> None:
    _key, raw = ApiKey.issue(name="Phone system", scopes=["cti"])
    body = json.dumps(
        {
            "event": "newCall",
            "direction": "in",
            "from": number,
            "to": "+31201234567",
            "callId": "c1",
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/cti/{raw}/", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - our test server
        assert answer.status == 200


def journey(browser, base, people, password, *, block_push: bool, within_ms: int):
    customer, item, reason, agent = people
    problems: list[str] = []
    contexts = [browser.new_context(), browser.new_context()]
    polls: list[str] = []
    for context in contexts:
        if block_push:
            context.route("**/live/**", lambda route: route.abort())
        context.on(
            "request",
            lambda request: (
                polls.append(request.url)
                if request.headers.get("hx-request") and request.method == "GET"
                else None
            ),
        )
    shopper, desk = (watched_page(context, problems) for context in contexts)
    sign_in(desk, base, agent.email, password)
    desk.goto(f"{base}/contact/desk/")
    assert desk.get_by_text("No chats waiting.").is_visible()

    sign_in(shopper, base, customer.user.email, password)
    shopper.goto(f"{base}/contact/choose/?item={item.pk}&reason={reason.slug}")
    shopper.get_by_role("button", name="Chat now").click()
    shopper.get_by_role("heading", name="Chat now").wait_for()

    # The desk shows the new chat without a reload.
    desk.get_by_role("button", name="Open chat").wait_for(timeout=within_ms + 10000)
    desk.get_by_role("button", name="Open chat").click()
    desk.get_by_role("heading", name="Chat with Sanne Jansen").wait_for()
    if not block_push:
        time.sleep(0.3)  # both streams open
    polls.clear()

    shopper.get_by_label("Your message").press_sequentially("Is it coming today?")
    if not block_push:
        desk.get_by_text("Sanne Jansen is typing…").wait_for(timeout=1000)
    shopper.get_by_role("button", name="Send", exact=True).click()
    desk.get_by_text("Is it coming today?").wait_for(timeout=within_ms)
    assert shopper.get_by_label("Your message").input_value() == ""  # sent without a reload

    desk.get_by_label("Your reply").fill("Yes, before 18:00.")
    desk.get_by_role("button", name="Send", exact=True).click()
    shopper.get_by_text("Yes, before 18:00.").wait_for(timeout=within_ms)
    # The answer fills the status line (and leaves it in place: the end is said there too).
    status = shopper.locator("#chat-status")
    expect(status).to_have_text("You are chatting with Sam.", timeout=within_ms)
    if not block_push:
        assert polls == [], f"polled while pushed: {polls}"

    # The agent ends the chat while the customer is still typing: the form closes at once and
    # what they typed is offered as a message on the case.
    shopper.get_by_label("Your message").fill("And can you ring first?")
    desk.get_by_role("button", name="End the chat").click()
    expect(status).to_contain_text("This chat has ended.", timeout=within_ms)
    assert shopper.get_by_role("button", name="Send", exact=True).count() == 0
    assert shopper.get_by_role("button", name="Leave the chat").count() == 0
    kept = shopper.get_by_label("Anything else? Add it to your case as a message")
    assert kept.input_value() == "And can you ring first?"
    shopper.get_by_role("button", name="Add to my case").click()
    shopper.get_by_text("And can you ring first?").wait_for()
    shopper.get_by_text("Chat transcript").wait_for()

    # An incoming call pops up on the desk without a reload.
    desk.goto(f"{base}/contact/desk/")
    desk.wait_for_timeout(300)
    ring(base, customer.phone or "+31600000009")
    desk.get_by_text("ringing").wait_for(timeout=within_ms + 10000)
    for context in contexts:
        context.close()
    assert problems == [], f"browser reported: {problems}"


@pytest.mark.django_db(transaction=True)
def test_customer_and_agent_chat_live_in_two_browsers(browser, asgi_server, people, password):
    journey(browser, asgi_server, people, password, block_push=False, within_ms=1000)


@pytest.mark.django_db(transaction=True)
def test_with_the_push_connection_blocked_the_journey_works_by_polling(
    browser, asgi_server, people, password
):
    journey(browser, asgi_server, people, password, block_push=True, within_ms=12000)
