"""The main journey under load, played by many customers at once, and what it left behind.

Each simulated customer, on their own keep-alive connection and with their own session and
CSRF cookie, loops for the stage's length through what a customer does to send a message:

    My Stuff -> an item -> How would you like to contact us? -> Send a message (POST, twice
    with the same key: a double click) -> the message (POST, twice: the back button) ->
    Message sent -> the case page

Every step must answer what a browser expects (200, or 302 to the next step); anything else,
a timeout or a refused connection counts as an error. Afterwards the database must hold
exactly one contact per journey (a double submit has one effect), each on a case, and the
Celery worker must have sent each confirmation email once.

Used by ``bench/load_test.py`` (``--journey-seconds``); the figures are in its docstring.
"""

from __future__ import annotations

import http.client
import re
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

STEPS = ("My Stuff", "item", "channel page", "choose", "choose again", "message",
         "message again", "sent", "case page")  # fmt: skip


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS})
    errors: dict[str, int] = field(default_factory=lambda: {s: 0 for s in STEPS})
    examples: list[str] = field(default_factory=list)
    journeys: int = 0
    seconds: float = 0.0  # from the first request to the last answer
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, step: str, seconds: float, problem: str | None) -> None:
        with self.lock:
            self.latencies[step].append(seconds)
            if problem:
                self.errors[step] += 1
                if len(self.examples) < 5:
                    self.examples.append(f"{step}: {problem}")


class Customer:
    """One signed-in customer with a browser's cookies and one keep-alive connection."""

    def __init__(self, port: int, session: dict, tally: Tally):
        self.port = port
        self.cookie = session["cookie"]
        self.csrf = re.search(r"csrftoken=([^;]+)", self.cookie).group(1)  # type: ignore[union-attr]
        self.item = session["item"]
        self.tally = tally
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def _send(self, method: str, path: str, body: dict | None) -> tuple[int, str, str]:
        headers = {"Cookie": self.cookie, "Host": "127.0.0.1"}
        data = None
        if body is not None:
            data = urlencode({**body, "csrfmiddlewaretoken": self.csrf})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                return response.status, response.getheader("Location") or "", text
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection (gunicorn's keep-alive is
                # 5 s); a browser opens a new one and sends again, and so do we, once.
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def step(
        self, name: str, method: str, path: str, expect: int, body: dict | None = None
    ) -> tuple[str, str] | None:
        started = time.perf_counter()
        try:
            status, location, text = self._send(method, path, body)
        except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the run
            self.tally.record(name, time.perf_counter() - started, f"{path}: {exc!r}")
            return None
        problem = None if status == expect else f"{method} {path} answered {status}"
        self.tally.record(name, time.perf_counter() - started, problem)
        return None if problem else (location, text)

    def journey(self) -> bool:
        if not self.step("My Stuff", "GET", "/my-stuff/", 200):
            return False
        if not self.step("item", "GET", f"/my-stuff/item/{self.item}/", 200):
            return False
        choose = f"/contact/choose/?item={self.item}&reason=something-else"
        page = self.step("channel page", "GET", choose, 200)
        if not page or 'value="message"' not in page[1]:
            return False
        form = {
            "channel": "message",
            "description": "Where is my order? It was due yesterday.",
            "idempotency_key": uuid.uuid4().hex,
        }
        first = self.step("choose", "POST", choose, 302, form)
        again = self.step("choose again", "POST", choose, 302, form)  # a double click
        if not first or not again:
            return False
        if first[0] != again[0]:
            self.tally.record("choose again", 0, f"a second contact: {first[0]} {again[0]}")
            return False
        message = first[0]
        words = {"body": "My order ORD-1 has not arrived. Could you tell me when it will?"}
        sent = self.step("message", "POST", message, 302, words)
        if not sent or not self.step("message again", "POST", message, 302, words):
            return False
        done = self.step("sent", "GET", sent[0], 200)
        case = re.search(r'href="(/cases/\d+/)"', done[1]) if done else None
        if not case:
            if done:
                self.tally.record("sent", 0, "no case link on the Message sent page")
            return False
        return bool(self.step("case page", "GET", case.group(1), 200))


def play(port: int, sessions: list[dict], seconds: float) -> Tally:
    """Every session plays the journey in a loop until ``seconds`` have passed."""
    tally = Tally()
    started = time.monotonic()
    stop = started + seconds

    def run(session: dict) -> None:
        customer = Customer(port, session, tally)
        while time.monotonic() < stop:
            if customer.journey():
                with tally.lock:
                    tally.journeys += 1
        customer.conn.close()

    threads = [threading.Thread(target=run, args=(s,), daemon=True) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()  # each finishes the journey it is in, so the stage runs a little longer
    tally.seconds = time.monotonic() - started
    return tally


def report(tally: Tally) -> int:
    """Print each step's rate and latency; returns the number of errors."""
    seconds = tally.seconds
    print(f"\n{'journey step':<17} {'req/s':>7}  {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}  errors")
    for step in STEPS:
        times = sorted(tally.latencies[step])
        if not times:
            print(f"{step:<17} {'-':>7}")
            continue
        cuts = statistics.quantiles(times, n=100) if len(times) > 1 else [times[0]] * 99
        print(
            f"{step:<17} {len(times) / seconds:7.1f}  {cuts[49] * 1000:7.1f} "
            f"{cuts[94] * 1000:7.1f} {cuts[98] * 1000:7.1f}  {tally.errors[step]:6}"
        )
    errors = sum(tally.errors.values())
    print(
        f"journeys completed: {tally.journeys} ({tally.journeys / seconds:.1f}/s), errors {errors}"
    )
    for example in tally.examples:
        print(f"  e.g. {example}")
    return errors


CHECK = r"""
import django, json, sys
django.setup()
from datetime import datetime
from cases.models import Contact
from core.models import OutboxMessage
since = datetime.fromisoformat(sys.argv[1])
customers = json.loads(sys.argv[2])
sent = Contact.objects.filter(
    channel="message", requested_at__gte=since, customer_id__in=customers)
print(json.dumps({
    "contacts": sent.count(),
    "sent": sent.filter(message_sent_at__isnull=False).count(),
    "on_a_case": sent.filter(case__isnull=False).count(),
    "emailed": sent.filter(customer_emailed_at__isnull=False).count(),
    "outbox_waiting": OutboxMessage.objects.filter(
        created_at__gte=since, published_at__isnull=True).count(),
}))
"""
