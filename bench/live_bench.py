"""Live events: message latency between two real browsers, and idle connections on one process.

    .venv/bin/python bench/live_bench.py latency [--messages 50]
    .venv/bin/python bench/live_bench.py idle [--connections 1000] [--idle-seconds 30]

Each run builds a scratch database (SQLite in /tmp by default; set DATABASE_URL and REDIS_URL
to measure PostgreSQL + the Redis pub/sub layer), starts the ASGI server as production runs it
(uvicorn contact_portal.asgi:application, one process) and prints figures.

latency: a customer and an agent in two Chromium contexts. For each message the customer's
page notes the time it submits the form (Date.now()), the agent's page the time the line is
inserted (a MutationObserver); both run on this machine's clock. Prints p50/p95/max.

idle: opens N event streams (one open chat each, as the customer's chat page does), waits,
and reads the server's memory (VmRSS) and CPU time (/proc) before, with the streams open and
idle, and after one event sent to every stream; compares with today's polling (every 3 s).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DATABASE_URL"):
    scratch = Path(tempfile.gettempdir()) / "nh_live_bench.sqlite3"
    scratch.unlink(missing_ok=True)
    os.environ.setdefault("SQLITE_PATH", str(scratch))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contact_portal.settings")
os.environ.setdefault("DEBUG", "1")
PASSWORD = "bench-password-1"


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/uvicorn"),
            "contact_portal.asgi:application",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
            "--timeout-keep-alive",
            "75",
        ],
        cwd=ROOT,
        env={**os.environ, "LIVE_STREAM_SECONDS": "3600"},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
            return server
        except Exception:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the ASGI server did not start")


def proc_stats(pid: int) -> tuple[float, float]:
    """(resident memory in MiB, CPU seconds used so far) of a process."""
    rss_kib = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss_kib = int(line.split()[1])
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    return rss_kib / 1024, cpu


def people():
    from cases.models import ChannelKind, Contact
    from tests.factories import CaseFactory, CustomerFactory, UserFactory

    stamp = str(time.time_ns())
    customer = CustomerFactory(name="Bench Customer", user__email=f"c{stamp}@example.org")
    agent = UserFactory(role="agent", first_name="Sam", email=f"a{stamp}@example.org")
    for user in (customer.user, agent):
        user.set_password(PASSWORD)
        user.save()
    case = CaseFactory(customer=customer)
    case.team.members.add(agent)  # agents see the chats of their teams' cases
    contact = Contact.objects.create(
        customer=customer,
        case=case,
        channel=ChannelKind.CHAT,
        context={"customer": {"name": "Bench Customer", "email": customer.email}},
    )
    return customer, agent, contact


# --- latency


def latency(messages: int) -> None:
    from playwright.sync_api import sync_playwright

    setup_django()
    customer, agent, contact = people()
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            pages = []
            for email, path in (
                (customer.user.email, f"/contact/{contact.pk}/chat/"),
                (agent.email, f"/contact/desk/chat/{contact.pk}/"),
            ):
                page = browser.new_context().new_page()
                page.goto(base + "/accounts/login/")
                page.fill("input[name=login]", email)
                page.fill("input[name=password]", PASSWORD)
                page.press("input[name=password]", "Enter")
                page.wait_for_load_state()
                answer = page.goto(base + path)
                if answer is None or answer.status != 200:
                    raise SystemExit(f"{path}: {answer and answer.status} at {page.url}")
                pages.append(page)
            shopper, desk = pages
            for page in pages:
                page.wait_for_function(
                    "document.querySelector('[data-live]').dataset.liveState === 'open'"
                )
            desk.evaluate(
                """() => { window.__seen = {};
                new MutationObserver(() => {
                  document.querySelectorAll('#chat-lines .chat-line p').forEach(p => {
                    const text = p.textContent;
                    if (!(text in window.__seen)) window.__seen[text] = Date.now();
                  });
                }).observe(document.getElementById('chat-lines'), {childList: true, subtree: true});
                }"""
            )
            sent: dict[str, int] = {}
            for n in range(messages):
                text = f"bench message {n}"
                sent[text] = shopper.evaluate(
                    """(text) => { const form = document.querySelector('.chat-send-form');
                    form.querySelector('textarea').value = text; const t = Date.now();
                    form.requestSubmit(); return t; }""",
                    text,
                )
                desk.wait_for_function("(t) => t in window.__seen", arg=text, timeout=10000)
                # A customer may send 30 lines a minute (settings.TRAFFIC_LIMITS): one every
                # 2.1 s stays under it, as a person typing does.
                shopper.wait_for_timeout(2100)
            seen = desk.evaluate("() => window.__seen")
            browser.close()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    delays = sorted(seen[text] - at for text, at in sent.items())
    p95 = delays[max(0, int(len(delays) * 0.95) - 1)]
    print(f"customer -> agent, {len(delays)} messages between two Chromium pages")
    print(f"  p50 {statistics.median(delays):.0f} ms   p95 {p95:.0f} ms   max {delays[-1]:.0f} ms")


# --- idle connections


async def open_stream(port: int, path: str, cookie: str) -> tuple[asyncio.StreamReader, object]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=2**20)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        f"Cookie: {cookie}\r\n\r\n".encode()
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head[:200]
    return reader, writer


async def wait_for(reader: asyncio.StreamReader, marker: bytes) -> None:
    buffer = b""
    while marker not in buffer:
        buffer += await reader.read(65536)


def post_line(port: int, contact_id: int, cookie: str, csrf: str) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/contact/{contact_id}/chat/send/",
        data=b"body=ping",
        headers={
            "Cookie": cookie,
            "X-CSRFToken": csrf,
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{port}/",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        assert answer.status == 204, answer.status


def idle(connections: int, idle_seconds: int) -> None:
    setup_django()
    from django.test import Client

    from cases.models import ChannelKind, Contact

    customer, _agent, first = people()
    contacts = [first] + Contact.objects.bulk_create(
        Contact(customer=customer, case=first.case, channel=ChannelKind.CHAT, context=first.context)
        for _ in range(connections - 1)
    )
    client = Client()
    client.force_login(customer.user)
    client.get(f"/contact/{first.pk}/chat/")  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    cookie = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    port = free_port()
    server = start_server(port)
    try:
        time.sleep(2)
        rss_before, _ = proc_stats(server.pid)

        async def scenario() -> tuple[float, float, float, float, float]:
            started = time.perf_counter()
            streams = []
            for batch in range(0, len(contacts), 50):
                streams += await asyncio.gather(
                    *(
                        open_stream(port, f"/live/chat/{c.pk}/", cookie)
                        for c in contacts[batch : batch + 50]
                    )
                )
            await asyncio.gather(*(wait_for(r, b"retry:") for r, _w in streams))
            opened = time.perf_counter() - started
            await asyncio.sleep(3)
            rss_open, cpu_start = proc_stats(server.pid)
            await asyncio.sleep(idle_seconds)
            _rss, cpu_end = proc_stats(server.pid)
            # One line posted through the server (its layer, in memory without REDIS_URL).
            sent = time.perf_counter()
            await asyncio.to_thread(post_line, port, contacts[0].pk, cookie, csrf)
            await wait_for(streams[0][0], b"ping")
            one = time.perf_counter() - sent
            for _r, w in streams:
                w.close()  # type: ignore[attr-defined]
            return opened, rss_open, cpu_end - cpu_start, one, 0.0

        opened, rss_open, idle_cpu, one_event, _ = asyncio.run(scenario())
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    per_connection_kib = (rss_open - rss_before) * 1024 / connections
    polling_rps = connections / 3
    print(f"{connections} open chat streams on one uvicorn process ({os.cpu_count()} cores)")
    print(f"  opened in {opened:.1f} s")
    print(f"  memory: {rss_before:.0f} MiB before, {rss_open:.0f} MiB with the streams open,")
    print(f"          {per_connection_kib:.0f} KiB per connection")
    print(
        f"  CPU while idle: {idle_cpu:.2f} s in {idle_seconds} s "
        f"({100 * idle_cpu / idle_seconds:.1f}% of one core; keep-alive comments every 20 s)"
    )
    print(f"  an event to one chat reached its page in {1000 * one_event:.0f} ms")
    print(
        f"  polling saved: {polling_rps:.0f} requests/s (today's chat page polls every 3 s), "
        f"each a Django request with session and database reads; the streams send "
        f"{connections / 20:.0f} keep-alive comments/s instead"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    lat = sub.add_parser("latency")
    lat.add_argument("--messages", type=int, default=50)
    idl = sub.add_parser("idle")
    idl.add_argument("--connections", type=int, default=1000)
    idl.add_argument("--idle-seconds", type=int, default=30)
    args = parser.parse_args()
    if args.what == "latency":
        latency(args.messages)
    else:
        idle(args.connections, args.idle_seconds)


if __name__ == "__main__":
    main()
