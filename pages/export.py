"""My data: everything we hold on one customer, as one download. It reads every app (items,
cases, contacts, self-help journeys, feedback), so it is composed here, in the top layer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from itertools import batched
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder

from cases.models import Case, CaseEvent
from mystuff.models import Customer
from mystuff.selectors import EXPORT_CUSTOMER_FIELDS, _feedback_rows, _item_rows, _rows


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
