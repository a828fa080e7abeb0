"""A contact as it was when made: the snapshot agents read (``Contact.context``), built in one
place for contacts made on the channels (channels_routing) and the demos alike."""

from __future__ import annotations

from typing import Any

from mystuff.models import ContactReason, Customer, Item


def contact_snapshot(
    *,
    customer: Customer,
    item: Item | None,
    reason: ContactReason | None,
    channel: str,
    description: str,
    trail: dict[str, list[dict[str, Any]]],
    repeat_contacts: int,
) -> dict[str, Any]:
    """What the agent sees of a contact as it was when made (``Contact.context``): who, about
    what, in their words, and the self-help trail (``journey_trail``'s shape)."""
    return {
        "customer": {
            "id": customer.pk,
            "name": customer.name,
            "email": customer.email,
            "segment": customer.segment,
        },
        "item": {
            "id": item.pk,
            "kind": item.kind,
            "reference": item.reference,
            "title": item.title,
            "status": item.status,
            "value": str(item.value) if item.value is not None else None,
            "currency": item.currency,
        }
        if item
        else None,
        "reason": {
            "id": reason.pk,
            "slug": reason.slug,
            "name": reason.name,
            "urgency": reason.urgency,
        }
        if reason
        else None,
        "description": description,
        **trail,
        "channel": channel,
        "repeat_contacts": repeat_contacts,
    }
