"""Reads for My Stuff: the timeline, one item, a customer's cases and their data export.

The timeline is keyset-paginated on (occurred_at, id), newest first, served by the
``item_timeline_idx`` / ``item_kind_timeline_idx`` indexes: page 100 costs what page 1 costs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import batched
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Case as When_
from django.db.models import IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from cases.models import OPEN_STATUSES, Case, CaseEvent
from mystuff.models import Customer, Item, ItemKind, ItemStatusChange

PAGE_SIZE = 20
HOME_CASES = 5
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


def _open_first(cases: QuerySet[Case]) -> QuerySet[Case]:
    rank = When_(
        When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return cases.annotate(open_rank=rank).order_by("open_rank", "-created_at", "-id")


def customer_cases(*, customer: Customer, limit: int = HOME_CASES) -> list[Case]:
    """Open cases first, then the most recent closed ones. One query."""
    cases = Case.objects.filter(customer=customer).select_related("item")
    return list(_open_first(cases)[:limit])


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


def item_cases(*, item: Item) -> list[Case]:
    return list(_open_first(Case.objects.filter(item=item, customer_id=item.customer_id)))


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


def _case_rows(customer: Customer) -> list[dict[str, Any]]:
    events: dict[int, list[dict[str, Any]]] = {}
    for event in CaseEvent.objects.filter(case__customer=customer, public=True).order_by(
        "created_at", "id"
    ):
        events.setdefault(event.case_id, []).append(
            {"kind": event.kind, "body": event.body, "at": event.created_at}
        )
    return [
        {
            "reference": case.reference,
            "subject": case.subject,
            "description": case.description,
            "status": case.status,
            "item": case.item.reference if case.item else None,
            "channel": case.channel,
            "summary": case.summary,
            "opened": case.created_at,
            "resolved": case.resolved_at,
            "events": events.get(case.id, []),
        }
        for case in Case.objects.filter(customer=customer).select_related("item")
    ]


def _export_sections(
    *, customer: Customer | None, user: AbstractBaseUser | AnonymousUser
) -> list[tuple[str, Callable[[], Any]]]:
    """The export's parts, in order, each made only when it is written."""
    account = {
        "email": getattr(user, "email", ""),
        "first_name": getattr(user, "first_name", ""),
        "last_name": getattr(user, "last_name", ""),
        "date_joined": getattr(user, "date_joined", None),
        "last_login": getattr(user, "last_login", None),
    }
    head: list[tuple[str, Callable[[], Any]]] = [
        ("exported_at", lambda: datetime.now(tz=UTC)),
        ("account", lambda: account),
    ]
    if customer is None:
        empty = ("items", "cases", "contacts", "self_help_journeys", "feedback")
        return [*head, ("customer", lambda: None), *[(name, list) for name in empty]]
    return [
        *head,
        ("customer", lambda: {field: getattr(customer, field) for field in EXPORT_CUSTOMER_FIELDS}),
        ("items", lambda: _item_rows(customer)),
        ("cases", lambda: _case_rows(customer)),
        ("contacts", lambda: _rows("cases.Contact", customer=customer)),
        ("self_help_journeys", lambda: _rows("knowledge.Journey", customer=customer)),
        ("feedback", lambda: _feedback_rows(customer)),
    ]


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


def customer_export(
    *, customer: Customer | None, user: AbstractBaseUser | AnonymousUser
) -> dict[str, Any]:
    """Everything we hold on the signed-in person, as JSON-ready data (DjangoJSONEncoder)."""
    export: dict[str, Any] = {}
    for name, make in _export_sections(customer=customer, user=user):
        value = make()
        export[name] = list(value) if isinstance(value, Iterator) else value
    return export


def customer_export_json(
    *, customer: Customer | None, user: AbstractBaseUser | AnonymousUser
) -> Iterator[str]:
    """The same export as JSON text, in pieces: each item is encoded and sent on its own, so
    the download starts at once and memory stays flat however many items there are."""
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    yield "{"
    for index, (name, make) in enumerate(_export_sections(customer=customer, user=user)):
        yield ("," if index else "") + "\n" + encoder.encode(name) + ": "
        value = make()
        if isinstance(value, Iterator):
            # A piece per hundred rows: small enough to keep memory flat, big enough that
            # the server is not writing a piece per row.
            rows = (encoder.encode(row) for row in value)
            yield "[\n" + ",\n".join(next(batched(rows, 1), ()))
            for pieces in batched(rows, 100):
                yield ",\n" + ",\n".join(pieces)
            yield "\n]"
        else:
            yield encoder.encode(value)
    yield "\n}\n"


def erasure_case(*, customer: Customer) -> Case | None:
    """The case opened when the customer asked us to erase their data, if any."""
    return (
        Case.objects.filter(customer=customer, events__data__erasure_request=True)
        .order_by("-created_at")
        .first()
    )
