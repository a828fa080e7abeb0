"""Agent queue speed with 1,000,000 cases on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nh_cases .venv/bin/python bench/cases_bench.py

Migrates the database, fills it once (set-based INSERT ... SELECT generate_series, about a
minute), then requests the admin case list (the agent's queue page, rendered in full through
Django's test client) for every queue, as an agent and as a manager, and prints p50/p95 in ms
for the whole page and for its SQL alone, and the number of SQL queries per page. The load
average is printed too: on a shared machine the page time mostly measures the other tenants.
``--reset`` empties the cases first; ``--runs N`` sets the requests per page.
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

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cases.models import Case, Team  # noqa: E402
from core.roles import ensure_roles  # noqa: E402

CASES = 1_000_000
CUSTOMERS = 50_000
TEAMS = 20
AGENTS = 200
PROMISES = 50_000


def ensure_people() -> tuple[User, User]:
    ensure_roles()
    agent_group = Group.objects.get(name="agent")
    manager_group = Group.objects.get(name="manager")
    teams = [
        Team.objects.get_or_create(slug=f"bench-team-{n}", defaults={"name": f"Bench team {n}"})[0]
        for n in range(TEAMS)
    ]
    agents = []
    for n in range(AGENTS):
        user, created = User.objects.get_or_create(
            username=f"bench-agent-{n}@example.org",
            defaults={"email": f"bench-agent-{n}@example.org", "is_staff": True},
        )
        if created:
            user.groups.add(agent_group)
            # Each agent works in two teams.
            teams[n % TEAMS].members.add(user)
            teams[(n + 1) % TEAMS].members.add(user)
        agents.append(user)
    manager, created = User.objects.get_or_create(
        username="bench-manager@example.org",
        defaults={"email": "bench-manager@example.org", "is_staff": True},
    )
    if created:
        manager.groups.add(manager_group)
    return agents[0], manager


def fill() -> None:
    team_ids = list(
        Team.objects.filter(slug__startswith="bench-team-").values_list("pk", flat=True)
    )
    agent_ids = list(
        User.objects.filter(username__startswith="bench-agent-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(
            """
            INSERT INTO mystuff_customer (source, external_id, name, email, phone,
                preferred_language, segment, lifecycle, lifetime_value, created_at, updated_at)
            SELECT 'bench', 'BENCH-' || g, 'Bench Customer ' || g, 'bench' || g || '@example.net',
                '+3161' || lpad(g::text, 7, '0'), 'en', 'standard', 'active', 0, now(), now()
            FROM generate_series(1, %s) AS g
            ON CONFLICT DO NOTHING
            """,
            [CUSTOMERS],
        )
        cursor.execute("SELECT min(id), max(id) FROM mystuff_customer WHERE source = 'bench'")
        first_customer, last_customer = cursor.fetchone()
        span = last_customer - first_customer + 1
        # Newest cases first in g; roughly the last ten weeks are still open.
        cursor.execute(
            """
            INSERT INTO cases_case (customer_id, subject, description, status, priority,
                team_id, owner_id, channel, summary, created_at, updated_at,
                first_response_due, first_responded_at, resolution_due, resolved_at,
                reopened_count)
            SELECT
                %(first_customer)s + (g * 7919) %% %(span)s,
                'Bench case ' || g, 'Generated for the queue benchmark.',
                CASE WHEN g < 100000 AND g %% 10 < 7
                     THEN (ARRAY['new','open','waiting_customer','waiting_us'])[(1 + g %% 4)::int]
                     ELSE (ARRAY['resolved','closed'])[(1 + g %% 2)::int] END,
                (ARRAY['low','normal','normal','high','critical'])[(1 + g %% 5)::int],
                (%(team_ids)s::bigint[])[(1 + (g * 31) %% %(teams)s)::int],
                CASE WHEN g %% 10 = 0 THEN NULL
                     ELSE (%(agent_ids)s::int[])[(1 + (g * 17) %% %(agents)s)::int] END,
                (ARRAY['phone','chat','message','callback'])[(1 + g %% 4)::int],
                '',
                now() - g * interval '1 minute',
                now() - g * interval '1 minute',
                now() - g * interval '1 minute' + interval '8 hours',
                CASE WHEN g %% 3 = 0 THEN NULL
                     ELSE now() - g * interval '1 minute' + interval '1 hour' END,
                now() - g * interval '1 minute' + interval '3 days',
                CASE WHEN g < 100000 AND g %% 10 < 7 THEN NULL
                     ELSE now() - g * interval '1 minute' + interval '2 days' END,
                0
            FROM generate_series(1::bigint, %(cases)s::bigint) AS g
            """,
            {
                "first_customer": first_customer,
                "span": span,
                "team_ids": team_ids,
                "teams": len(team_ids),
                "agent_ids": agent_ids,
                "agents": len(agent_ids),
                "cases": CASES,
            },
        )
        cursor.execute(
            """
            INSERT INTO cases_promise (case_id, description, team_id, due_at, status, created_at)
            SELECT c.id, 'Call the customer back', c.team_id,
                   c.created_at + interval '2 days',
                   CASE WHEN c.status IN ('resolved', 'closed') THEN 'kept' ELSE 'open' END,
                   c.created_at
            FROM cases_case c
            WHERE c.subject LIKE 'Bench case %%' AND c.id %% (%(every)s) = 0
            """,
            {"every": CASES // PROMISES},
        )
        # What refresh_promise_due keeps for every promise saved through the app.
        cursor.execute(
            """
            UPDATE cases_case c SET open_promise_due = p.due
            FROM (SELECT case_id, min(due_at) AS due FROM cases_promise
                  WHERE status = 'open' GROUP BY case_id) p
            WHERE p.case_id = c.id
            """
        )
        cursor.execute("ANALYZE mystuff_customer; ANALYZE cases_case; ANALYZE cases_promise")
        print(f"filled in {time.perf_counter() - started:.1f} s")


def percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[max(0, int(round(0.95 * len(values))) - 1)]


def measure(client: Client, url: str, runs: int) -> tuple[float, float, float, float, int]:
    """Whole page (middleware, session, SQL, template) and the SQL part alone, in ms."""
    for _warm in range(3):
        assert client.get(url).status_code == 200, url
    timings, sql_timings = [], []
    queries = 0
    for _run in range(runs):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
        queries = len(captured)
        sql_timings.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    return (*percentiles(timings), *percentiles(sql_timings), queries)


def measure_queries(user: User, queue: str, runs: int) -> tuple[float, float]:
    """The queue's own two queries (capped count + first page of 50), without the request
    around them: what the indexes are for."""
    from django.utils import timezone

    from cases import selectors

    timings = []
    for run in range(runs + 3):
        started = time.perf_counter()
        queryset = selectors.cases_visible_to(user)
        if queue:
            queryset = queryset.filter(selectors.queue_filter(queue, user=user, now=timezone.now()))
        queryset.order_by()[:1000].count()
        list(
            queryset.select_related("customer", "team", "owner").order_by("-created_at", "-id")[:50]
        )
        if run >= 3:
            timings.append((time.perf_counter() - started) * 1000)
    return percentiles(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Run on PostgreSQL: set DATABASE_URL=postgres://...")
    call_command("migrate", verbosity=0)
    if args.reset:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE cases_case CASCADE")
    agent, manager = ensure_people()
    total = Case.objects.count()
    if total < CASES:
        fill()
    total = Case.objects.count()
    settings.ALLOWED_HOSTS = ["testserver"]
    base = "/admin/cases/case/"
    some_case = Case.objects.order_by("-id").values_list("pk", flat=True)[500]
    pages = [
        ("agent", "all visible", base),
        ("agent", "mine", base + "?queue=mine"),
        ("agent", "my teams", base + "?queue=team"),
        ("agent", "unassigned", base + "?queue=unassigned"),
        ("agent", "overdue promises", base + "?queue=overdue"),
        ("agent", "breaching SLA", base + "?queue=breaching"),
        ("agent", "my teams, page 5", base + "?queue=team&p=5"),
        ("manager", "all", base),
        ("manager", "unassigned", base + "?queue=unassigned"),
        ("manager", "breaching SLA", base + "?queue=breaching"),
        ("manager", "search by reference", base + f"?q=C-{some_case:06d}"),
        ("manager", "search by email", base + "?q=bench4242%40example.net"),
        ("manager", "search by name", base + "?q=Customer+4242"),
    ]
    clients = {"agent": Client(), "manager": Client()}
    clients["agent"].force_login(agent)
    clients["manager"].force_login(manager)
    print(f"{total:,} cases; {args.runs} requests per page; admin case list, 50 rows per page")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(
        f"{'who':<8} {'queue':<22} {'page p50':>9} {'page p95':>9} "
        f"{'SQL p50':>8} {'SQL p95':>8} {'queries':>8}"
    )
    worst = worst_sql = 0.0
    for who, name, url in pages:
        p50, p95, sql50, sql95, queries = measure(clients[who], url, args.runs)
        worst, worst_sql = max(worst, p95), max(worst_sql, sql95)
        print(
            f"{who:<8} {name:<22} {p50:>9.1f} {p95:>9.1f} {sql50:>8.1f} {sql95:>8.1f} {queries:>8}"
        )
    print(f"worst p95: page {worst:.1f} ms, SQL {worst_sql:.1f} ms (target < 100 ms)")
    print()
    print("queue queries alone (capped count + first page), ms")
    print(f"{'who':<8} {'queue':<22} {'p50':>8} {'p95':>8}")
    for who, user in (("agent", agent), ("manager", manager)):
        for queue in ["", *selectors_queues()]:
            p50, p95 = measure_queries(user, queue, args.runs)
            print(f"{who:<8} {queue or 'all':<22} {p50:>8.1f} {p95:>8.1f}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def selectors_queues() -> list[str]:
    from cases.selectors import QUEUES

    return QUEUES


if __name__ == "__main__":
    main()
