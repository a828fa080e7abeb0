"""Reads for My Stuff: the timeline, one item, and the parts of the data export that are
My Stuff's (the whole export is composed in pages.export).

The timeline is keyset-paginated on (occurred_at, id), newest first, served by the
``item_timeline_idx`` / ``item_kind_timeline_idx`` indexes: page 100 costs what page 1 costs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import batched
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core import serializers
from django.db.models import Q
from django.http import Http404

from mystuff.models import Customer, Item, ItemKind, ItemStatusChange

PAGE_SIZE = 20
TIMELINE_FIELDS = (
    "id",
    "kind",
    "reference",
    "title",
    "status",
    "value",
    "currency",
    "occurred_at",
    "due_at",
)


@dataclass(frozen=True)
class Cursor:
    occurred_at: datetime
    id: int

    def encode(self) -> str:
        micros = int(self.occurred_at.timestamp() * 1_000_000)
        return f"{micros}.{self.id}"

    @classmethod
    def decode(cls, text: str | None) -> Cursor | None:
        """``"<microseconds>.<id>"`` -> Cursor; anything malformed -> None (first page)."""
        if not text:
            return None
        micros, _, pk = text.partition(".")
        if not (micros.lstrip("-").isdigit() and pk.isdigit()):
            return None
        try:
            moment = datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return cls(occurred_at=moment, id=int(pk))


@dataclass(frozen=True)
class TimelinePage:
    items: list[Item]
    next_cursor: str | None


def customer_for_user(user: AbstractBaseUser | AnonymousUser) -> Customer | None:
    """The signed-in user's customer record, or None (staff, or a new sign-up not yet known)."""
    if not user.is_authenticated:
        return None
    try:
        return user.customer  # type: ignore[union-attr,attr-defined]
    except Customer.DoesNotExist:
        return None


def timeline_page(
    *,
    customer: Customer,
    kind: str = "",
    search: str = "",
    cursor: Cursor | None = None,
    limit: int = PAGE_SIZE,
) -> TimelinePage:
    """One page of the customer's items, newest first. Always exactly one query."""
    items = Item.objects.filter(customer=customer)
    if kind in ItemKind.values:
        items = items.filter(kind=kind)
    if search:
        items = items.filter(Q(reference__icontains=search) | Q(title__icontains=search))
    if cursor is not None:
        # The first condition bounds the index range scan; the second breaks ties on id.
        items = items.filter(occurred_at__lte=cursor.occurred_at).filter(
            Q(occurred_at__lt=cursor.occurred_at) | Q(id__lt=cursor.id)
        )
    rows = list(items.order_by("-occurred_at", "-id").only(*TIMELINE_FIELDS)[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = Cursor(occurred_at=last.occurred_at, id=last.id).encode()
    return TimelinePage(items=rows, next_cursor=next_cursor)


def item_for_customer(*, customer: Customer | None, pk: int) -> Item:
    """The customer's own item; anyone else's (or none) is a 404."""
    if customer is None:
        raise Http404
    try:
        return Item.objects.get(pk=pk, customer=customer)
    except Item.DoesNotExist:
        raise Http404 from None


def item_status_history(*, item: Item) -> list[ItemStatusChange]:
    return list(item.status_changes.order_by("-changed_at", "-id"))


# --- My data: everything we hold on one customer.


def _rows(model_label: str, **filters: Any) -> list[dict[str, Any]]:
    """Every row of another app's model for this customer, as plain data.

    Generic on purpose: the export stays complete when other apps add fields.
    """
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return []
    data = serializers.serialize("python", model._default_manager.filter(**filters))
    return [{"id": row["pk"], **row["fields"]} for row in data]


def _feedback_rows(customer: Customer) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    try:
        feedback_app = apps.get_app_config("feedback")
    except LookupError:
        return rows
    for model in feedback_app.get_models():
        links = [
            field.name
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model is Customer
        ]
        for link in links:
            for row in _rows(model._meta.label, **{link: customer}):
                rows.append({"type": model._meta.model_name, **row})
    return rows


EXPORT_CHUNK = 1000


def _item_rows(customer: Customer) -> Iterator[dict[str, Any]]:
    """The customer's items with their status history, read a thousand at a time: a customer
    with 100,000 items is streamed, never held in memory at once."""
    items = (
        Item.objects.filter(customer=customer)
        .order_by("-occurred_at", "-id")
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    for batch in batched(items, EXPORT_CHUNK):
        history: dict[int, list[dict[str, Any]]] = {}
        for change in ItemStatusChange.objects.filter(
            item_id__in=[item.id for item in batch]
        ).order_by("changed_at", "id"):
            history.setdefault(change.item_id, []).append(
                {"from": change.from_status, "to": change.to_status, "at": change.changed_at}
            )
        for item in batch:
            yield {
                "id": item.id,
                "kind": item.kind,
                "source": item.source,
                "external_id": item.external_id,
                "reference": item.reference,
                "title": item.title,
                "status": item.status,
                "value": item.value,
                "currency": item.currency,
                "occurred_at": item.occurred_at,
                "due_at": item.due_at,
                "details": item.details,
                "status_history": history.get(item.id, []),
            }


EXPORT_CUSTOMER_FIELDS = (
    "id",
    "source",
    "external_id",
    "name",
    "email",
    "phone",
    "preferred_language",
    "segment",
    "lifecycle",
    "lifetime_value",
    "created_at",
    "erasure_requested_at",
)
