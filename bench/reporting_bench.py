"""Reporting pages on a year of data: 1,000,000 contacts, 500,000 cases, 300,000 feedback answers.

Run on PostgreSQL (the data is built with generate_series, a few minutes at most):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nh_feedback \\
        .venv/bin/python bench/reporting_bench.py            # builds once, then times
    ... bench/reporting_bench.py --rebuild                    # throw the data away and rebuild

It prints the time each reporting page (and its CSV export) takes for a year's range, as a
manager would load it: the whole request through Django, rendering included. Target: < 1 s.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contact_portal.settings")
# Building the data set runs statements longer than the 10 s limit served pages have.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

CUSTOMERS = 100_000
CASES = 500_000
CONTACTS = 1_000_000
JOURNEYS = 400_000
CASE_FEEDBACK = 200_000
ITEM_FEEDBACK = 100_000
PROMISES = 150_000
ARTICLES = 200

BIG_TABLES = [
    "feedback_feedbackversion",
    "feedback_feedbackinvitation",
    "feedback_feedback",
    "channels_routing_contact",
    "knowledge_journeyevent",
    "knowledge_journey",
    "cases_promise",
    "cases_caseevent",
    "cases_case",
    "mystuff_item",
    "mystuff_customer",
]


def sql(statement: str, params: dict | None = None) -> None:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(statement, params or {})
    first_line = " ".join(statement.split())[:70]
    print(f"  {time.perf_counter() - started:6.1f} s  {first_line}…", flush=True)


def scalar(statement: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(statement)
        return int(cursor.fetchone()[0] or 0)


def build() -> None:
    from contact_portal.demo import seed_users
    from knowledge.models import Article, ArticleTranslation

    print("Building the data set…", flush=True)
    sql(f"TRUNCATE {', '.join(BIG_TABLES)} RESTART IDENTITY CASCADE")
    seed_users()  # demo logins, teams, reasons, channels (the demo customer's items too)
    for n in range(1, ARTICLES + 1):
        article, _ = Article.objects.get_or_create(
            slug=f"bench-article-{n}", defaults={"status": "published"}
        )
        ArticleTranslation.objects.get_or_create(
            article=article, language="en", defaults={"title": f"Article {n}", "body": "…"}
        )
    p = {
        "cb": scalar("SELECT coalesce(max(id), 0) FROM mystuff_customer"),
        "ib": scalar("SELECT coalesce(max(id), 0) FROM mystuff_item"),
        "customers": CUSTOMERS,
        "cases": CASES,
        "contacts": CONTACTS,
        "journeys": JOURNEYS,
        "promises": PROMISES,
        "reasons": [r for (r,) in connection.cursor().execute(
            "SELECT id FROM knowledge_contactreason ORDER BY id").fetchall()],
        "teams": [t for (t,) in connection.cursor().execute(
            "SELECT id FROM cases_team ORDER BY id").fetchall()],
        "articles": [a for (a,) in connection.cursor().execute(
            "SELECT id FROM knowledge_article WHERE slug LIKE 'bench-%%' ORDER BY id"
        ).fetchall()],
    }  # fmt: skip
    sql(
        """
        INSERT INTO mystuff_customer (id, user_id, source, external_id, name, email, phone,
            preferred_language, segment, lifecycle, lifetime_value, created_at, updated_at)
        SELECT %(cb)s + g, NULL, 'bench', 'B-' || g, 'Bench customer ' || g,
            'bench' || g || '@example.net', '', 'en', 'standard', 'active', 0, now(), now()
        FROM generate_series(1, %(customers)s) g
        """,
        p,
    )
    sql(
        """
        INSERT INTO mystuff_item (id, customer_id, kind, source, external_id, reference, title,
            status, value, currency, occurred_at, details, created_at, updated_at)
        SELECT %(ib)s + g, %(cb)s + (g - 1) / 2 + 1,
            (ARRAY['order', 'appointment', 'subscription', 'quote'])[1 + g %% 4],
            'bench', 'BI-' || g, 'BI-' || g, 'Bench item', 'delivered', 100, 'EUR',
            now() - (g %% 400) * interval '1 day', '{}'::jsonb, now(), now()
        FROM generate_series(1, 2 * %(customers)s) g
        """,
        p,
    )
    sql(
        """
        INSERT INTO knowledge_journey (customer_id, session_key, item_id, reason_id, language,
            outcome, started_at)
        SELECT %(cb)s + 1 + g %% %(customers)s, '', %(ib)s + 2 * (g %% %(customers)s) + 1,
            (%(reasons)s::bigint[])[1 + g %% cardinality(%(reasons)s::bigint[])], 'en',
            CASE WHEN r < 0.5 THEN 'contacted' WHEN r < 0.8 THEN 'self_solved' ELSE 'open' END,
            now() - random() * interval '365 days'
        FROM (SELECT g, random() AS r FROM generate_series(1, %(journeys)s) g) s
        """,
        p,
    )
    sql(
        """
        INSERT INTO knowledge_journeyevent (journey_id, kind, article_id, term, created_at)
        SELECT j.id, CASE WHEN n = 3 THEN 'search' ELSE 'article_opened' END,
            CASE WHEN n = 3 THEN NULL
                 ELSE (%(articles)s::bigint[])[1 + floor(random() * %(n_articles)s)::int] END,
            CASE WHEN n = 3 THEN 'fridge noise' ELSE '' END, j.started_at
        FROM knowledge_journey j, generate_series(1, 3) n
        WHERE (j.id + n) %% 3 <> 0
        """,
        {**p, "n_articles": len(p["articles"])},
    )
    sql(
        """
        INSERT INTO cases_case (id, customer_id, item_id, reason_id, subject, description,
            status, priority, team_id, channel, summary, created_at, updated_at,
            first_response_due, first_responded_at, resolution_due, resolved_at,
            reopened_count)
        SELECT g, cust, item,
            (%(reasons)s::bigint[])[1 + g %% cardinality(%(reasons)s::bigint[])],
            'Bench case', '',
            CASE WHEN r < 0.85 THEN 'resolved' WHEN r < 0.9 THEN 'closed' ELSE 'open' END,
            'normal', (%(teams)s::bigint[])[1 + g %% cardinality(%(teams)s::bigint[])],
            (ARRAY['phone', 'callback', 'chat', 'message'])[1 + (g / 3) %% 4], '',
            created, now(), created + interval '4 hours',
            created + random() * interval '8 hours', created + interval '3 days',
            CASE WHEN r < 0.9 THEN created + random() * interval '200 hours' END,
            CASE WHEN g %% 20 = 0 THEN 1 ELSE 0 END
        FROM (
            SELECT g, random() AS r, now() - random() * interval '365 days' AS created,
                %(cb)s + 1 + g %% %(customers)s AS cust,
                %(ib)s + 2 * (g %% %(customers)s) + 1 + (g / %(customers)s) %% 2 AS item
            FROM generate_series(1, %(cases)s) g
        ) s
        """,
        p,
    )
    sql(
        """
        INSERT INTO channels_routing_contact (customer_id, case_id, item_id, journey_id, channel,
            description, context, requested_at, answered_at, abandoned_at, idempotency_key,
            guest_email)
        SELECT c.customer_id, c.id, c.item_id,
            CASE WHEN p.g %% 5 < 2 THEN 1 + p.g %% %(journeys)s END,
            c.channel, '', '{}'::jsonb, c.created_at + p.offset_by,
            CASE WHEN c.channel = 'message'
                     THEN c.created_at + p.offset_by + p.r * interval '20 hours'
                 WHEN p.r < 0.94 THEN c.created_at + p.offset_by + p.r * interval '120 seconds'
            END,
            CASE WHEN c.channel <> 'message' AND p.r >= 0.94
                 THEN c.created_at + p.offset_by + p.r * interval '90 seconds' END,
            '', ''
        FROM (
            SELECT g, random() AS r, 1 + floor(random() * %(cases)s)::int AS cid,
                random() * interval '3 days' AS offset_by
            FROM generate_series(1, %(contacts)s) g
        ) p
        JOIN cases_case c ON c.id = p.cid
        """,
        p,
    )
    sql(
        """
        INSERT INTO feedback_feedback (customer_id, item_id, case_id, satisfaction, feeling,
            comment, follow_up_requested, follow_up_status, version, channel, reason_slug,
            team_slug, item_kind, created_at, answered_at)
        SELECT c.customer_id, NULL, c.id, 1 + floor(random() * 5)::int,
            1 + floor(random() * 5)::int, '', c.id %% 20 = 0,
            CASE WHEN c.id %% 40 = 0 THEN 'requested' WHEN c.id %% 20 = 0 THEN 'picked_up'
                 ELSE '' END,
            1, c.channel, r.slug, t.slug, i.kind, coalesce(c.resolved_at, c.created_at),
            coalesce(c.resolved_at, c.created_at) + random() * interval '2 days'
        FROM cases_case c
        JOIN knowledge_contactreason r ON r.id = c.reason_id
        JOIN cases_team t ON t.id = c.team_id
        JOIN mystuff_item i ON i.id = c.item_id
        WHERE c.id <= %(case_feedback)s
        """,
        {**p, "case_feedback": CASE_FEEDBACK},
    )
    sql(
        """
        INSERT INTO feedback_feedback (customer_id, item_id, case_id, satisfaction, feeling,
            comment, follow_up_requested, follow_up_status, version, channel, reason_slug,
            team_slug, item_kind, created_at, answered_at)
        SELECT i.customer_id, i.id, NULL, 1 + floor(random() * 5)::int,
            1 + floor(random() * 5)::int, '', false, '', 1, '', '', '', i.kind, now(),
            now() - random() * interval '365 days'
        FROM mystuff_item i WHERE i.source = 'bench' AND i.id <= %(ib)s + %(item_feedback)s
        """,
        {**p, "item_feedback": ITEM_FEEDBACK},
    )
    sql(
        """
        INSERT INTO cases_promise (case_id, description, team_id, due_at, status, created_at,
            completed_at)
        SELECT c.id, 'Call back', c.team_id, c.created_at + interval '2 days',
            CASE WHEN r < 0.8 THEN 'kept' WHEN r < 0.95 THEN 'open' ELSE 'cancelled' END,
            c.created_at,
            CASE WHEN r < 0.8 THEN c.created_at + random() * interval '60 hours' END
        FROM (SELECT g, random() AS r FROM generate_series(1, %(promises)s) g) s
        JOIN cases_case c ON c.id = 1 + (s.g * 3) %% %(cases)s
        """,
        p,
    )
    for table in ["mystuff_customer", "mystuff_item", "cases_case"]:
        sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
        )
    sql("ANALYZE")


def counts() -> dict[str, int]:
    return {
        "contacts": scalar("SELECT count(*) FROM channels_routing_contact"),
        "cases": scalar("SELECT count(*) FROM cases_case"),
        "feedback": scalar("SELECT count(*) FROM feedback_feedback"),
        "journeys": scalar("SELECT count(*) FROM knowledge_journey"),
        "promises": scalar("SELECT count(*) FROM cases_promise"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this on PostgreSQL: set DATABASE_URL.")
    call_command("migrate", verbosity=0)
    have = counts()
    if (
        args.rebuild
        or have["contacts"] < CONTACTS
        or have["feedback"] < CASE_FEEDBACK + ITEM_FEEDBACK
    ):
        build()
    from reporting.models import ContactDay

    year_ago = timezone.localdate() - timezone.timedelta(days=360)
    if args.rebuild or not ContactDay.objects.filter(day__lte=year_ago).exists():
        print("Building the daily roll-ups (what the Celery job keeps current)…", flush=True)
        started = time.perf_counter()
        call_command("reporting_rollup", days=366)
        print(f"  roll-ups built in {time.perf_counter() - started:.1f} s", flush=True)
    from reporting.services import rollups_refresh_recent

    started = time.perf_counter()
    rollups_refresh_recent()
    print(f"Celery refresh job (last FCR window + 2 days): {time.perf_counter() - started:.2f} s")
    print("Rows:", ", ".join(f"{k} {v:,}" for k, v in counts().items()))

    from django.contrib.auth.models import User

    client = Client()
    client.force_login(User.objects.get(username="manager@example.com"))
    client.get("/reports/nothing/")  # warm up: URL resolver, sessions; not timed
    today = timezone.localdate()
    year = {
        "date_from": (today - timezone.timedelta(days=364)).isoformat(),
        "date_to": today.isoformat(),
    }
    print(f"\nYear range {year['date_from']} to {year['date_to']}; {args.runs} runs each")
    print(f"{'page':40} {'first':>8} {'median':>8}")
    from reporting.selectors import SECTIONS

    for section in SECTIONS:
        for suffix, label in [("", "page"), ("export.csv", "CSV")]:
            url = f"/reports/{section}/{suffix}"
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                response = client.get(url, year)
                times.append(time.perf_counter() - started)
                assert response.status_code == 200, (url, response.status_code)
            name = f"{section} {label}"
            print(f"{name:40} {times[0]:7.3f}s {statistics.median(times):7.3f}s", flush=True)


if __name__ == "__main__":
    main()
