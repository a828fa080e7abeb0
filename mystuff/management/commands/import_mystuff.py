"""Import customers and items from a JSON or CSV file, the same shape the API takes.

JSON: ``{"customers": [...], "items": [...]}`` or a plain list of items.
CSV: one record per row; a file with a ``kind`` column holds items, otherwise customers.
``details`` is a JSON column, or one ``details.<name>`` column per field (e.g.
``details.carrier``). Empty cells are left out.

    python manage.py import_mystuff orders.csv
    python manage.py import_mystuff export.json --batch-size 500
"""

import csv
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mystuff.services import MAX_BULK, UpsertResult, customers_upsert, items_upsert

MAX_ERRORS_SHOWN = 20


def _csv_records(path: Path) -> tuple[str, list[dict[str, Any]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames or []
        kind = "items" if "kind" in fields else "customers"
        records = []
        for row in reader:
            record: dict[str, Any] = {}
            details: dict[str, Any] = {}
            for name, value in row.items():
                if name is None or value is None or value == "":
                    continue
                if name == "details":
                    try:
                        details.update(json.loads(value))
                    except (json.JSONDecodeError, TypeError, ValueError):
                        record["details"] = value  # reported as "must be an object"
                elif name.startswith("details."):
                    details[name.removeprefix("details.")] = value
                else:
                    record[name] = value
            if details and "details" not in record:
                record["details"] = details
            records.append(record)
    return kind, records


def _json_records(path: Path) -> list[tuple[str, list[Any]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path} is not valid JSON: {exc}") from exc
    if isinstance(data, list):
        return [("items", data)]
    if isinstance(data, dict) and ("customers" in data or "items" in data):
        return [(kind, data.get(kind) or []) for kind in ("customers", "items")]
    raise CommandError('Expected a list of items or {"customers": [...], "items": [...]}.')


class Progress:
    """A one-line progress bar on stderr, redrawn in place."""

    def __init__(self, label: str, total: int, stream: Any, width: int = 30):
        self.label, self.total, self.stream, self.width = label, total, stream, width
        self.done = 0

    def advance(self, count: int) -> None:
        self.done += count
        filled = self.width * self.done // max(self.total, 1)
        percent = 100 * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(
            f"\r{self.label:<10} [{bar}] {self.done:>8,}/{self.total:,} {percent:>3}%"
        )
        if self.done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Import customers and My Stuff items from a JSON or CSV file (same shape as the API)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--batch-size", type=int, default=MAX_BULK)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path} does not exist.")
        batch_size = max(1, min(options["batch_size"], MAX_BULK))
        is_csv = path.suffix.lower() == ".csv"
        sections = [_csv_records(path)] if is_csv else _json_records(path)
        upserts: dict[str, Callable[..., list[UpsertResult]]] = {
            "customers": customers_upsert,
            "items": items_upsert,
        }
        show_progress = not options["no_progress"]
        refused = 0
        for kind, records in sections:
            if not records:
                continue
            if not isinstance(records, list):
                raise CommandError(f'"{kind}" must be a list.')
            progress = Progress(kind.capitalize(), len(records), sys.stderr)
            counts = {"created": 0, "updated": 0, "error": 0}
            errors: list[str] = []
            for offset, batch in _batches(records, batch_size):
                for result in upserts[kind](payloads=batch):
                    counts[result.result] += 1
                    if result.errors and len(errors) < MAX_ERRORS_SHOWN:
                        fields = "; ".join(f"{k}: {v}" for k, v in result.errors.items())
                        where = offset + result.index + 1
                        errors.append(f"  record {where} ({result.external_id or '?'}): {fields}")
                if show_progress:
                    progress.advance(len(batch))
            self.stdout.write(
                f"{kind}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['error']} refused"
            )
            for line in errors:
                self.stdout.write(line)
            refused += counts["error"]
        if refused:
            raise CommandError(f"{refused} records were refused; the others were imported.")


def _batches(records: list[Any], size: int) -> Iterator[tuple[int, list[Any]]]:
    for start in range(0, len(records), size):
        yield start, records[start : start + size]
