"""Demo data for channels: the agent's availability, routing rules, callback slots and history.

Idempotent: natural keys with update_or_create, history only once.
"""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from cases.contacts import contact_snapshot
from cases.models import ChannelKind, Contact
from channels_routing.models import (
    AgentPresence,
    CallbackSlot,
    Channel,
    PresenceStatus,
    RoutingRule,
)
from channels_routing.services import journey_trail
from mystuff.models import Customer

HISTORY_KEY_PREFIX = "demo-history-"


def seed(stdout: Any) -> None:
    agent = User.objects.get(username="agent@example.com")
    for channel in Channel.objects.all():
        AgentPresence.objects.update_or_create(
            agent=agent, channel=channel, defaults={"status": PresenceStatus.AVAILABLE}
        )
    RoutingRule.objects.update_or_create(
        name="Standard routing",
        defaults={
            "active": True,
            "position": 0,
            "high_value": Decimal("1000"),
            "priority_segments": ["vip"],
            "urgent_urgencies": ["high", "critical"],
            "repeat_contacts": 1,
            "due_soon_hours": 24,
            "callback_within_minutes": 10,
            "max_wait_minutes": 20,
            "message_reply_hours": 24,
        },
    )
    now = timezone.now()
    tz = timezone.get_current_timezone()
    day = timezone.localtime(now, tz).replace(minute=0, second=0, microsecond=0)
    for offset_days in range(0, 3):
        for hour in (9, 11, 14, 16, 18):
            start = (day + timedelta(days=offset_days)).replace(hour=hour)
            if start <= now:
                continue
            CallbackSlot.objects.update_or_create(
                starts_at=start, defaults={"ends_at": start + timedelta(hours=1), "capacity": 3}
            )
    customer = Customer.objects.get(user__username="customer@example.com")
    # (days ago, channel, seconds to answer or None for abandoned, minutes talked)
    history = [
        (20, ChannelKind.PHONE, 45, 6),
        (15, ChannelKind.CHAT, 30, 9),
        (12, ChannelKind.PHONE, None, 0),
        (9, ChannelKind.CALLBACK, 420, 4),
        (6, ChannelKind.CHAT, None, 0),
        (4, ChannelKind.PHONE, 95, 7),
        (3, ChannelKind.MESSAGE, 3 * 3600, 0),
        (1, ChannelKind.CHAT, 20, 5),
    ]
    for index, (days, kind, answer_seconds, talk_minutes) in enumerate(history):
        requested = now - timedelta(days=days, hours=index)
        answered = requested + timedelta(seconds=answer_seconds) if answer_seconds else None
        Contact.objects.update_or_create(
            idempotency_key=f"{HISTORY_KEY_PREFIX}{index}",
            defaults={
                "customer": customer,
                "channel": kind,
                "requested_at": requested,
                "answered_at": answered,
                "ended_at": answered + timedelta(minutes=talk_minutes) if answered else None,
                "abandoned_at": None if answered else requested + timedelta(seconds=70),
                "context": contact_snapshot(
                    customer=customer,
                    item=None,
                    reason=None,
                    channel=kind,
                    description="",
                    trail=journey_trail(None),
                    repeat_contacts=0,
                ),
            },
        )
    stdout.write("channels_routing: presence, routing rule, callback slots, contact history")
