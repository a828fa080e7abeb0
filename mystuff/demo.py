"""My Stuff demo: a believable history for the demo customer on top of the core items, a
second customer and a prospect. Goes through the same upsert services as the API, so the demo
also proves the ingestion shape. Idempotent: keyed on (source, external id).
"""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from core.demo import DEMO_PASSWORD, ensure_user
from core.roles import CUSTOMER
from mystuff.models import Item, ItemStatusChange
from mystuff.services import customers_upsert, items_upsert

SOURCE = "shop"


def _at(moment: datetime) -> str:
    return moment.isoformat()


def _order(
    external_id: str,
    customer: str,
    title: str,
    status: str,
    value: str,
    days_ago: int,
    lines: list[tuple[str, str, int, str]],
    **extra: Any,
) -> dict[str, Any]:
    now = timezone.now()
    details: dict[str, Any] = {
        "lines": [
            {"sku": sku, "name": name, "quantity": qty, "unit_price": price}
            for sku, name, qty, price in lines
        ],
        "carrier": "HomeFreight",
        "tracking": f"HF{external_id[-5:]}00NL",
    }
    details.update(extra.pop("details", {}))
    return {
        "source": SOURCE,
        "external_id": external_id,
        "customer": customer,
        "kind": "order",
        "title": title,
        "status": status,
        "value": value,
        "currency": "EUR",
        "occurred_at": _at(now - timedelta(days=days_ago)),
        **extra,
        "details": details,
    }


def _item(external_id: str, customer: str, kind: str, title: str, days_ago: float, **extra: Any):
    return {
        "source": SOURCE,
        "external_id": external_id,
        "customer": customer,
        "kind": kind,
        "title": title,
        "occurred_at": _at(timezone.now() - timedelta(days=days_ago)),
        **extra,
    }


def _alex_history() -> list[dict[str, Any]]:
    now = timezone.now()
    c = "CUST-1001"
    delivered = {"details": {"delivered_at": _at(now - timedelta(days=236))}}
    return [
        _order(
            "ORD-9733",
            c,
            "Built-in oven OV-300",
            "delivered",
            "799.00",
            420,
            [("OV-300", "Built-in oven OV-300", 1, "799.00")],
            details={"delivered_at": _at(now - timedelta(days=414))},
        ),
        _order(
            "ORD-9817",
            c,
            "Coffee machine CM-12",
            "delivered",
            "249.00",
            240,
            [("CM-12", "Coffee machine CM-12", 1, "229.00"), ("DESC-1", "Descaler", 2, "10.00")],
            **delivered,
        ),
        _order(
            "ORD-10052",
            c,
            "Cordless vacuum VC-7",
            "refunded",
            "329.00",
            150,
            [("VC-7", "Cordless vacuum VC-7", 1, "329.00")],
        ),
        _order(
            "ORD-10120",
            c,
            "Microwave MW-20",
            "cancelled",
            "159.00",
            95,
            [("MW-20", "Microwave MW-20", 1, "159.00")],
        ),
        _item(
            "QUO-2150",
            c,
            "quote",
            "Fridge-freezer with installation",
            16,
            status="accepted",
            value="1189.00",
            currency="EUR",
            due_at=_at(now - timedelta(days=2)),
            details={"valid_until": _at(now - timedelta(days=2))},
        ),
        _item(
            "QUO-1988",
            c,
            "quote",
            "Extended warranty for the oven",
            200,
            status="expired",
            value="119.00",
            currency="EUR",
            due_at=_at(now - timedelta(days=170)),
        ),
        _item(
            "ENQ-551",
            c,
            "enquiry",
            "Energy label of the WM-800",
            45,
            status="answered",
            details={
                "subject": "Energy label",
                "message": "Which energy label does the "
                "WM-800 have, and how much water does it use?",
                "channel": "web",
                "answered_at": _at(now - timedelta(days=44)),
            },
        ),
        _item(
            "SUB-2990",
            c,
            "subscription",
            "Oven extended warranty (1 year)",
            400,
            status="ended",
            value="59.00",
            currency="EUR",
            details={"period": "yearly", "ends_at": _at(now - timedelta(days=35))},
        ),
        _item(
            "VIS-7402",
            c,
            "appointment",
            "Engineer visit: oven installation",
            418,
            status="completed",
            due_at=_at(now - timedelta(days=414)),
            details={"engineer": "Fatima El Amrani", "window_hours": 4},
        ),
        _item(
            "MKT-SPR-01",
            c,
            "marketing",
            "Spring cleaning: 20% off vacuums",
            160,
            status="opened",
            details={
                "campaign": "Spring cleaning sale",
                "channel": "email",
                "opened_at": _at(now - timedelta(days=159)),
            },
        ),
        _item(
            "MKT-NEWS-10",
            c,
            "marketing",
            "Your October newsletter",
            33,
            status="sent",
            details={"campaign": "Monthly newsletter", "channel": "email"},
        ),
        _item(
            "MKT-CARE-02",
            c,
            "marketing",
            "CarePlus: your cover renews soon",
            1.5,
            status="sent",
            details={"campaign": "CarePlus renewal", "channel": "sms"},
        ),
        _item(
            "INT-3301",
            c,
            "interaction",
            "Phone call about the fridge delivery",
            4,
            status="resolved",
            details={
                "channel": "phone",
                "agent": "Sam",
                "summary": "Asked to deliver after 14:00.",
            },
        ),
        _item(
            "INT-3150",
            c,
            "interaction",
            "Chat about the coffee machine descaling",
            120,
            status="resolved",
            details={
                "channel": "chat",
                "agent": "Priya",
                "summary": "Explained the descaling programme.",
            },
        ),
    ]


def _sanne_items() -> list[dict[str, Any]]:
    now = timezone.now()
    c = "CUST-1002"
    return [
        _order(
            "ORD-20011",
            c,
            "Tumble dryer TD-9",
            "shipped",
            "699.00",
            2,
            [("TD-9", "Tumble dryer TD-9", 1, "699.00")],
            due_at=_at(now + timedelta(days=2)),
        ),
        _order(
            "ORD-19870",
            c,
            "Kettle KT-1",
            "delivered",
            "39.00",
            60,
            [("KT-1", "Kettle KT-1", 1, "39.00")],
            details={"delivered_at": _at(now - timedelta(days=57))},
        ),
        _item(
            "VIS-8120",
            c,
            "appointment",
            "Engineer visit: dryer installation",
            2,
            status="booked",
            due_at=_at((now + timedelta(days=5)).replace(hour=12, minute=0, second=0)),
            details={"engineer": "Ruud de Vries", "window_hours": 4},
        ),
        _item(
            "MKT-AUT-01-S",
            c,
            "marketing",
            "Autumn kitchen sale",
            6,
            status="sent",
            reference="MKT-AUT-01",
            details={"campaign": "Autumn kitchen sale", "channel": "email"},
        ),
    ]


def _prospect_items() -> list[dict[str, Any]]:
    c = "PROS-3001"
    return [
        _item(
            "ENQ-610",
            c,
            "enquiry",
            "Do you deliver to Utrecht on Saturdays?",
            3,
            status="open",
            details={"subject": "Saturday delivery", "channel": "web"},
        ),
        _item(
            "MKT-WELCOME-P",
            c,
            "marketing",
            "Welcome to HomeAppliance",
            10,
            status="sent",
            reference="MKT-WELCOME",
            details={"campaign": "Welcome", "channel": "email"},
        ),
    ]


# Status history for the core orders, as the shop would have reported it (days before now).
CORE_HISTORY: dict[str, list[tuple[str, str, float]]] = {
    "ORD-10231": [("", "placed", 40), ("placed", "shipped", 37), ("shipped", "delivered", 35)],
    "ORD-10388": [("", "placed", 9), ("placed", "shipped", 3), ("shipped", "late", 0.5)],
    "ORD-10412": [
        ("", "placed", 3),
        ("placed", "shipped", 1),
        ("shipped", "out_for_delivery", 0.2),
    ],
}


def seed(stdout: Any) -> None:
    for email, name in [
        ("sanne@example.com", "Sanne de Boer"),
        ("noor@example.com", "Noor Bakker"),
    ]:
        ensure_user(email, CUSTOMER, name, DEMO_PASSWORD)
    customers_upsert(
        payloads=[
            {
                "source": SOURCE,
                "external_id": "CUST-1001",
                "preferred_language": "en",
                "lifetime_value": "4234.99",
            },
            {
                "source": SOURCE,
                "external_id": "CUST-1002",
                "name": "Sanne de Boer",
                "email": "sanne@example.com",
                "phone": "+31687654321",
                "segment": "standard",
                "lifecycle": "active",
                "preferred_language": "nl",
                "lifetime_value": "738.00",
            },
            {
                "source": SOURCE,
                "external_id": "PROS-3001",
                "name": "Noor Bakker",
                "email": "noor@example.com",
                "segment": "standard",
                "lifecycle": "prospect",
            },
        ]
    )
    payloads = _alex_history() + _sanne_items() + _prospect_items()
    for payload in payloads:
        # History items reached their status long ago, not when the demo was loaded.
        details = payload.get("details", {})
        payload["status_changed_at"] = details.get("delivered_at") or payload["occurred_at"]
    results = items_upsert(payloads=payloads)
    refused = [r for r in results if r.result == "error"]
    if refused:
        raise RuntimeError(f"demo items refused: {[r.as_dict() for r in refused]}")

    now = timezone.now()
    for item in Item.objects.filter(source=SOURCE, external_id__in=CORE_HISTORY):
        if item.status_changes.exists():
            continue
        ItemStatusChange.objects.bulk_create(
            ItemStatusChange(
                item=item,
                from_status=before,
                to_status=after,
                changed_at=now - timedelta(days=days),
                source=SOURCE,
            )
            for before, after, days in CORE_HISTORY[item.external_id]
        )
    stdout.write(
        f"My Stuff: {len(payloads)} history items, customers sanne@example.com and "
        "noor@example.com (prospect), password as the other demo logins."
    )
