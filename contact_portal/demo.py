"""The demo logins, shared by seed_demo, `make run` and the README."""

from typing import Any

from django.contrib.auth.models import User

from core.demo import DEMO_LOGINS, DEMO_PASSWORD, ensure_user
from core.roles import AGENT, CUSTOMER, MANAGER, ensure_roles
from mystuff.models import Customer, Lifecycle, Segment

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "ensure_user", "seed_users", "seed_core_company"]


def seed_users() -> dict[str, User]:
    ensure_roles()
    users: dict[str, User] = {}
    for email, role, name in DEMO_LOGINS:
        users.setdefault(role, ensure_user(email, role, name))  # the first login of each role
    Customer.objects.update_or_create(
        user=users[CUSTOMER],
        defaults={
            "name": "Alex Jansen",
            "email": "customer@example.com",
            "phone": "+31612345678",
            "segment": Segment.PREMIUM,
            "lifecycle": Lifecycle.ACTIVE,
            "source": "shop",
            "external_id": "CUST-1001",
        },
    )
    users[CUSTOMER].refresh_from_db()
    seed_core_company(users)
    return users


# --- The core of the demo company, shared by every app's demo: a home-appliance retailer.
# Apps add more in their own demo.py and may rely on these keys (source "shop").

CORE_TEAMS = [
    ("customer-service", "Customer service"),
    ("deliveries", "Deliveries"),
    ("accounts", "Accounts"),
    ("field-engineers", "Field engineers"),
]

# slug, name, item kinds, urgency, children (slug, name), what else: the item's state it fits
# ("open": before delivery or the visit, "done": after), within how many days of the item's
# date, a one-click action. Ordered as offered: the catch-all "Something else" last.
CORE_REASONS: list[tuple[str, str, list[str], str, list[tuple[str, str]], dict]] = [
    ("where-is-my-order", "Where is my order?", ["order"], "high", [], {"item_state": "open"}),
    (
        "visit-time",
        "When is the engineer coming?",
        ["appointment"],
        "high",
        [],
        {"item_state": "open"},
    ),
    (
        "change-or-cancel",
        "Change or cancel",
        ["order", "appointment", "subscription"],
        "normal",
        [],
        {"item_state": "open"},
    ),
    (
        "damaged-or-wrong",
        "Damaged or wrong item",
        ["order"],
        "high",
        [("damaged", "It arrived damaged"), ("wrong-item", "I received the wrong item")],
        {"item_state": "done", "within_days": 30},
    ),
    (
        "fault-or-repair",
        "A fault, repair or warranty",
        ["order", "appointment"],
        "normal",
        [
            ("not-working", "It does not work properly"),
            ("warranty", "Is it still under warranty?"),
            ("book-repair", "Book a repair"),
        ],
        {"item_state": "done"},
    ),
    (
        "return-or-refund",
        "Return or refund",
        ["order"],
        "normal",
        [],
        {"item_state": "done", "within_days": 30},
    ),
    ("enquiry-news", "Any news on my enquiry?", ["enquiry"], "normal", [], {}),
    ("enquiry-details", "Add details to my enquiry", ["enquiry"], "low", [], {}),
    ("quote-question", "A question about my quote", ["quote"], "normal", [], {}),
    ("renewal", "Renewal and contract terms", ["subscription"], "normal", [], {}),
    ("billing", "Billing and payment", ["order", "subscription", "quote"], "normal", [], {}),
    ("unsubscribe", "Stop these messages", ["marketing"], "low", [], {"action": "unsubscribe"}),
    (
        "something-else",
        "Something else",
        [
            k
            for k in (
                "order",
                "quote",
                "enquiry",
                "subscription",
                "appointment",
                "marketing",
                "interaction",
            )
        ],
        "low",
        [],
        {},
    ),
]


def seed_core_company(users: dict[str, User]) -> None:
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from cases.models import ChannelKind, Team
    from channels_routing.models import Channel
    from mystuff.models import ContactReason, Item, ItemKind

    for slug, name in CORE_TEAMS:
        team, _ = Team.objects.get_or_create(slug=slug, defaults={"name": name})
        team.lead = users[MANAGER]
        team.save(update_fields=["lead"])
        if slug == "customer-service":
            team.members.add(users[AGENT])

    for position, (slug, name, kinds, urgency, children, fits) in enumerate(CORE_REASONS):
        fits = {"item_state": "any", "within_days": None, "action": "", **fits}
        parent, _ = ContactReason.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "item_kinds": kinds,
                "urgency": urgency,
                "position": position,
                **fits,
            },
        )
        for child_position, (child_slug, child_name) in enumerate(children):
            ContactReason.objects.update_or_create(
                slug=child_slug,
                defaults={
                    "name": child_name,
                    "parent": parent,
                    "item_kinds": kinds,
                    "urgency": urgency,
                    "position": child_position,
                    "item_state": fits["item_state"],
                    "within_days": fits["within_days"],
                },
            )

    weekdays = {str(d): [["08:00", "20:00"]] for d in range(5)}
    weekdays.update({"5": [["09:00", "17:00"]], "6": []})
    always = {str(d): [["00:00", "24:00"]] for d in range(7)}
    for kind, hours in [
        (ChannelKind.PHONE, weekdays),
        (ChannelKind.CALLBACK, weekdays),
        (ChannelKind.CHAT, weekdays),
        (ChannelKind.MESSAGE, always),
    ]:
        Channel.objects.get_or_create(
            kind=kind,
            defaults={"business_hours": hours, "phone_number": "+31 20 123 4567", "capacity": 3},
        )

    customer = users[CUSTOMER].customer
    now = timezone.now()
    core_items: list[dict[str, Any]] = [
        dict(
            external_id="ORD-10231",
            kind=ItemKind.ORDER,
            reference="ORD-10231",
            title="Washing machine WM-800",
            status="delivered",
            value=Decimal("649.00"),
            occurred_at=now - timedelta(days=40),
            due_at=now - timedelta(days=35),
            details={
                "lines": [
                    {
                        "sku": "WM-800",
                        "name": "Washing machine WM-800",
                        "quantity": 1,
                        "unit_price": "649.00",
                    }
                ],
                "delivered_at": (now - timedelta(days=35)).isoformat(),
                "carrier": "HomeFreight",
                "tracking": "HF123456789NL",
            },
        ),
        dict(
            external_id="ORD-10388",
            kind=ItemKind.ORDER,
            reference="ORD-10388",
            title="Fridge-freezer FF-620 and installation",
            status="late",
            value=Decimal("1189.00"),
            occurred_at=now - timedelta(days=9),
            due_at=now - timedelta(days=1),
            details={
                "lines": [
                    {
                        "sku": "FF-620",
                        "name": "Fridge-freezer FF-620",
                        "quantity": 1,
                        "unit_price": "1099.00",
                    },
                    {"sku": "INST-1", "name": "Installation", "quantity": 1, "unit_price": "90.00"},
                ],
                "carrier": "HomeFreight",
                "tracking": "HF987654321NL",
            },
        ),
        dict(
            external_id="ORD-10412",
            kind=ItemKind.ORDER,
            reference="ORD-10412",
            title="Dishwasher DW-45",
            status="out_for_delivery",
            value=Decimal("529.00"),
            occurred_at=now - timedelta(days=3),
            due_at=now + timedelta(hours=4),
            details={
                "lines": [
                    {
                        "sku": "DW-45",
                        "name": "Dishwasher DW-45",
                        "quantity": 1,
                        "unit_price": "529.00",
                    }
                ],
                "carrier": "HomeFreight",
                "tracking": "HF555000111NL",
            },
        ),
        dict(
            external_id="QUO-2207",
            kind=ItemKind.QUOTE,
            reference="QUO-2207",
            title="Kitchen appliance bundle",
            status="open",
            value=Decimal("3450.00"),
            occurred_at=now - timedelta(days=12),
            due_at=now + timedelta(days=2),
            details={"valid_until": (now + timedelta(days=2)).isoformat()},
        ),
        dict(
            external_id="VIS-7781",
            kind=ItemKind.APPOINTMENT,
            reference="VIS-7781",
            title="Engineer visit: washing machine not draining",
            status="booked",
            value=None,
            occurred_at=now - timedelta(days=2),
            due_at=(now + timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0),
            details={
                "engineer": "Ruud de Vries",
                "window_hours": 4,
                "address": "Keizersgracht 1, Amsterdam",
            },
        ),
        dict(
            external_id="SUB-3301",
            kind=ItemKind.SUBSCRIPTION,
            reference="SUB-3301",
            title="CarePlus appliance cover",
            status="active",
            value=Decimal("9.99"),
            occurred_at=now - timedelta(days=300),
            due_at=now + timedelta(days=65),
            details={"period": "monthly", "renews_at": (now + timedelta(days=65)).isoformat()},
        ),
        dict(
            external_id="MKT-AUT-01",
            kind=ItemKind.MARKETING,
            reference="MKT-AUT-01",
            title="Autumn kitchen sale",
            status="sent",
            value=None,
            occurred_at=now - timedelta(days=6),
            due_at=None,
            details={"campaign": "Autumn kitchen sale", "channel": "email"},
        ),
    ]
    for data in core_items:
        external_id = data.pop("external_id")
        Item.objects.update_or_create(
            source="shop",
            external_id=external_id,
            defaults={"customer": customer, "currency": "EUR", **data},
        )
