"""Proactive notices at scale: detection over 1,000,000 items and 100,000 open promises.

Builds (once) 10,000 customers with 1,000,000 items (orders, quotes, subscriptions, visits and
the kinds that are never late) whose due times are spread over 90 days around now, most of
them settled (delivered, accepted, ...), and 100,000 cases with one open promise each, due
over 20 days around now. Then measures ``notices.services.notices_detect``:

- a steady run: the rules last looked 5 minutes ago (the beat interval), so the run reads only
  what crossed its due time in those 5 minutes;
- the run right after it, which must notice nothing again;
- a first run that looks back the rules' full 72 hours (the worst case after deploying);
- EXPLAIN of the item scan and the promise scan, to show they are index range reads.

Publishing the notices' emails is the worker's job (measured with the outbox elsewhere), so
the bench replaces ``outbox.publish`` with a no-op; the outbox rows are still written.

    createdb -h 127.0.0.1 -U postgres nh_bench_notices
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nh_bench_notices \\
        .venv/bin/python bench/notices_bench.py [--items 1000000 --promises 100000] [--rebuild]

Target (issue 19): detection < 10 s, touching only rows that changed state.
"""

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contact_portal.settings")
# Building the data set runs statements longer than the 10 s limit served pages have.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

SOURCE = "bench-notices"


def log(message: str) -> None:
    print(message, flush=True)


def build(items: int, promises: int) -> None:
    from mystuff.models import Customer

    if Customer.objects.filter(source=SOURCE).exists():
        log("data set already built (use --rebuild to build it again)")
        return
    if connection.vendor != "postgresql":
        sys.exit("this bench builds its data with PostgreSQL's generate_series; set DATABASE_URL")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO mystuff_customer (source, external_id, name, email, phone,
                preferred_language, segment, lifecycle, lifetime_value, created_at, updated_at)
            SELECT %s, 'C' || g, 'Customer ' || g, 'c' || g || '@bench.example', '',
                   'en', 'standard', 'active', 0, now(), now()
            FROM generate_series(1, 10000) g
            """,
            [SOURCE],
        )
        cursor.execute("SELECT min(id) FROM mystuff_customer WHERE source = %s", [SOURCE])
        first_customer = cursor.fetchone()[0]
        # Kinds in turn; 85% of the dated kinds are settled; due times over [-60 d, +30 d].
        cursor.execute(
            """
            INSERT INTO mystuff_item (customer_id, kind, source, external_id, reference, title,
                status, currency, occurred_at, due_at, details, created_at, updated_at)
            SELECT %s + (g %% 10000), k.kind, %s, 'I' || g, 'REF-' || g, 'Bench item',
                   CASE WHEN (g %% 100) < 85 THEN k.settled ELSE k.waiting END, 'EUR',
                   now() - interval '90 days',
                   CASE WHEN k.kind IN ('marketing', 'interaction') THEN NULL
                        ELSE now() - interval '60 days' + random() * interval '90 days'
                   END,
                   '{}'::jsonb, now(), now()
            FROM generate_series(1, %s) g
            JOIN (VALUES (0, 'order', 'delivered', 'shipped'),
                         (1, 'order', 'delivered', 'processing'),
                         (2, 'quote', 'accepted', 'open'),
                         (3, 'subscription', 'ended', 'active'),
                         (4, 'appointment', 'completed', 'booked'),
                         (5, 'marketing', 'sent', 'sent'),
                         (6, 'interaction', 'resolved', 'resolved'),
                         (7, 'order', 'delivered', 'shipped'))
                 AS k(n, kind, settled, waiting) ON k.n = g %% 8
            """,
            [first_customer, SOURCE, items],
        )
        cursor.execute(
            "INSERT INTO cases_team (name, slug, email) VALUES ('Bench', 'bench-notices', '') "
            "RETURNING id"
        )
        team = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO cases_case (customer_id, subject, description, status, priority, channel,
                summary, created_at, updated_at, reopened_count)
            SELECT %s + (g %% 10000), 'Bench case ' || g, '', 'waiting_us', 'normal', 'phone',
                   '', now() - interval '2 days', now(), 0
            FROM generate_series(1, %s) g
            """,
            [first_customer, promises],
        )
        cursor.execute(
            """
            INSERT INTO cases_promise (case_id, description, team_id, due_at, status, created_at)
            SELECT c.id, 'We call you back', %s,
                   now() - interval '10 days' + random() * interval '20 days',
                   'open', now() - interval '2 days'
            FROM cases_case c JOIN mystuff_customer cu ON cu.id = c.customer_id
            WHERE cu.source = %s
            """,
            [team, SOURCE],
        )
        cursor.execute("ANALYZE mystuff_item")
        cursor.execute("ANALYZE cases_promise")
    log(
        f"built {items:,} items and {promises:,} open promises in "
        f"{time.perf_counter() - started:.1f} s"
    )


def rebuild() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM notices_notice WHERE customer_id IN "
            "(SELECT id FROM mystuff_customer WHERE source = %s)",
            [SOURCE],
        )
        cursor.execute(
            "DELETE FROM cases_promise WHERE team_id IN "
            "(SELECT id FROM cases_team WHERE slug = 'bench-notices')"
        )
        cursor.execute(
            "DELETE FROM cases_case WHERE customer_id IN "
            "(SELECT id FROM mystuff_customer WHERE source = %s)",
            [SOURCE],
        )
        cursor.execute("DELETE FROM cases_team WHERE slug = 'bench-notices'")
        cursor.execute("DELETE FROM mystuff_item WHERE source = %s", [SOURCE])
        cursor.execute("DELETE FROM mystuff_customer WHERE source = %s", [SOURCE])


def explain(sql_queryset) -> str:
    sql, params = sql_queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join("    " + row[0] for row in cursor.fetchall())


def run(label: str, *, since: timedelta) -> None:
    from notices.models import Notice, NoticeRule
    from notices.services import notices_detect

    now = timezone.now()
    NoticeRule.objects.update(checked_until=now - since)
    with transaction.atomic():
        started = time.perf_counter()
        found = notices_detect(now=now)
        seconds = time.perf_counter() - started
    log(
        f"{label}: {seconds:.2f} s, {len(found.created):,} new notices, {found.cleared:,} cleared "
        f"({Notice.objects.filter(cleared_at__isnull=True).count():,} active)"
    )
    with transaction.atomic():
        started = time.perf_counter()
        again = notices_detect(now=now + timedelta(seconds=1))
        seconds = time.perf_counter() - started
    log(f"  the run right after: {seconds:.2f} s, {len(again.created)} new notices")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--promises", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if args.rebuild:
        rebuild()
    build(args.items, args.promises)

    from core import outbox
    from notices.models import Notice, NoticeRule
    from notices.services import rules_current

    outbox.publish = lambda message_id: True  # the worker's part, not detection's
    rules_current()
    Notice.objects.all().delete()
    from mystuff.models import Item
    from notices import rules

    now = timezone.now()
    item_scan = (
        Item.objects.filter(kind="order", due_at__gt=now - timedelta(minutes=7), due_at__lte=now)
        .exclude(status__in=rules.UNWATCHED_STATUSES)
        .values_list("pk", "customer_id", "kind", "status", "due_at")
    )
    from cases.models import Promise

    promise_scan = Promise.objects.filter(
        status="open", due_at__gt=now - timedelta(minutes=5), due_at__lte=now
    ).values_list("pk", "due_at", "case_id", "case__customer_id", "case__item_id")
    log("item scan (one rule, a 5-minute window):\n" + explain(item_scan))
    log("promise scan:\n" + explain(promise_scan))

    run("first run, looking back 72 hours", since=timedelta(hours=72))
    run("steady run, 5 minutes since the last", since=timedelta(minutes=5))
    NoticeRule.objects.update(checked_until=timezone.now())


if __name__ == "__main__":
    main()
