"""Reads for notices: the banners, what Contact Us knows about an item, the reasons' order."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from cases.models import OPEN_STATUSES, Case, Promise, PromiseStatus
from mystuff.models import Customer, Item
from notices import rules
from notices.models import Notice, NoticeChoice, NoticeKind


@dataclass
class Banner:
    notice: Notice
    what: str
    doing: str
    sorry: str
    new_due: datetime | None
    choices: list[tuple[str, str]]  # (value, label) of the one-click ways out
    talk_url: str
    chosen_label: str


def _active(customer: Customer) -> QuerySet[Notice]:
    return (
        Notice.objects.filter(customer=customer, cleared_at__isnull=True)
        .select_related("item", "promise", "case")
        .order_by("-created_at", "-id")
    )


def _talk_url(notice: Notice, reason_slug: str) -> str:
    if notice.case_id is not None:
        query = f"?case={notice.case_id}"
    elif notice.item_id is not None:
        query = f"?item={notice.item_id}" + (f"&reason={reason_slug}" if reason_slug else "")
    else:
        query = ""
    return reverse("channels_routing:choose") + query


def banners(*, customer: Customer | None, item: Item | None = None) -> list[Banner]:
    """The customer's active notices (about one item, when given), ready to show. Two queries:
    the notices with their item, promise and case, and the rules' reasons."""
    if customer is None:
        return []
    notices = _active(customer)
    if item is not None:
        notices = notices.filter(item=item)
    found = list(notices[:10])
    if not found:
        return []
    from notices.services import notice_text

    reasons = reason_slugs()

    shown = []
    for notice in found:
        text = notice_text(notice)
        shown.append(
            Banner(
                notice=notice,
                what=text["what"],
                doing=text["doing"],
                sorry=text["sorry"],
                new_due=notice.new_due_at,
                choices=[
                    (value, rules.choice_label(notice.kind, value))
                    for value in rules.choices_for(notice.kind)
                ],
                talk_url=_talk_url(notice, reasons.get(notice.kind, "")),
                chosen_label=rules.choice_label(notice.kind, notice.choice)
                if notice.choice in NoticeChoice.values
                else "",
            )
        )
    return shown


def reason_slugs() -> dict[str, str]:
    """Each problem's contact reason (the rule's, else the default that exists): two queries."""
    from mystuff.models import ContactReason
    from notices.models import NoticeRule

    chosen = dict(NoticeRule.objects.values_list("kind", "reason__slug"))
    defaults = set(
        ContactReason.objects.filter(
            slug__in=list(rules.DEFAULT_REASONS.values()), active=True
        ).values_list("slug", flat=True)
    )
    found = {}
    for kind in NoticeKind.values:
        default = rules.DEFAULT_REASONS.get(kind, "")
        found[kind] = chosen.get(kind) or (default if default in defaults else "")
    return found


def notice_for_customer(*, customer: Customer | None, pk: int) -> Notice | None:
    if customer is None:
        return None
    return Notice.objects.select_related("item").filter(pk=pk, customer=customer).first()


@dataclass
class Known:
    """What Contact Us already knows about the item or case the customer came about."""

    case: Case | None
    late_promise: Promise | None
    notice: Notice | None


def known_about(
    *, customer: Customer | None, item: Item | None, case: Case | None, now: datetime | None = None
) -> Known | None:
    """The open case about this item (or the case itself), its earliest late promise and the
    item's active notice; None when there is nothing to say."""
    if customer is None or (item is None and case is None):
        return None
    now = now or timezone.now()
    notice = None
    if item is not None:
        notice = (
            Notice.objects.filter(customer=customer, item=item, cleared_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
    if case is None or not case.is_open:
        case = (
            Case.objects.filter(customer=customer, item=item, status__in=OPEN_STATUSES)
            .order_by("-created_at")
            .first()
            if item is not None
            else None
        )
    late = None
    if case is not None:
        late = (
            Promise.objects.filter(case=case, status=PromiseStatus.OPEN, due_at__lte=now)
            .order_by("due_at")
            .first()
        )
    if case is None and notice is None:
        return None
    return Known(case=case, late_promise=late, notice=notice)


def next_promise_due(*, case: Case | None, now: datetime) -> datetime | None:
    """When the case's next open promise turns late (a cached page must not outlive it)."""
    if case is None:
        return None
    return (
        Promise.objects.filter(case=case, status=PromiseStatus.OPEN, due_at__gt=now)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )


def notice_reason_slug(*, customer: Customer | None, item: Item) -> str:
    """The contact reason of the item's active notice, to be offered first ("" if none)."""
    if customer is None:
        return ""
    kind = (
        Notice.objects.filter(customer=customer, item=item, cleared_at__isnull=True)
        .exclude(kind=NoticeKind.PROMISE_LATE)
        .order_by("-created_at")
        .values_list("kind", flat=True)
        .first()
    )
    if kind is None:
        return ""
    return reason_slugs().get(kind, "")
