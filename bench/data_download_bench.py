"""My data download for a customer with very many items: time and peak memory, streamed
(what the view sends) against the whole export built at once (what it used to send).

    .venv/bin/python bench/data_download_bench.py            # 100,000 items, SQLite in /tmp
    DATABASE_URL=postgres://... .venv/bin/python bench/data_download_bench.py --items 100000

Prints, for each way: seconds to the first byte, seconds in all, peak Python memory (MB,
tracemalloc, measured in a second pass) and bytes written.
"""

import argparse
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contact_portal.settings")
# Building the data set runs statements longer than the 10 s limit served pages have.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("SQLITE_PATH", "/tmp/nh_bench_download.sqlite3")  # noqa: S108

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.serializers.json import DjangoJSONEncoder  # noqa: E402

from mystuff.models import Customer, Item  # noqa: E402
from pages.export import customer_export, customer_export_json  # noqa: E402


def build(items: int) -> Customer:
    call_command("migrate", verbosity=0)
    user, _ = User.objects.get_or_create(username="bench-download", email="bench-dl@example.org")
    customer, _ = Customer.objects.get_or_create(
        email="bench-dl@example.org", defaults={"name": "Bench", "user": user}
    )
    have = Item.objects.filter(customer=customer).count()
    Item.objects.bulk_create(
        (
            Item(
                customer=customer,
                kind="order",
                external_id=f"bench-dl-{n}",
                reference=f"ORD-{n:07d}",
                title=f"Thing {n}",
                status="delivered",
                occurred_at="2026-01-01T10:00Z",
                details={"lines": [{"sku": "A1", "quantity": 1}]},
            )
            for n in range(have, items)
        ),
        batch_size=5000,
    )
    return customer


def run(label: str, pieces) -> None:
    started = time.perf_counter()
    first = None
    for _piece in pieces():
        if first is None:
            first = time.perf_counter() - started
    total = time.perf_counter() - started
    # Memory in a second pass: tracemalloc slows Python down several times.
    tracemalloc.start()
    written = sum(len(piece.encode()) for piece in pieces())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:10} first byte {first or 0:.2f} s, all {total:.2f} s, "
        f"peak {peak / 1e6:.0f} MB, {written / 1e6:.1f} MB written"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    args = parser.parse_args()
    customer = build(args.items)
    user = customer.user
    print(f"{Item.objects.filter(customer=customer).count():,} items")
    run("streamed", lambda: customer_export_json(customer=customer, user=user))
    run(
        "at once",
        lambda: [
            json.dumps(
                customer_export(customer=customer, user=user),
                cls=DjangoJSONEncoder,
                indent=2,
                ensure_ascii=False,
            )
        ],
    )


if __name__ == "__main__":
    main()
