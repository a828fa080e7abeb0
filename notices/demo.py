"""Demo notices: the late fridge-freezer order and its late promise, each told and waiting for
the customer's choice. Idempotent: one active notice per item (or promise) and problem."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from cases.models import Promise, PromiseStatus, Team
from mystuff.models import ContactReason, Item
from notices import rules
from notices.models import Notice, NoticeKind, NoticeRule
from notices.services import rules_current


def seed(stdout: Any) -> None:
    now = timezone.now()
    for kind, rule in rules_current().items():
        # The demo company's reasons and teams, where the rule does not name its own.
        fields = []
        if rule.reason_id is None and kind in rules.DEFAULT_REASONS:
            rule.reason = ContactReason.objects.filter(slug=rules.DEFAULT_REASONS[kind]).first()
            fields.append("reason")
        if rule.team_id is None:
            rule.team = Team.objects.filter(slug=rules.DEFAULT_TEAMS[kind]).first()
            fields.append("team")
        if fields:
            rule.save(update_fields=fields)

    fridge = Item.objects.filter(source="shop", external_id="ORD-10388").first()
    made = 0
    if fridge is not None:
        _, created = Notice.objects.get_or_create(
            item=fridge,
            kind=NoticeKind.ORDER_LATE,
            cleared_at=None,
            promise=None,
            defaults={
                "customer_id": fridge.customer_id,
                "due_at": fridge.due_at,
                "created_at": now - timedelta(hours=20),
                "sent_at": now - timedelta(hours=20),
            },
        )
        made += created
        late = (
            Promise.objects.filter(case__item=fridge, status=PromiseStatus.OPEN, due_at__lte=now)
            .select_related("case")
            .first()
        )
        if late is not None:
            _, created = Notice.objects.get_or_create(
                promise=late,
                kind=NoticeKind.PROMISE_LATE,
                cleared_at=None,
                defaults={
                    "customer_id": late.case.customer_id,
                    "item": fridge,
                    "case": late.case,
                    "due_at": late.due_at,
                    "created_at": late.due_at,
                    "sent_at": late.due_at,
                },
            )
            made += created
    # Detection starts from now: the demo's older items are not announced on the first run.
    NoticeRule.objects.filter(checked_until__isnull=True).update(checked_until=now)
    stdout.write(f"notices: {made} new demo notices")
