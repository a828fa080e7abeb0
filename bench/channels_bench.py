"""How long the routing decision takes.

    .venv/bin/python bench/channels_bench.py            # 100,000 pure decisions
    DATABASE_URL=postgres://... .venv/bin/python bench/channels_bench.py --db 500

Part 1 times ``policy.decide`` in-process over a rotating mix of situations (urgent and not,
due today, late, high value, repeat, VIP, closed hours, staffed and unstaffed channels).
Part 2 (``--db N``, needs a migrated database) also times the four reads that gather the
channel states, the rules and the repeat count for the choose page, N times.
"""

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contact_portal.settings")
# Building the data set runs statements longer than the 10 s limit served pages have.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")

import django  # noqa: E402

django.setup()

from channels_routing import policy  # noqa: E402

NOW = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
WEEKDAYS = {str(d): [["08:00", "20:00"]] for d in range(5)} | {"5": [["09:00", "17:00"]]}
ALWAYS = {str(d): [["00:00", "24:00"]] for d in range(7)}


def channel_sets() -> list[list[policy.ChannelState]]:
    def state(kind: str, **changes) -> policy.ChannelState:
        base = policy.ChannelState(
            kind=kind,
            business_hours=ALWAYS if kind == "message" else WEEKDAYS,
            holidays=frozenset({"2026-12-25", "2026-12-26"}),
            agents_available=3,
            capacity=2,
            queue_length=2,
            expected_wait_seconds=150,
            next_slot_at=NOW + timedelta(hours=2),
        )
        return replace(base, **changes)

    staffed = [state(k) for k in ("phone", "callback", "chat", "message")]
    unstaffed = [state(k, agents_available=0) for k in ("phone", "callback", "chat", "message")]
    busy = [state(k, queue_length=6) for k in ("phone", "callback", "chat", "message")]
    return [staffed, unstaffed, busy]


def situations() -> list[policy.Situation]:
    base = policy.Situation(now=NOW, urgency="normal", item_kind="order", segment="standard")
    return [
        base,
        replace(base, urgency="high"),
        replace(base, item_value=Decimal("1500.00")),
        replace(base, item_due_at=NOW + timedelta(hours=3), item_status="out_for_delivery"),
        replace(base, item_due_at=NOW - timedelta(days=1), item_status="late"),
        replace(base, earlier_contacts=2),
        replace(base, segment="vip"),
        replace(base, now=NOW.replace(hour=22), urgency="critical"),
    ]


def bench_decisions(n: int) -> None:
    cases = [(s, c) for s in situations() for c in channel_sets()]
    rules = policy.Rules()
    for s, c in cases:  # warm caches (time zones, parsed times, translations)
        policy.decide(situation=s, channels=c, rules=rules)
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for i in range(n // 5):
            s, c = cases[i % len(cases)]
            policy.decide(situation=s, channels=c, rules=rules)
        rounds.append((time.perf_counter() - start) / (n // 5) * 1e6)
    print(f"policy.decide: {n} decisions, {len(cases)} distinct inputs")
    print(
        f"  per decision: median {statistics.median(rounds):.1f} µs, "
        f"best {min(rounds):.1f} µs, worst round {max(rounds):.1f} µs"
    )


def bench_db(n: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from channels_routing import selectors

    now = timezone.now()
    selectors.channel_states(now)
    selectors.rules_current()
    timings = []
    for _ in range(n):
        start = time.perf_counter()
        selectors.channel_states(now)
        selectors.rules_current()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"choose-page reads ({connection.vendor}): {n} runs")
    print(
        f"  per page: median {statistics.median(timings):.2f} ms, "
        f"p95 {timings[int(len(timings) * 0.95) - 1]:.2f} ms"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--db", type=int, default=0, help="also time the database reads N times")
    args = parser.parse_args()
    bench_decisions(args.n)
    if args.db:
        bench_db(args.db)
