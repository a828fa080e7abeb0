"""Writes for cases. Keyword-only, typed, atomic.

``case_open_or_join`` is how every contact becomes or joins a case; channels call it.
"""

from django.contrib.auth.models import User
from django.db import transaction

from cases.models import OPEN_STATUSES, Case, CaseEvent, CaseEventKind, Priority
from knowledge.models import ContactReason
from mystuff.models import Customer, Item


def priority_for_urgency(urgency: str | None) -> str:
    return urgency if urgency in Priority.values else Priority.NORMAL


@transaction.atomic
def case_open_or_join(
    *,
    customer: Customer,
    item: Item | None,
    reason: ContactReason | None,
    channel: str,
    description: str,
    subject: str = "",
) -> tuple[Case, bool]:
    """Join the open case about the same item + reason, or open a new one.

    Returns (case, created).
    """
    existing = (
        Case.objects.select_for_update()
        .filter(customer=customer, item=item, reason=reason, status__in=OPEN_STATUSES)
        .order_by("-created_at")
        .first()
    )
    if existing is not None:
        return existing, False
    if not subject:
        parts = [str(reason.name) if reason else "", item.reference if item else ""]
        subject = " · ".join(p for p in parts if p) or description[:80] or "Contact"
    case = Case.objects.create(
        customer=customer,
        item=item,
        reason=reason,
        subject=subject[:200],
        description=description,
        channel=channel,
        priority=priority_for_urgency(reason.urgency if reason else None),
    )
    return case, True


def case_add_event(
    *,
    case: Case,
    kind: str,
    public: bool,
    body: str = "",
    author: User | None = None,
    data: dict | None = None,
) -> CaseEvent:
    assert kind in CaseEventKind.values, kind
    return CaseEvent.objects.create(
        case=case, kind=kind, public=public, body=body, author=author, data=data or {}
    )
