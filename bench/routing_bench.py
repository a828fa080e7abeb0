"""Routing speed: the routing decision, and Next case with concurrent agents on PostgreSQL.

    .venv/bin/python bench/routing_bench.py --decisions-only
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nh_routing .venv/bin/python \\
        bench/routing_bench.py --cases 100000 --agents 8 --presses 100

1. The routing decision (``cases.routing.decide``) for a case against 30 rules, most of them
   not matching: the median time of one decision, in microseconds (target: under 1 ms).
   Also the decision with its one query for the rules (``services.route_decision``) when a
   database is set.
2. PostgreSQL only: ``--cases`` open, unassigned cases in one team (set-based INSERT, once;
   ``--reset`` refills), ``--agents`` agents in that team pressing Next case ``--presses``
   times each, all at once from their own threads and connections. Prints p50/p95 per press
   in ms (target: p95 under 50 ms), how many cases were taken, and checks that no case was
   taken twice (by the presses' answers and by the owners in the database). The load average
   is printed too: on a shared machine the timings mostly measure the other tenants.

Figures on the shared 2-core VM (load average 11-14 from the other sessions' test runs, so
every Python step and query waited for a core), 100,000 open cases, 8 agents x 50 presses:

    routing decision (30 rules): median 17.5 us, p95 27.3 us (target < 1 ms: met)
    SELECT 1 round trip: median 0.07 ms
    route_decision with its rules query: median 7.6 ms (two queries under that load)
    SQL statements per press: 8 (BEGIN, my teams, SELECT ... FOR UPDATE SKIP LOCKED,
        UPDATE, timeline INSERT, audit INSERT, COMMIT, plus the user)
    Next case, 1 agent: p50 43 ms, p95 64 ms
    Next case, 8 agents at once: p50 209 ms, p95 341 ms, 400 cases, none taken twice
    (a second run at load 9-11: 1 agent p50 36 ms, p95 48 ms; 8 agents p50 108 ms,
    p95 185 ms; none taken twice)

On the same VM when quiet (load average 0.8-1.7, 2026-12-03, after issue 21), 8 agents x 50
presses: 1 agent p50 5.7 ms, p95 6.5 ms; 8 agents as threads of this one process p50 41 ms,
p95 65 ms (they share one interpreter lock, which no server's agents do); 8 agents in their own
processes (spawned, as requests reach separate server processes) p50 28 ms, p95 43.5 ms: the
50 ms target is met; none taken twice in any run.

Since Next case looks first for a case in a language the agent speaks, the bench's agents
speak Dutch and one case in seven is Dutch: a press reads the agent's languages and then the
most urgent Dutch case straight off its own index (``case_next_language_idx``, 0.2 ms with
EXPLAIN ANALYZE on 2,000 cases), and only when none is left the most urgent of all: 9 SQL
statements per press (10 once the Dutch cases are gone). A small run (2,000 cases, 4 agents
x 10 presses, 2026-12-03, load average 17-31 from other sessions) still took no case twice;
its timings say nothing at that load.

Under the earlier load the 50 ms p95 target was not met; the Next case query itself
runs in 0.2 ms after VACUUM and 0.7-6 ms with the ~450 dead index entries the run leaves at
the head of the queue (EXPLAIN ANALYZE), so the time is the machine's queueing for CPU and
the eight transactions' commits. Re-run on a quiet machine before drawing conclusions.
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contact_portal.settings")
# Building the data set runs statements longer than the 10 s limit served pages have.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402

from cases import routing, services  # noqa: E402
from cases.models import AgentProfile, Case, Team  # noqa: E402
from core.roles import ensure_roles  # noqa: E402

SUBJECT = "Routing bench case"


def percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[max(0, int(round(0.95 * len(values))) - 1)]


def bench_decisions(rounds: int = 200, batch: int = 1000) -> None:
    rules = [
        routing.Rule(n, f"Rule {n}", n % 5, f"Team {n % 5}", reason_id=1000 + n) for n in range(20)
    ] + [
        routing.Rule(100 + n, f"Lang {n}", 7, "Team 7", language=f"x{n}", segment="vip")
        for n in range(9)
    ]
    rules.append(routing.Rule(200, "Big", 8, "Team 8", min_lifetime_value=Decimal("5000")))
    facts = [
        routing.CaseFacts(
            reason_id=1000 + n % 40,
            reason_parent_id=None,
            reason_name="Where is my order?",
            item_kind="order",
            language="nl",
            segment="premium",
            lifetime_value=Decimal(n * 100),
            channel="message",
            priority="high",
        )
        for n in range(batch)
    ]
    timings = []
    for _round in range(rounds):
        started = time.perf_counter()
        for one in facts:
            routing.decide(one, rules, default_team=(1, "Customer service"))
        timings.append((time.perf_counter() - started) / batch * 1_000_000)
    p50, p95 = percentiles(timings)
    print(f"routing decision ({len(rules)} rules): median {p50:.1f} us, p95 {p95:.1f} us")


def bench_decision_with_rules_query(runs: int = 300) -> None:
    from mystuff.models import Customer

    customer = Customer.objects.first()
    if customer is None:
        return
    timings = []
    for _run in range(runs):
        started = time.perf_counter()
        services.route_decision(
            customer=customer, item=None, reason=None, channel="message", priority="normal"
        )
        timings.append((time.perf_counter() - started) * 1000)
    p50, p95 = percentiles(timings)
    print(f"route_decision with its rules query: median {p50:.2f} ms, p95 {p95:.2f} ms")


def bench_round_trip(runs: int = 300) -> None:
    """The floor under every figure: one trivial query, on this machine, now."""
    timings = []
    with connection.cursor() as cursor:
        for _run in range(runs):
            started = time.perf_counter()
            cursor.execute("SELECT 1")
            cursor.fetchone()
            timings.append((time.perf_counter() - started) * 1000)
    p50, p95 = percentiles(timings)
    print(f"SELECT 1 round trip: median {p50:.2f} ms, p95 {p95:.2f} ms")


def press_queries(agent: User) -> int:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        services.case_take_next(agent=User.objects.get(pk=agent.pk))
    return len(captured)


def ensure_team(agents: int) -> tuple[Team, list[User]]:
    ensure_roles()
    group = Group.objects.get(name="agent")
    team, _created = Team.objects.get_or_create(
        slug="routing-bench", defaults={"name": "Routing bench"}
    )
    people = []
    for n in range(agents):
        user, created = User.objects.get_or_create(
            username=f"routing-bench-{n}@example.org",
            defaults={"email": f"routing-bench-{n}@example.org", "is_staff": True},
        )
        if created:
            user.groups.add(group)
        # Dutch speakers: each press first looks for a Dutch case (1 in 7), then any.
        AgentProfile.objects.update_or_create(user=user, defaults={"languages": ["nl"]})
        team.members.add(user)
        people.append(user)
    return team, people


def fill(team: Team, cases: int, reset: bool) -> None:
    existing = Case.objects.filter(team=team, subject=SUBJECT)
    if reset:
        existing.delete()
    # Cases taken by an earlier run go back to the queue, so every run starts from --cases.
    existing.filter(owner__isnull=False).update(owner=None, first_assigned_at=None)
    missing = cases - existing.count()
    if missing <= 0:
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO mystuff_customer (source, external_id, name, email, phone,
                preferred_language, segment, lifecycle, lifetime_value, created_at, updated_at)
            VALUES ('bench', 'ROUTING-BENCH', 'Routing bench', 'routing-bench@example.net', '',
                'en', 'standard', 'active', 0, now(), now())
            ON CONFLICT DO NOTHING
            """
        )
        cursor.execute(
            "SELECT id FROM mystuff_customer WHERE source = 'bench' "
            "AND external_id = 'ROUTING-BENCH'"
        )
        (customer_id,) = cursor.fetchone()
        cursor.execute(
            """
            INSERT INTO cases_case (customer_id, subject, description, status, priority,
                team_id, channel, summary, skill, language, created_at, updated_at,
                first_response_due, resolution_due, reopened_count)
            SELECT %(customer)s, %(subject)s, '', (ARRAY['new','open','waiting_us'])[1 + g %% 3],
                (ARRAY['low','normal','normal','high','critical'])[1 + g %% 5],
                %(team)s, 'message', '', '',
                (ARRAY['nl','en','en','en','en','en','en'])[1 + g %% 7],
                now() - g * interval '1 second', now(),
                now() + ((g * 7919) %% 86400) * interval '1 second',
                now() + interval '3 days', 0
            FROM generate_series(1, %(missing)s) AS g
            """,
            {"customer": customer_id, "subject": SUBJECT, "team": team.pk, "missing": missing},
        )
        cursor.execute("ANALYZE cases_case")
    print(f"filled {missing} open cases in {time.perf_counter() - started:.1f} s")


def _press(agent: User, presses: int, start: Any) -> tuple[list[float], list[int]]:
    """One agent: a warm-up press, then ``presses`` timed presses once all agents are ready.
    Returns each press's time in ms and the cases taken."""
    services.case_take_next(agent=agent)  # warm the connection
    start.wait(120)
    timings: list[float] = []
    taken: list[int] = []
    for _press in range(presses):
        began = time.perf_counter()
        case = services.case_take_next(agent=agent)
        timings.append((time.perf_counter() - began) * 1000)
        if case is not None:
            taken.append(case.pk)
    return timings, taken


def _report(label: str, timings: list[float], taken: list[int], wall: float) -> None:
    p50, p95 = percentiles(timings)
    owners = Case.objects.filter(pk__in=taken).values_list("pk", "owner_id")
    print(
        f"Next case, {label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"{len(taken)} cases taken in {wall:.1f} s"
    )
    twice = len(taken) - len(set(taken))
    unowned = sum(1 for _pk, owner in owners if owner is None)
    print(f"taken twice: {twice}; taken but without an owner in the database: {unowned}")
    if twice or unowned:
        raise SystemExit("a case was taken twice")


def bench_next_case(agents: list[User], presses: int) -> None:
    start = threading.Barrier(len(agents))
    timings: list[float] = []
    taken: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work(agent: User) -> None:
        mine_t: list[float] = []
        mine_ids: list[int] = []
        try:
            mine_t, mine_ids = _press(agent, presses, start)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()
            with lock:
                timings.extend(mine_t)
                taken.extend(mine_ids)

    threads = [threading.Thread(target=work, args=(agent,)) for agent in agents]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    if errors:
        raise errors[0]
    _report(f"{len(agents)} agents x {presses} presses at once", timings, taken, wall)


def _press_in_process(agent_pk: int, presses: int, barrier: Any, results: Any) -> None:
    """One agent in its own process (started afresh, its own connection), as agents'
    requests reach separate server processes: no interpreter lock shared with the others."""
    connections.close_all()  # the parent's connection is not this process's to use
    timings = _press(User.objects.get(pk=agent_pk), presses, barrier)
    connections.close_all()
    results.put(timings)


def bench_next_case_processes(agents: list[User], presses: int) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(agents))
    results = context.Queue()
    connections.close_all()
    processes = [
        context.Process(target=_press_in_process, args=(agent.pk, presses, barrier, results))
        for agent in agents
    ]
    began = time.perf_counter()
    for process in processes:
        process.start()
    gathered = [results.get(timeout=600) for _ in processes]
    for process in processes:
        process.join()
    wall = time.perf_counter() - began
    if any(process.exitcode for process in processes):
        raise SystemExit("an agent's process failed")
    timings = [t for mine_t, _ids in gathered for t in mine_t]
    taken = [pk for _t, mine_ids in gathered for pk in mine_ids]
    label = f"{len(agents)} agents in their own processes x {presses} presses at once"
    _report(label, timings, taken, wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--agents", type=int, default=8)
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--decisions-only", action="store_true")
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()}")
    bench_decisions()
    if args.decisions_only:
        return
    if connection.vendor != "postgresql":
        raise SystemExit("Next case needs PostgreSQL: set DATABASE_URL")
    call_command("migrate", verbosity=0)
    bench_round_trip()
    bench_decision_with_rules_query()
    team, agents = ensure_team(args.agents)
    fill(team, args.cases, args.reset)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cases_case")  # the queue's head is clean, as in production
    print(f"SQL statements per press: {press_queries(agents[0])}")
    # One agent alone first (the cost of a press without contention), then all at once.
    bench_next_case(agents[:1], args.presses)
    bench_next_case(agents, args.presses)
    bench_next_case_processes(agents, args.presses)
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
