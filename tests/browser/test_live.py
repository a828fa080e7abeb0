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
        # Open event streams would hold the shutdown (and their reads the test database).
        timeout_graceful_shutdown=1,
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


def watch_desk(page, pushed: bool) -> list[str]:
    """Once the desk's push connection is open (when it may be): what each reload of its
    queues was triggered by from now on, "sse:desk" (an event pushed) or "poll"."""
    if pushed:
        page.locator("[data-live][data-live-state=open]").wait_for(state="attached")
    page.evaluate(
        """() => {
        window.deskReloads = [];
        document.addEventListener("htmx:configRequest", (event) => {
          if (event.detail.elt.id !== "desk-queues") { return; }
          const cause = event.detail.triggeringEvent;
          window.deskReloads.push(cause ? cause.type : "?");
        });
      }"""
    )
    gets: list[str] = []
    page.on(
        "request",
        lambda request: (
            gets.append(request.url)
            if request.headers.get("hx-request") and request.url.endswith("/contact/desk/")
            else None
        ),
    )
    return gets


def assert_pushed(page, gets: list[str]) -> None:
    """Every reload of the desk since watch_desk came from a pushed event: no desk polling."""
    reloads = page.evaluate("window.deskReloads")
    assert reloads and set(reloads) == {"sse:desk"}, reloads
    # No desk request outside those (one traced just now may not have reached us yet).
    assert len(gets) <= len(reloads), (gets, reloads)


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
    desk_gets = watch_desk(desk, pushed=not block_push)
    # Pushed, the desk changes within moments; by polling, within its next poll (every 10 s).
    desk_within = 2000 if not block_push else within_ms + 10000

    sign_in(shopper, base, customer.user.email, password)
    shopper.goto(f"{base}/contact/choose/?item={item.pk}&reason={reason.slug}")
    shopper.get_by_role("button", name="Chat now").click()
    shopper.get_by_role("heading", name="Chat now").wait_for()

    # The desk shows the new chat without a reload.
    desk.get_by_role("button", name="Open chat").wait_for(timeout=desk_within)
    if not block_push:
        assert_pushed(desk, desk_gets)
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
    desk_gets = watch_desk(desk, pushed=not block_push)
    ring(base, customer.phone or "+31600000009")
    desk.get_by_text("ringing").wait_for(timeout=desk_within)
    if not block_push:
        assert_pushed(desk, desk_gets)
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


# What a person sees on a page: each shown element's tag, classes, own text, weight and where
# its links and forms go. Two pages that give the same list look the same.
LOOKS = """() => Array.from(document.querySelectorAll("main *")).filter((el) =>
  el.getClientRects().length && getComputedStyle(el).visibility !== "hidden"
).map((el) => [
  el.tagName,
  el.className,
  Array.from(el.childNodes).filter((n) => n.nodeType === 3)
    .map((n) => n.textContent.trim()).join(" ").trim(),
  getComputedStyle(el).fontWeight,
  el.getAttribute("href") || "",
  el.getAttribute("action") || "",
].join(" | "))"""


def open_chat(shopper, desk, base, item, reason):
    shopper.goto(f"{base}/contact/choose/?item={item.pk}&reason={reason.slug}")
    shopper.get_by_role("button", name="Chat now").click()
    shopper.get_by_role("heading", name="Chat now").wait_for()
    desk.goto(f"{base}/contact/desk/")
    desk.get_by_role("button", name="Open chat").click()
    desk.get_by_role("heading", name="Chat with Sanne Jansen").wait_for()
    desk.get_by_label("Your reply").fill("Hello, Sam here.")
    desk.get_by_role("button", name="Send", exact=True).click()
    shopper.get_by_text("Hello, Sam here.").wait_for(timeout=2000)


def looks_as_when_loaded(page) -> None:
    """The page as the pushed end left it, against the same page loaded afresh."""
    page.wait_for_timeout(300)  # htmx's settling classes are gone
    pushed = page.evaluate(LOOKS)
    page.goto(page.url)
    page.wait_for_timeout(300)
    assert page.evaluate(LOOKS) == pushed


@pytest.mark.django_db(transaction=True)
def test_a_pushed_end_leaves_each_side_as_a_freshly_loaded_ended_chat(
    browser, asgi_server, people, password
):
    """No Refresh link or other control of the open chat is left behind, and what each side
    was typing is offered as a message (the customer) or a reply (the agent) on the case."""
    base = asgi_server
    customer, item, reason, agent = people
    problems: list[str] = []
    contexts = [browser.new_context(), browser.new_context()]
    shopper, desk = (watched_page(context, problems) for context in contexts)
    sign_in(desk, base, agent.email, password)
    sign_in(shopper, base, customer.user.email, password)

    # The agent ends the chat while the customer is typing.
    open_chat(shopper, desk, base, item, reason)
    shopper.get_by_label("Your message").fill("And can you ring first?")
    desk.get_by_role("button", name="End the chat").click()
    kept = shopper.get_by_label("Anything else? Add it to your case as a message")
    expect(kept).to_have_value("And can you ring first?", timeout=1000)
    assert shopper.get_by_role("link", name="Refresh").count() == 0
    looks_as_when_loaded(shopper)

    # The customer leaves while the agent is typing.
    open_chat(shopper, desk, base, item, reason)
    desk.get_by_label("Your reply").fill("We will ring you at 17:00.")
    shopper.get_by_role("button", name="Leave the chat").click()
    kept = desk.get_by_label("Anything else? Send it as a reply on the case")
    expect(kept).to_have_value("We will ring you at 17:00.", timeout=1000)
    assert desk.get_by_role("link", name="Refresh").count() == 0
    looks_as_when_loaded(desk)
    desk.get_by_label("Anything else? Send it as a reply on the case").fill("Ringing at 17:00.")
    desk.get_by_role("button", name="Send as a reply on the case").click()
    desk.get_by_text("Your reply is on the case.").wait_for()

    for context in contexts:
        context.close()
    assert problems == [], f"browser reported: {problems}"


# Every 50 ms the desk notes whether "… is typing" shows and how many customer lines it has.
WATCH_TYPING = """() => { window.typingSeen = []; window.setInterval(() => {
  const note = document.getElementById("chat-typing");
  window.typingSeen.push([Date.now(), !!(note && note.textContent.trim()),
    document.querySelectorAll("#chat-lines .chat-customer").length]); }, 50); }"""


def type_for(page, seconds: float, pings: list[float] | None = None) -> float:
    """Type without a pause for ``seconds`` (a key every 60 ms); with ``pings``, go on until
    the page has just told the other side (so a throttle's window is at its start)."""
    keys = "and the parcel was not there when I came home "
    ends = time.time() + seconds
    n = 0
    while time.time() < ends or (pings is not None and time.time() - pings[-1] > 0.15):
        page.keyboard.type(keys[n % len(keys)])
        page.wait_for_timeout(60)
        n += 1
    return time.time()


def shown_throughout(seen, start: float, end: float) -> bool:
    during = [shown for at, shown, _lines in seen if start * 1000 <= at <= end * 1000]
    return bool(during) and all(during)


@pytest.mark.django_db(transaction=True)
def test_a_customer_typing_without_a_pause_keeps_the_note_on_the_desk(
    browser, asgi_server, people, password
):
    """The note shows through a whole burst of typing (also while the agent sends a line,
    and again at once when the customer sends one and types on), goes the moment their line
    arrives, and a few seconds after they stop."""
    base = asgi_server
    customer, item, reason, agent = people
    problems: list[str] = []
    contexts = [browser.new_context(), browser.new_context()]
    shopper, desk = (watched_page(context, problems) for context in contexts)
    pings: list[float] = [0.0]
    contexts[0].on(
        "request", lambda request: pings.append(time.time()) if "typing" in request.url else None
    )
    sign_in(desk, base, agent.email, password)
    sign_in(shopper, base, customer.user.email, password)
    open_chat(shopper, desk, base, item, reason)
    desk.evaluate(WATCH_TYPING)
    shopper.get_by_label("Your message").click()

    started = time.time()
    type_for(shopper, 1.5)
    desk.get_by_label("Your reply").fill("Let me look.")
    desk.get_by_role("button", name="Send", exact=True).click()  # while the customer types
    shopper.get_by_label("Your message").click()
    sent = type_for(shopper, 1.5, pings)
    shopper.get_by_role("button", name="Send", exact=True).click()
    shopper.get_by_label("Your message").click()
    stopped = type_for(shopper, 3)
    shopper.wait_for_timeout(7000)
    seen = desk.evaluate("window.typingSeen")

    assert shown_throughout(seen, started + 1, sent)
    arrived = next(at for at, _shown, lines in seen if lines == 1) / 1000
    assert shown_throughout(seen, arrived + 1, stopped), "the next burst shows within 1 s"
    gone = next(at for at, shown, _lines in seen if at > stopped * 1000 and not shown) / 1000
    assert 2 < gone - stopped < 6.5
    assert not any(shown for at, shown, _lines in seen if at > gone * 1000)

    # Sending a line straight after typing takes the note away, and it does not come back.
    desk.evaluate(WATCH_TYPING)
    type_for(shopper, 1)
    shopper.get_by_role("button", name="Send", exact=True).click()
    desk.get_by_text("and the parcel", exact=False).nth(1).wait_for()
    shopper.wait_for_timeout(5000)
    seen = desk.evaluate("window.typingSeen")
    arrived = next(at for at, _shown, lines in seen if lines == 2) / 1000
    assert not any(shown for at, shown, _lines in seen if at > arrived * 1000 + 200)

    for context in contexts:
        context.close()
    assert problems == [], f"browser reported: {problems}"
