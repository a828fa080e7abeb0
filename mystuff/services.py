"""Writes for My Stuff: ingestion upserts, erasure requests and erasure. Keyword-only, atomic.

Ingestion is idempotent by (source, external id): sending the same payload twice stores it
once, and the answer says per record whether it was created, updated or refused (and why).
Valid records of a bulk call are stored together in one transaction; refused ones are named
in the answer, so nothing is half-applied silently.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Lower
from django.dispatch import Signal
from django.utils import timezone

from core import pagecache
from mystuff.models import ApiKey, Customer, Item, ItemStatusChange
from mystuff.schemas import clean_customer, clean_item, personal_detail_keys

logger = logging.getLogger(__name__)

MAX_BULK = 1000

# Sent after a customer's personal data is erased, inside the same transaction. Apps that keep
# the customer's own words (cases, contacts, feedback) connect to it and blank them.
customer_erased = Signal()
# Sent after items_upsert stored a batch, with ``rows``: one dict per stored item (id, customer_id,
# kind, status, due_at) and its ``previous_status`` / ``previous_due_at`` (None when it is new).
# The notices app listens, so an update that makes an item late is told the moment it arrives.
items_stored = Signal()

ITEM_FIELDS = (
    "customer_id",
    "kind",
    "reference",
    "title",
    "status",
    "value",
    "currency",
    "occurred_at",
    "due_at",
    "details",
    "updated_at",
)
CUSTOMER_FIELDS = (
    "name",
    "email",
    "phone",
    "preferred_language",
    "segment",
    "lifecycle",
    "lifetime_value",
)
PERSONAL_CUSTOMER_FIELDS = ("name", "email", "phone")


@dataclass
class UpsertResult:
    index: int
    external_id: str
    result: str  # created | updated | error
    id: int | None = None
    errors: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "index": self.index,
            "external_id": self.external_id,
            "result": self.result,
        }
        if self.id is not None:
            data["id"] = self.id
        if self.errors:
            data["errors"] = self.errors
        return data


def _external_id_of(raw: Any) -> str:
    value = raw.get("external_id") if isinstance(raw, dict) else None
    return str(value) if isinstance(value, str | int) else ""


def _validate_all(
    payloads: Sequence[Any], clean: Any
) -> tuple[list[UpsertResult | None], list[tuple[int, dict[str, Any]]]]:
    results: list[UpsertResult | None] = [None] * len(payloads)
    valid: list[tuple[int, dict[str, Any]]] = []
    seen: set[tuple[str, str]] = set()
    for index, raw in enumerate(payloads):
        cleaned, errors = clean(raw)
        key = (cleaned.get("source", ""), cleaned.get("external_id", ""))
        if not errors and key in seen:
            errors = {"external_id": "appears more than once in this request"}
        if errors:
            results[index] = UpsertResult(index, _external_id_of(raw), "error", errors=errors)
            continue
        seen.add(key)
        valid.append((index, cleaned))
    return results, valid


def _by_source(keys: set[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for source, external_id in keys:
        grouped[source].append(external_id)
    return grouped


@transaction.atomic
def items_upsert(*, payloads: Sequence[Any]) -> list[UpsertResult]:
    """Create or update items by (source, external_id); record every status change.

    A handful of queries whatever the batch size: one per source to find customers, one per
    source to find existing items, one upsert, one insert of status changes.
    """
    results, valid = _validate_all(payloads, clean_item)

    customer_ids: dict[tuple[str, str], int] = {}
    for source, external_ids in _by_source(
        {(c["customer_source"], c["customer"]) for _, c in valid}
    ).items():
        for pk, external_id in Customer.objects.filter(
            source=source, external_id__in=external_ids
        ).values_list("id", "external_id"):
            customer_ids[(source, external_id)] = pk

    existing: dict[tuple[str, str], tuple[int, str, Any]] = {}
    owners: set[int] = set()  # whose My Stuff changes: the items' current and new customers
    for source, external_ids in _by_source(
        {(c["source"], c["external_id"]) for _, c in valid}
    ).items():
        for pk, external_id, status, owner, due_at in Item.objects.filter(
            source=source, external_id__in=external_ids
        ).values_list("id", "external_id", "status", "customer_id", "due_at"):
            existing[(source, external_id)] = (pk, status, due_at)
            owners.add(owner)

    now = timezone.now()
    rows: list[tuple[Any, ...]] = []
    stored: list[tuple[int, dict[str, Any]]] = []
    for index, cleaned in valid:
        customer_id = customer_ids.get((cleaned["customer_source"], cleaned["customer"]))
        if customer_id is None:
            results[index] = UpsertResult(
                index,
                cleaned["external_id"],
                "error",
                errors={"customer": "no customer with this external id; send the customer first"},
            )
            continue
        rows.append(
            (
                customer_id,
                cleaned["source"],
                cleaned["external_id"],
                cleaned["kind"],
                cleaned["reference"],
                cleaned["title"],
                cleaned["status"],
                cleaned["value"],
                cleaned["currency"],
                cleaned["occurred_at"],
                cleaned["due_at"],
                cleaned["details"],
            )
        )
        stored.append((index, cleaned))

    store = _store_items_copy if connection.vendor == "postgresql" else _store_items_orm
    ids = store(rows, now) if rows else {}
    # Written in bulk, past the model signals: their cached pages are refreshed here.
    pagecache.bump(*owners, *(row[0] for row in rows))

    changes: list[tuple[int, str, str, Any, str]] = []
    stored_rows: list[dict[str, Any]] = []
    for index, cleaned in stored:
        key = (cleaned["source"], cleaned["external_id"])
        previous = existing.get(key)
        pk = ids[key]
        from_status = previous[1] if previous else ""
        if cleaned["status"] and cleaned["status"] != from_status:
            changed_at = cleaned.get("status_changed_at") or now
            changes.append((pk, from_status, cleaned["status"], changed_at, cleaned["source"]))
        results[index] = UpsertResult(
            index, cleaned["external_id"], "updated" if previous else "created", id=pk
        )
        stored_rows.append(
            {
                "id": pk,
                "customer_id": customer_ids[(cleaned["customer_source"], cleaned["customer"])],
                "kind": cleaned["kind"],
                "status": cleaned["status"],
                "due_at": cleaned["due_at"],
                "previous_status": previous[1] if previous else None,
                "previous_due_at": previous[2] if previous else None,
            }
        )
    if changes:
        _store_status_changes(changes)
    if stored_rows:
        items_stored.send(sender=Item, rows=stored_rows)
    return [result for result in results if result is not None]


# Columns of an incoming item row, in the order items_upsert builds them.
ROW_COLUMNS = (
    "customer_id",
    "source",
    "external_id",
    "kind",
    "reference",
    "title",
    "status",
    "value",
    "currency",
    "occurred_at",
    "due_at",
    "details",
)


def _store_items_orm(rows: list[tuple[Any, ...]], now: datetime) -> dict[tuple[str, str], int]:
    """One INSERT .. ON CONFLICT DO UPDATE through the ORM (SQLite and others)."""
    items = [Item(**dict(zip(ROW_COLUMNS, row, strict=True)), created_at=now) for row in rows]
    # pagecache: items_upsert refreshes the owners' pages once the rows are stored
    Item.objects.bulk_create(
        items,
        update_conflicts=True,
        unique_fields=["source", "external_id"],
        update_fields=list(ITEM_FIELDS),
    )
    found = {(item.source, item.external_id): item.pk for item in items if item.pk}
    if len(found) < len(items):  # a backend that does not return ids from an upsert
        for source, external_ids in _by_source({(r[1], r[2]) for r in rows}).items():
            for pk, external_id in Item.objects.filter(
                source=source, external_id__in=external_ids
            ).values_list("id", "external_id"):
                found[(source, external_id)] = pk
    return found


def _store_items_copy(rows: list[tuple[Any, ...]], now: datetime) -> dict[tuple[str, str], int]:
    """PostgreSQL: COPY the rows into a temporary table, then one INSERT .. ON CONFLICT.

    Several times faster than building the same statement through the ORM, which matters
    for the ingestion target (> 2,000 items/s); behaviour is the same as _store_items_orm,
    and the test suite runs on both.
    """
    columns = ", ".join(ROW_COLUMNS)
    updates = ", ".join(
        f"{name} = EXCLUDED.{name}" for name in ROW_COLUMNS if name not in ("source", "external_id")
    )
    # Only constant column names are interpolated; every value goes through COPY or params.
    create = (
        "CREATE TEMPORARY TABLE mystuff_incoming ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA"
    )
    upsert = (
        "INSERT INTO mystuff_item ({columns}, created_at, updated_at) "
        "SELECT {columns}, %s, %s FROM mystuff_incoming "
        "ON CONFLICT (source, external_id) DO UPDATE SET {updates}, "
        "updated_at = EXCLUDED.updated_at RETURNING id, source, external_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(create.format(columns, "mystuff_item"))
        with cursor.cursor.copy(f"COPY mystuff_incoming ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row[:-1], json.dumps(row[-1])))
        cursor.execute(upsert.format(columns=columns, updates=updates), [now, now])
        found = {(source, external_id): pk for pk, source, external_id in cursor.fetchall()}
        cursor.execute("DROP TABLE mystuff_incoming")
    return found


def _store_status_changes(changes: list[tuple[int, str, str, Any, str]]) -> None:
    if connection.vendor != "postgresql":
        ItemStatusChange.objects.bulk_create(
            ItemStatusChange(
                item_id=pk, from_status=before, to_status=after, changed_at=at, source=source
            )
            for pk, before, after, at, source in changes
        )
        return
    with connection.cursor() as cursor:
        columns = "item_id, from_status, to_status, changed_at, source"
        with cursor.cursor.copy(f"COPY mystuff_itemstatuschange ({columns}) FROM STDIN") as copy:
            for change in changes:
                copy.write_row(change)


def _link_users(customers: list[Customer]) -> None:
    """Back-office customers whose email has a sign-in account get that account linked.

    One query for the candidates and one update, whatever the number of customers.
    """
    unlinked = {c.email: c for c in customers if c.email and not c.user_id and not c.erased_at}
    if not unlinked:
        return
    users = User.objects.annotate(email_lower=Lower("email")).filter(
        email_lower__in=list(unlinked), customer__isnull=True
    )
    linked = []
    for user in users.order_by("id"):
        customer = unlinked.pop(user.email.lower(), None)
        if customer is not None:
            customer.user = user
            linked.append(customer)
    Customer.objects.bulk_update(linked, ["user"])
    pagecache.bump(*(customer.pk for customer in linked))


def customers_upsert(*, payloads: Sequence[Any]) -> list[UpsertResult]:
    """Create or update customers by (source, external_id), a fixed handful of queries.

    A field that is not sent keeps its value. Erased customers stay erased: personal fields
    sent for them are ignored. If another call created one of the new customers meanwhile,
    the batch is applied again, now as an update.
    """
    try:
        with transaction.atomic():
            return _customers_upsert(payloads)
    except IntegrityError:
        with transaction.atomic():
            return _customers_upsert(payloads)


def _customers_upsert(payloads: Sequence[Any]) -> list[UpsertResult]:
    results, valid = _validate_all(payloads, clean_customer)
    existing: dict[tuple[str, str], Customer] = {}
    for source, external_ids in _by_source(
        {(c["source"], c["external_id"]) for _, c in valid}
    ).items():
        for found in Customer.objects.select_for_update().filter(
            source=source, external_id__in=external_ids
        ):
            existing[(source, found.external_id)] = found

    new: list[Customer] = []
    changed: dict[str, list[Customer]] = defaultdict(list)
    touched: list[tuple[int, Customer, bool]] = []
    for index, cleaned in valid:
        key = (cleaned["source"], cleaned["external_id"])
        created = key not in existing
        customer = existing.get(key) or Customer(source=key[0], external_id=key[1])
        sent = [
            name
            for name in CUSTOMER_FIELDS
            if name in cleaned and not (customer.erased_at and name in PERSONAL_CUSTOMER_FIELDS)
        ]
        for name in sent:
            setattr(customer, name, cleaned[name])
        if created:
            new.append(customer)
        elif sent:
            # Grouped by the set of fields sent, so a missing field is never overwritten.
            changed[",".join(sent)].append(customer)
        touched.append((index, customer, created))

    Customer.objects.bulk_create(new)
    now = timezone.now()
    for fields, group in changed.items():
        for customer in group:
            customer.updated_at = now
        Customer.objects.bulk_update(group, [*fields.split(","), "updated_at"])
        pagecache.bump(*(customer.pk for customer in group))
    _link_users([customer for _, customer, _ in touched])
    for index, customer, created in touched:
        results[index] = UpsertResult(
            index, customer.external_id, "created" if created else "updated", id=customer.pk
        )
    return [result for result in results if result is not None]


def api_key_touch(*, key: ApiKey) -> None:
    """Record use, at most once a minute per key so busy integrations don't write every call."""
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > timedelta(minutes=1):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


# --- My data: erasure.


@transaction.atomic
def customer_erase(
    *, customer: Customer, actor: AbstractBaseUser | AnonymousUser | None
) -> Customer:
    """Anonymise a customer and keep the aggregates.

    Gone: name, email, phone, the sign-in account (deactivated, anonymised, email addresses
    removed) and the personal text in items' details (addresses, notes, messages, summaries).
    Kept: the customer row and segment, every item with its kind, value, currency, status and
    dates, so counts and revenue in reports don't change. Idempotent.
    """
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    now = timezone.now()
    first_time = customer.erased_at is None
    customer.name = ""
    customer.email = ""
    customer.phone = ""
    customer.erased_at = customer.erased_at or now
    customer.save(update_fields=["name", "email", "phone", "erased_at", "updated_at"])

    if customer.user_id:
        from allauth.account.models import EmailAddress

        user = User.objects.select_for_update().get(pk=customer.user_id)
        EmailAddress.objects.filter(user=user).delete()
        user.username = f"erased-{user.pk}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()

    changed: list[Item] = []
    for item in Item.objects.filter(customer=customer).only("id", "kind", "details"):
        personal = [key for key in personal_detail_keys(item.kind) if key in item.details]
        if personal:
            item.details = {k: v for k, v in item.details.items() if k not in personal}
            changed.append(item)
    Item.objects.bulk_update(changed, ["details"], batch_size=500)
    pagecache.bump(customer.pk)

    # Every app blanks what it holds (contact_portal/erasure.py); cases notes it on the erasure
    # case, the first time (cases.services.erasure_noted).
    customer_erased.send(sender=Customer, customer=customer, actor=actor, first_time=first_time)
    logger.info("customer %s erased by user %s", customer.pk, getattr(actor, "pk", None))
    return customer
