"""When an item or a promise has a problem worth telling the customer about. Pure functions: no
request, no ORM; ``notices.services`` feeds them rows and acts on the answers.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _

from mystuff.models import NOTICE_UNWATCHED_STATUSES, ItemKind
from notices.models import NoticeChoice, NoticeKind

# Statuses after which an item's due date no longer matters (per kind).
SETTLED: dict[str, frozenset[str]] = {
    ItemKind.ORDER: frozenset({"delivered", "cancelled", "returned", "refunded"}),
    ItemKind.APPOINTMENT: frozenset({"completed", "cancelled"}),
    ItemKind.QUOTE: frozenset({"accepted", "declined", "expired", "cancelled"}),
    ItemKind.SUBSCRIPTION: frozenset({"cancelled", "ended"}),
}
# What the detection index leaves out: an item in one of these is never late (a visit the back
# office marked "missed" arrives through ingestion, which checks it there).
UNWATCHED_STATUSES = NOTICE_UNWATCHED_STATUSES
assert set(UNWATCHED_STATUSES) == set().union(*SETTLED.values()) | {"missed"}
WATCHED_KINDS = list(SETTLED)

# The rule each kind of item is scanned for as the clock moves.
SCANNED: dict[str, str] = {
    NoticeKind.ORDER_LATE: ItemKind.ORDER,
    NoticeKind.VISIT_MISSED: ItemKind.APPOINTMENT,
    NoticeKind.QUOTE_EXPIRING: ItemKind.QUOTE,
    NoticeKind.SUBSCRIPTION_RENEWING: ItemKind.SUBSCRIPTION,
}

# Defaults of each rule (hours after the due time; negative is before it) and of its reason.
DEFAULT_OFFSET_HOURS: dict[str, int] = {
    NoticeKind.ORDER_LATE: 2,
    NoticeKind.VISIT_MOVED: 0,
    NoticeKind.VISIT_MISSED: 2,
    NoticeKind.QUOTE_EXPIRING: -48,
    NoticeKind.SUBSCRIPTION_RENEWING: -7 * 24,
    NoticeKind.PROMISE_LATE: 0,
}
DEFAULT_REASONS: dict[str, str] = {
    NoticeKind.ORDER_LATE: "where-is-my-order",
    NoticeKind.VISIT_MOVED: "visit-time",
    NoticeKind.VISIT_MISSED: "visit-time",
    NoticeKind.QUOTE_EXPIRING: "quote-question",
    NoticeKind.SUBSCRIPTION_RENEWING: "renewal",
}
DEFAULT_TEAMS: dict[str, str] = {
    NoticeKind.ORDER_LATE: "deliveries",
    NoticeKind.VISIT_MOVED: "field-engineers",
    NoticeKind.VISIT_MISSED: "field-engineers",
    NoticeKind.QUOTE_EXPIRING: "customer-service",
    NoticeKind.SUBSCRIPTION_RENEWING: "accounts",
    NoticeKind.PROMISE_LATE: "customer-service",
}


def settled(kind: str, status: str) -> bool:
    return status in SETTLED.get(kind, frozenset())


def item_problem(
    *, kind: str, status: str, due_at: datetime | None, now: datetime, offset: timedelta
) -> str | None:
    """The problem (a ``NoticeKind`` scanned with the clock) this item has now, if any."""
    if kind == ItemKind.APPOINTMENT and status == "missed":
        return NoticeKind.VISIT_MISSED
    if kind == ItemKind.ORDER and status == "late" and due_at is None:
        return NoticeKind.ORDER_LATE
    if due_at is None or kind not in SETTLED or settled(kind, status):
        return None
    if due_at > now - offset:  # not yet (written so a date at the calendar's edge cannot overflow)
        return None
    if kind == ItemKind.ORDER:
        return NoticeKind.ORDER_LATE
    if kind == ItemKind.APPOINTMENT:
        return NoticeKind.VISIT_MISSED
    if due_at <= now:  # a quote that expired or a subscription that renewed: too late to warn
        return None
    return NoticeKind.QUOTE_EXPIRING if kind == ItemKind.QUOTE else NoticeKind.SUBSCRIPTION_RENEWING


def visit_moved(
    *,
    kind: str,
    status: str,
    due_at: datetime | None,
    previous_status: str | None,
    previous_due_at: datetime | None,
    now: datetime,
) -> bool:
    """An update moved a booked visit that has not happened yet (new time or 'rescheduled')."""
    if kind != ItemKind.APPOINTMENT or previous_status is None or settled(kind, status):
        return False
    if status in ("missed", "completed") or (due_at is not None and due_at < now):
        return False
    rescheduled = status == "rescheduled" and previous_status != "rescheduled"
    moved = previous_due_at is not None and due_at is not None and due_at != previous_due_at
    return rescheduled or moved


def still_applies(
    *,
    notice: str,
    kind: str,
    status: str,
    due_at: datetime | None,
    now: datetime,
    offset: timedelta,
) -> bool:
    """Whether an active notice still describes the item; False means it recovered."""
    if settled(kind, status):
        return False
    if notice == NoticeKind.ORDER_LATE:
        # Late stays late until it arrives (a new expected date is shown on the notice).
        return True
    if notice == NoticeKind.VISIT_MOVED:
        return status != "missed" and (due_at is None or due_at > now - timedelta(hours=12))
    if notice == NoticeKind.VISIT_MISSED:
        return status == "missed" or (due_at is not None and due_at <= now - offset)
    return item_problem(kind=kind, status=status, due_at=due_at, now=now, offset=offset) == notice


@dataclass(frozen=True)
class Wording:
    what: LazyText
    doing: LazyText
    sorry: LazyText


WORDING: dict[str, Wording] = {
    NoticeKind.ORDER_LATE: Wording(
        _("Your order %(reference)s is running late: it was expected %(due)s."),
        _("Our deliveries team is finding out why and will book the first slot they can."),
        _("We are sorry: we know you were counting on it."),
    ),
    NoticeKind.VISIT_MOVED: Wording(
        _("The engineer visit %(reference)s has been moved."),
        _("The engineer will come at the new time below."),
        _("We are sorry for changing your plans."),
    ),
    NoticeKind.VISIT_MISSED: Wording(
        _("The engineer visit %(reference)s, due %(due)s, did not happen."),
        _("Our field team is finding the first free slot for you."),
        _("We are sorry you waited for nothing."),
    ),
    NoticeKind.QUOTE_EXPIRING: Wording(
        _("Your quote %(reference)s expires %(due)s."),
        _("If you need more time, we can keep the price for you."),
        _("We wanted you to know in time."),
    ),
    NoticeKind.SUBSCRIPTION_RENEWING: Wording(
        _("Your subscription %(reference)s renews %(due)s."),
        _("Nothing to do if you want to keep it; you can stop it here."),
        _("We wanted you to know in time."),
    ),
    NoticeKind.PROMISE_LATE: Wording(
        _("We promised: %(promise)s, by %(due)s. We are late."),
        _("The team is on it and we will update you on your case."),
        _("We are sorry we did not keep our word."),
    ),
}

# The one-click ways out of each problem, in the order shown; "talk" is always last.
CHOICES: dict[str, list[str]] = {
    NoticeKind.ORDER_LATE: [NoticeChoice.WAIT, NoticeChoice.REBOOK, NoticeChoice.CANCEL],
    NoticeKind.VISIT_MOVED: [NoticeChoice.WAIT, NoticeChoice.REBOOK],
    NoticeKind.VISIT_MISSED: [NoticeChoice.REBOOK],
    NoticeKind.QUOTE_EXPIRING: [NoticeChoice.EXTEND],
    NoticeKind.SUBSCRIPTION_RENEWING: [NoticeChoice.STOP],
    NoticeKind.PROMISE_LATE: [NoticeChoice.WAIT],
}

# What we promise to do once the customer chose (the promise on the case, in their language).
PROMISES: dict[str, LazyText] = {
    NoticeChoice.WAIT: _(
        "We keep you posted until it is done, and tell you at once if the date changes"
    ),
    NoticeChoice.REBOOK: _("We call you to choose another day"),
    NoticeChoice.CANCEL: _("We cancel it and refund you in full"),
    NoticeChoice.EXTEND: _("We keep the quoted price for you for another 14 days"),
    NoticeChoice.STOP: _("We stop the renewal and confirm it to you"),
}


def choices_for(notice: str) -> list[str]:
    return CHOICES.get(notice, [])


def choice_label(notice: str, choice: str) -> str:
    """A choice's button text; rebooking says what is being rebooked."""
    if choice == NoticeChoice.REBOOK:
        if notice == NoticeKind.ORDER_LATE:
            return str(_("Choose another delivery day"))
        return str(_("Choose another visit day"))
    return str(NoticeChoice(choice).label)


def timeline_params(stored: dict[str, Any]) -> dict[str, Any]:
    """A notice's timeline entry in the reader's words: the problem and the way out chosen by
    their names (the entry stores their keys), "-" for a notice never sent."""
    kind, choice = str(stored.get("kind", "")), str(stored.get("choice", ""))
    shown: dict[str, Any] = {}
    if kind in NoticeKind.values:
        shown["kind"] = str(NoticeKind(kind).label)
    if choice in NoticeChoice.values:
        shown["choice"] = choice_label(kind, choice)
    if "sent" in stored and not stored["sent"]:
        shown["sent"] = "-"
    return shown
