"""My Stuff at scale: page latency and bulk ingestion rate.

Builds (once) 10,000 customers holding 1,000,000 items, one of them with 5,000, using set-based
SQL (generate_series on PostgreSQL, a recursive CTE on SQLite), then measures:

- My Stuff page latency (p50/p95) for the big customer: page 1, page 100 (keyset cursor),
  page 1 filtered by kind, and a reference search; full Django stack (middleware, session,
  view, template) through the test client, no network;
- bulk ingestion rate through the real endpoint POST /api/v1/items/bulk/ (API key, DRF,
  validation, upsert, status history): new items, then the same items again as updates.

Run it on its own database, never the development one:

    createdb -h 127.0.0.1 -U postgres nh_bench_mystuff
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nh_bench_mystuff \
        .venv/bin/python bench/mystuff_bench.py
    SQLITE_PATH=/tmp/nh_bench_mystuff.sqlite3 .venv/bin/python bench/mystuff_bench.py

Options: --customers, --items, --big (items of the big customer), --requests (latency samples),
--batches (bulk calls of 1,000 items), --rebuild (drop the bench rows and build again).
Targets (issue 3): page 1 p95 < 50 ms on PostgreSQL; page 100 within +50% of page 1;
ingestion > 2,000 items/s.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contact_portal.settings")
# Building the data set runs statements longer than the 10 s limit served pages have.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("SQLITE_PATH", "/tmp/nh_bench_mystuff.sqlite3")
# Test-client requests are plain HTTP on "testserver".
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

SOURCE = "bench"
KINDS = ["order", "order", "order", "quote", "marketing", "marketing", "interaction", "appointment"]
ORDER_DETAILS = json.dumps(
    {
        "lines": [{"sku": "KT-1", "name": "Kettle KT-1", "quantity": 1, "unit_price": "39.00"}],
        "carrier": "HomeFreight",
        "tracking": "HF000000000NL",
    }
)


def log(message: str) -> None:
    print(message, flush=True)


def build(customers: int, items: int, big: int) -> None:
    from mystuff.models import Customer

    if Customer.objects.filter(source=SOURCE).exists():
        log("data set already built (use --rebuild to build it again)")
        return
    started = time.perf_counter()
    vendor = connection.vendor
    kinds_sql = ", ".join(f"'{k}'" for k in KINDS)
    rest = items - big
    with transaction.atomic(), connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(
                """
                INSERT INTO mystuff_customer (source, external_id, name, email, phone,
                    preferred_language, segment, lifecycle, lifetime_value, created_at, updated_at)
                SELECT %s, 'BC-' || g, 'Bench customer ' || g, 'bench' || g || '@example.org',
                    '', 'en', 'standard', 'active', 0, now(), now()
                FROM generate_series(1, %s) AS g
                """,
                [SOURCE, customers],
            )
            cursor.execute("SELECT min(id) FROM mystuff_customer WHERE source = %s", [SOURCE])
            first = cursor.fetchone()[0]
            # Item g belongs to the big customer for g <= big, else to one of the others.
            cursor.execute(
                f"""
                INSERT INTO mystuff_item (customer_id, kind, source, external_id, reference,
                    title, status, value, currency, occurred_at, due_at, details,
                    created_at, updated_at)
                SELECT
                    CASE WHEN g <= %(big)s THEN %(first)s
                         ELSE %(first)s + 1 + (g %% (%(customers)s - 1)) END,
                    (ARRAY[{kinds_sql}])[1 + g %% {len(KINDS)}],
                    %(source)s, 'BI-' || g, 'REF-' || g, 'Bench item ' || g,
                    (ARRAY['placed', 'shipped', 'delivered', 'late'])[1 + g %% 4],
                    (g %% 1000) + 0.99, 'EUR',
                    now() - ((g::bigint * 7919) %% 31536000) * interval '1 second',
                    NULL,
                    CASE WHEN g %% {len(KINDS)} < 3 THEN %(details)s::jsonb
                         ELSE '{{}}'::jsonb END,
                    now(), now()
                FROM generate_series(1, %(total)s) AS g
                """,
                {
                    "big": big,
                    "first": first,
                    "customers": customers,
                    "source": SOURCE,
                    "details": ORDER_DETAILS,
                    "total": big + rest,
                },
            )
        else:
            cursor.execute(
                """
                WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < %s)
                INSERT INTO mystuff_customer (source, external_id, name, email, phone,
                    preferred_language, segment, lifecycle, lifetime_value, created_at, updated_at)
                SELECT %s, 'BC-' || x, 'Bench customer ' || x, 'bench' || x || '@example.org',
                    '', 'en', 'standard', 'active', 0, datetime('now'), datetime('now')
                FROM g
                """,
                [customers, SOURCE],
            )
            cursor.execute("SELECT min(id) FROM mystuff_customer WHERE source = %s", [SOURCE])
            first = cursor.fetchone()[0]
            kinds_case = " ".join(f"WHEN {i} THEN '{k}'" for i, k in enumerate(KINDS))
            cursor.execute(
                f"""
                WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < %s)
                INSERT INTO mystuff_item (customer_id, kind, source, external_id, reference,
                    title, status, value, currency, occurred_at, due_at, details,
                    created_at, updated_at)
                SELECT
                    CASE WHEN x <= %s THEN %s ELSE %s + 1 + (x %% (%s - 1)) END,
                    CASE x %% {len(KINDS)} {kinds_case} END,
                    %s, 'BI-' || x, 'REF-' || x, 'Bench item ' || x,
                    CASE x %% 4 WHEN 0 THEN 'placed' WHEN 1 THEN 'shipped'
                        WHEN 2 THEN 'delivered' ELSE 'late' END,
                    (x %% 1000) + 0.99, 'EUR',
                    strftime('%%Y-%%m-%%d %%H:%%M:%%f', 'now',
                        '-' || ((x * 7919) %% 31536000) || ' seconds'),
                    NULL,
                    CASE WHEN x %% {len(KINDS)} < 3 THEN %s ELSE '{{}}' END,
                    datetime('now'), datetime('now')
                FROM g
                """,
                [big + rest, big, first, first, customers, SOURCE, ORDER_DETAILS],
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(
        f"built {customers:,} customers and {items:,} items "
        f"in {time.perf_counter() - started:.1f} s"
    )


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(
    client: Client, urls: dict[str, str], requests: int, before_each: Any = None
) -> dict[str, tuple[float, ...]]:
    """Per URL: wall-clock p50/p95 in ms and the median CPU ms of this (web) process.

    The URLs are requested in turn, round after round, so a burst of load on a shared machine
    hits them all alike. The wall clock includes waiting for a core; the CPU figure does not
    (and leaves out the database server's own time).
    """
    for url in urls.values():
        for _ in range(5):  # warm up caches and the connection pool
            client.get(url)
    samples: dict[str, list[float]] = {label: [] for label in urls}
    cpu: dict[str, list[float]] = {label: [] for label in urls}
    for _ in range(requests):
        for label, url in urls.items():
            if before_each is not None:
                before_each()
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            samples[label].append((time.perf_counter() - started) * 1000)
            cpu[label].append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, response.status_code
            reset_queries()
    return {
        label: (
            statistics.median(samples[label]),
            percentile(samples[label], 0.95),
            statistics.median(cpu[label]),
        )
        for label in urls
    }


def page_latency(requests: int) -> dict[str, tuple[float, ...]]:
    from contact_portal.demo import ensure_user
    from core.roles import CUSTOMER, ensure_roles
    from mystuff.models import Customer
    from mystuff.selectors import Cursor, timeline_page

    ensure_roles()
    big = Customer.objects.get(source=SOURCE, external_id="BC-1")
    if big.user_id is None:
        big.user = ensure_user("bench-big@example.org", CUSTOMER, "Bench Big")
        big.save(update_fields=["user"])
    client = Client()
    client.force_login(big.user)

    # Walk to the start of page 100 the way a customer would, cursor by cursor.
    cursor = None
    for _ in range(99):
        page = timeline_page(customer=big, cursor=cursor)
        cursor = Cursor.decode(page.next_cursor)
    assert cursor is not None, "the big customer needs more than 99 pages"
    home = reverse("mystuff:home")
    urls = {
        "page 1": home,
        "page 100": f"{home}?cursor={cursor.encode()}",
        "page 1, kind=quote": f"{home}?kind=quote",
        "search REF-4242": f"{home}?q=REF-4242",
    }
    from core import pagecache

    # Rendered: the customer's page cache is invalidated before every request, as after a
    # change to their things; cached: the same pages served again from the page cache.
    rendered = measure(client, urls, requests, before_each=lambda: pagecache.bump(big.pk))
    cached = measure(client, urls, requests)
    return {
        **{f"{label}, rendered": figures for label, figures in rendered.items()},
        **{f"{label}, cached": figures for label, figures in cached.items()},
    }


def ingestion_rate(batches: int, customers: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(items/s, web-process CPU ms per 1,000-item call) for new items, then for updates."""
    from mystuff.models import ApiKey, Item

    _, secret = ApiKey.issue(name="bench", scopes=["ingest"])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    url = reverse("mystuff_api:item_bulk")
    run = int(time.time())
    bodies = []
    for batch in range(batches):
        items = []
        for n in range(1000):
            number = batch * 1000 + n
            items.append(
                {
                    "source": "bench-api",
                    "external_id": f"API-{run}-{number}",
                    "customer": f"BC-{2 + number % (customers - 1)}",
                    "customer_source": SOURCE,
                    "kind": "order",
                    "title": "Dishwasher DW-45",
                    "status": "placed",
                    "value": "529.00",
                    "currency": "EUR",
                    "occurred_at": "2026-11-20T10:00:00Z",
                    "details": json.loads(ORDER_DETAILS),
                }
            )
        bodies.append(items)

    def post_all(status: str) -> float:
        payloads = [
            json.dumps({"items": [{**item, "status": status} for item in items]})
            for items in bodies
        ]
        started, started_cpu = time.perf_counter(), time.process_time()
        for payload in payloads:
            response = client.post(url, payload, content_type="application/json")
            assert response.status_code == 200, response.content[:300]
            assert response.json()["errors"] == 0, response.content[:300]
            reset_queries()
        wall = time.perf_counter() - started
        cpu = time.process_time() - started_cpu
        return batches * 1000 / wall, cpu * 1000 / batches

    created = post_all("placed")
    updated = post_all("shipped")
    Item.objects.filter(source="bench-api").delete()
    return created, updated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--big", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    name = connection.settings_dict["NAME"]
    log(f"database: {connection.vendor} {name}")
    call_command("migrate", verbosity=0)
    if args.rebuild:
        from mystuff.models import Customer, Item

        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM mystuff_itemstatuschange")
        Item.objects.filter(source__in=[SOURCE, "bench-api"])._raw_delete(connection.alias)
        Customer.objects.filter(source=SOURCE).delete()
    build(args.customers, args.items, args.big)

    from mystuff.models import Item

    log(f"items in the database: {Item.objects.count():,}")
    log(f"load average before measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for label, (p50, p95, cpu) in page_latency(args.requests).items():
        log(f"My Stuff {label:<28} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   cpu {cpu:5.1f} ms")
    created, updated = ingestion_rate(args.batches, args.customers)
    for label, (rate, cpu) in (("new items", created), ("updates", updated)):
        log(
            f"bulk ingestion POST /api/v1/items/bulk/ {label:<9} {rate:7,.0f} items/s   "
            f"web cpu {cpu:5.0f} ms per 1,000-item call"
        )


if __name__ == "__main__":
    main()
