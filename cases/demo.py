"""Demo cases for the demo customer: open, waiting and resolved, with promises and timelines.

Idempotent: cases are keyed on (customer, item, reason), promises on (case, description),
contacts on their idempotency key; timelines are rebuilt on every run.
"""

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from cases import services
from cases.models import Case, CaseEvent, CaseEventKind, CaseStatus, Priority, Promise, Team
from cases.timeline import stored_text
from mystuff.models import ContactReason, Customer, Item

DEMO_CASES: list[dict[str, Any]] = [
    {
        "key": "late-fridge",
        "item": "ORD-10388",
        "reason": "where-is-my-order",
        "subject": "Where is my fridge-freezer? (ORD-10388)",
        "description": "The fridge-freezer was due yesterday and nobody came. "
        "Tracking says 'at depot'. We have no working fridge.",
        "status": CaseStatus.WAITING_US,
        "priority": Priority.HIGH,
        "team": "customer-service",
        "owner": "agent",
        "channel": "phone",
        "opened_days_ago": 1.2,
        "timeline": [
            (
                "reply",
                True,
                "agent",
                "I am sorry your fridge-freezer did not arrive. "
                "I asked our deliveries team to book the first slot they have.",
            ),
            ("note", False, "agent", "Depot says the van broke down; deliveries to rebook."),
        ],
        "promises": [
            {
                "description": "Deliveries will call you to book a new delivery slot",
                "team": "deliveries",
                "due_hours": -3,  # already late: the overdue demo promise
                "late": True,
            },
        ],
        "contact": {
            "key": "demo-cases-late-fridge",
            "channel": "phone",
            "articles": [{"id": 0, "slug": "track-my-delivery", "title": "Track my delivery"}],
            "searches": [{"term": "fridge not delivered", "results": 2}],
        },
    },
    {
        "key": "visit",
        "item": "VIS-7781",
        "reason": "visit-time",
        "subject": "What time is the engineer coming? (VIS-7781)",
        "description": "I need to know the time window tomorrow so I can arrange to be home.",
        "status": CaseStatus.WAITING_CUSTOMER,
        "priority": Priority.HIGH,
        "team": "customer-service",
        "owner": "agent",
        "channel": "message",
        "opened_days_ago": 0.5,
        "timeline": [
            (
                "reply",
                True,
                "agent",
                "Ruud will come between 08:00 and 12:00. Does that work "
                "for you, or shall we find another day?",
            ),
        ],
        "promises": [
            {
                "description": "The engineer will call you 30 minutes before arriving",
                "team": "field-engineers",
                "due_hours": 20,
            },
        ],
        "contact": {
            "key": "demo-cases-visit",
            "channel": "message",
            "articles": [],
            "searches": [{"term": "engineer time window", "results": 1}],
        },
    },
    {
        "key": "quote",
        "item": "QUO-2207",
        "reason": "quote-question",
        "subject": "Does the bundle include installation? (QUO-2207)",
        "description": "Is installation of the oven included in the bundle price?",
        "status": CaseStatus.NEW,
        "priority": Priority.NORMAL,
        "team": "customer-service",
        "owner": None,
        "channel": "message",
        "opened_days_ago": 0.1,
        "timeline": [],
        "promises": [],
    },
    {
        "key": "resolved-washer",
        "item": "ORD-10231",
        "reason": "billing",
        "subject": "Charged twice for the washing machine (ORD-10231)",
        "description": "My card statement shows two payments of 649 euro.",
        "status": CaseStatus.RESOLVED,
        "priority": Priority.NORMAL,
        "team": "accounts",
        "owner": "agent",
        "channel": "chat",
        "opened_days_ago": 20,
        "resolved_days_ago": 18,
        "summary": "You were charged twice for order ORD-10231. We refunded 649.00 EUR to your "
        "card on the same day; it shows on your statement within 3 working days.",
        "timeline": [
            (
                "reply",
                True,
                "agent",
                "You are right, the payment went through twice. "
                "I have asked accounts to refund the second one today.",
            ),
        ],
        "promises": [
            {
                "description": "Accounts will refund the double payment",
                "team": "accounts",
                "due_hours": -19 * 24,
                "kept_hours_before_due": 4,
            },
        ],
    },
]


def _user(role: str | None) -> User | None:
    if role is None:
        return None
    return User.objects.filter(username=f"{role}@example.com").first()


def _seed_case(spec: dict[str, Any], customer: Customer, now: datetime) -> Case:
    item = Item.objects.filter(source="shop", external_id=spec["item"]).first()
    reason = ContactReason.objects.filter(slug=spec["reason"]).first()
    opened = now - timedelta(days=spec["opened_days_ago"])
    targets = services.sla_for(priority=spec["priority"], opened_at=opened)
    resolved_at = (
        now - timedelta(days=spec["resolved_days_ago"]) if "resolved_days_ago" in spec else None
    )
    agent = _user(spec["owner"])
    case, _created = Case.objects.update_or_create(
        customer=customer,
        item=item,
        reason=reason,
        defaults={
            "subject": spec["subject"],
            "description": spec["description"],
            "status": spec["status"],
            "priority": spec["priority"],
            "team": Team.objects.get(slug=spec["team"]),
            "owner": agent,
            # Owned demo cases were taken from the queue a few minutes after they came in.
            "first_assigned_at": opened + timedelta(minutes=7) if agent else None,
            "channel": spec["channel"],
            "summary": spec.get("summary", ""),
            "created_at": opened,
            "first_response_due": targets.first_response_due,
            "resolution_due": targets.resolution_due,
            "first_responded_at": opened + timedelta(minutes=25) if spec["timeline"] else None,
            "resolved_at": resolved_at,
        },
    )
    CaseEvent.objects.filter(case=case).delete()
    stamp = opened
    events: list[CaseEvent] = [
        CaseEvent(
            case=case,
            kind=CaseEventKind.CONTACT,
            public=False,
            body=spec["description"],
            data={"channel": spec["channel"]},
            created_at=stamp,
        )
    ]
    for kind, public, author, body in spec["timeline"]:
        stamp += timedelta(minutes=25)
        events.append(
            CaseEvent(
                case=case,
                kind=kind,
                public=public,
                author=_user(author),
                body=body,
                created_at=stamp,
            )
        )
    for promise_spec in spec["promises"]:
        due = now + timedelta(hours=promise_spec["due_hours"])
        kept_before = promise_spec.get("kept_hours_before_due")
        late = promise_spec.get("late", False)
        promise, _ = Promise.objects.update_or_create(
            case=case,
            description=promise_spec["description"],
            defaults={
                "team": Team.objects.get(slug=promise_spec["team"]),
                "due_at": due,
                "created_at": stamp,
                "status": "kept" if kept_before is not None else "open",
                "completed_at": due - timedelta(hours=kept_before) if kept_before else None,
                "reminded_at": due - timedelta(hours=4) if late else None,
                "overdue_at": due if late else None,
                "escalated_at": due if late else None,
                "customer_told_late_at": due if late else None,
            },
        )
        events.append(
            CaseEvent(
                case=case,
                kind=CaseEventKind.PROMISE,
                public=True,
                author=agent,
                body=promise.description,
                data={"promise": promise.pk, "team": promise.team.name, "due_at": due.isoformat()},
                created_at=stamp + timedelta(minutes=1),
            )
        )
        if late:
            events.append(
                CaseEvent(
                    case=case,
                    kind=CaseEventKind.PROMISE,
                    public=True,
                    body=f"We are late with this: {promise.description}. We are sorry; the "
                    "team is on it and we will update you here.",
                    data={"promise": promise.pk, "late": True}
                    | stored_text("promise.late", what=promise.description),
                    created_at=due,
                )
            )
    if spec["status"] != CaseStatus.NEW:
        events.append(
            CaseEvent(
                case=case,
                kind=CaseEventKind.STATUS,
                public=True,
                author=agent,
                body=spec.get("summary", ""),
                data={"from": CaseStatus.OPEN, "to": spec["status"]},
                created_at=resolved_at or stamp + timedelta(minutes=2),
            )
        )
    for event in events:
        event.notified_at = event.created_at if event.public else None
    CaseEvent.objects.bulk_create(events)
    if "contact" in spec:
        _seed_contact(case, customer, spec, opened)
    return case


def _seed_contact(case: Case, customer: Customer, spec: dict[str, Any], opened: datetime) -> None:
    from cases.contacts import contact_snapshot
    from cases.models import Contact

    item = case.item
    reason = case.reason
    info = spec["contact"]
    context = contact_snapshot(
        customer=customer,
        item=item,
        reason=reason,
        channel=info["channel"],
        description=spec["description"],
        trail={
            "articles_opened": info["articles"],
            "searches": info["searches"],
            "solved_answers": [],
        },
        repeat_contacts=0,
    )
    Contact.objects.update_or_create(
        idempotency_key=info["key"],
        defaults={
            "customer": customer,
            "case": case,
            "item": item,
            "channel": info["channel"],
            "description": spec["description"],
            "context": context,
            "requested_at": opened,
            "answered_at": opened + timedelta(minutes=1),
            "ended_at": opened + timedelta(minutes=9),
        },
    )


# Routing: slug, name, team, reason slug, segment. First match wins; customer service is the
# default team. The demo customer is premium, so everything they send reaches Sam (deliveries
# and customer service); Robin (accounts, field engineers) gets other customers' billing and
# engineer questions.
DEMO_RULES = [
    ("Where is my order?", "deliveries", "where-is-my-order", ""),
    ("Damaged or wrong item", "deliveries", "damaged-or-wrong", ""),
    ("Premium customers stay with customer service", "customer-service", None, "premium"),
    ("Billing and payment", "accounts", "billing", ""),
    ("Engineer visits", "field-engineers", "visit-time", ""),
]
# login, teams, languages, skills
DEMO_AGENTS = [
    ("agent@example.com", ["customer-service", "deliveries"], ["en", "nl"], ["deliveries"]),
    ("robin@example.com", ["accounts", "field-engineers"], ["en", "de"], ["billing"]),
]


def seed_routing(stdout) -> None:
    """Teams with members and languages, the default team and the routing rules."""
    from cases.models import AgentProfile, TeamRule

    teams = {team.slug: team for team in Team.objects.all()}
    if "customer-service" not in teams:
        stdout.write("cases: no demo teams, no routing seeded")
        return
    Team.objects.exclude(slug="customer-service").update(is_default=False)
    Team.objects.filter(slug="customer-service").update(is_default=True)
    for login, team_slugs, languages, skills in DEMO_AGENTS:
        user = User.objects.filter(username=login).first()
        if user is None:
            continue
        for slug in team_slugs:
            if slug in teams:
                teams[slug].members.add(user)
        AgentProfile.objects.update_or_create(
            user=user, defaults={"languages": languages, "skills": skills}
        )
    for position, (name, team_slug, reason_slug, segment) in enumerate(DEMO_RULES, start=1):
        if team_slug not in teams:
            continue
        reason = ContactReason.objects.filter(slug=reason_slug).first() if reason_slug else None
        TeamRule.objects.update_or_create(
            name=name,
            defaults={
                "position": position * 10,
                "team": teams[team_slug],
                "reason": reason,
                "segment": segment,
                "active": True,
            },
        )
    stdout.write(f"cases: {len(DEMO_RULES)} routing rules, {len(DEMO_AGENTS)} agents in teams")


def seed(stdout) -> None:
    seed_routing(stdout)
    customer = Customer.objects.filter(user__username="customer@example.com").first()
    if customer is None:
        stdout.write("cases: no demo customer, nothing seeded")
        return
    now = timezone.now()
    seeded = [_seed_case(spec, customer, now) for spec in DEMO_CASES]
    stdout.write(f"cases: {len(seeded)} demo cases ({', '.join(c.reference for c in seeded)})")
