"""How an item's status and next date read to a customer. Pure functions: no request, no ORM.

Back-office systems send free-text statuses ("out_for_delivery", "booked", "expired"); the
customer sees a short translated label and a tone (``ok``, ``waiting``, ``late``, ``neutral``)
that the stylesheet turns into a badge colour. Unknown statuses still read well: humanised,
neutral.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mystuff.models import ItemKind


@dataclass(frozen=True)
class Badge:
    label: str | Promise
    tone: str  # ok | waiting | late | neutral


STATUS_BADGES: dict[str, Badge] = {
    # orders
    "placed": Badge(_("Order placed"), "waiting"),
    "processing": Badge(_("Being prepared"), "waiting"),
    "shipped": Badge(_("On its way"), "waiting"),
    "out_for_delivery": Badge(_("Out for delivery today"), "waiting"),
    "delivered": Badge(_("Delivered"), "ok"),
    "late": Badge(_("Running late"), "late"),
    "returned": Badge(_("Returned"), "neutral"),
    "refunded": Badge(_("Refunded"), "neutral"),
    # quotes
    "open": Badge(_("Open"), "waiting"),
    "accepted": Badge(_("Accepted"), "ok"),
    "declined": Badge(_("Declined"), "neutral"),
    "expired": Badge(_("Expired"), "neutral"),
    # enquiries and interactions
    "answered": Badge(_("Answered"), "ok"),
    "resolved": Badge(_("Resolved"), "ok"),
    "closed": Badge(_("Closed"), "neutral"),
    # subscriptions
    "active": Badge(_("Active"), "ok"),
    "paused": Badge(_("Paused"), "waiting"),
    "ended": Badge(_("Ended"), "neutral"),
    # appointments
    "booked": Badge(_("Booked"), "waiting"),
    "rescheduled": Badge(_("Rescheduled"), "waiting"),
    "completed": Badge(_("Completed"), "ok"),
    "missed": Badge(_("Missed"), "late"),
    # marketing
    "sent": Badge(_("Sent"), "neutral"),
    "opened": Badge(_("Opened"), "neutral"),
    # any kind
    "cancelled": Badge(_("Cancelled"), "neutral"),
    "failed": Badge(_("Failed"), "late"),
}


def status_badge(status: str) -> Badge | None:
    if not status:
        return None
    known = STATUS_BADGES.get(status)
    if known is not None:
        return known
    return Badge(status.replace("_", " ").capitalize(), "neutral")


def _days_between(now: datetime, moment: datetime) -> int:
    """Whole calendar days from ``now`` to ``moment`` in ``now``'s time zone."""
    return (moment.astimezone(now.tzinfo).date() - now.date()).days


def due_note(*, kind: str, status: str, due_at: datetime | None, now: datetime) -> str | None:
    """The one line that matters next: "Expected today", "Quote expires in 2 days", ...

    ``now`` must be in the customer's time zone so "today" and "tomorrow" mean theirs.
    """
    if due_at is None:
        return None
    days = _days_between(now, due_at)
    if kind == ItemKind.ORDER:
        if status in ("delivered", "cancelled", "returned", "refunded"):
            return None
        if due_at < now:
            return str(_("Was expected %(when)s") % {"when": _relative_day(days)})
        return str(_("Expected %(when)s") % {"when": _relative_day(days)})
    if kind == ItemKind.QUOTE:
        if status in ("accepted", "declined", "expired"):
            return None  # the badge says it
        if due_at < now:
            return str(_("Quote has expired"))
        if days <= 0:
            return str(_("Quote expires today"))
        return ngettext("Quote expires in %(days)d day", "Quote expires in %(days)d days", days) % {
            "days": days
        }
    if kind == ItemKind.APPOINTMENT:
        if status in ("completed", "cancelled", "missed") or due_at < now - timedelta(hours=12):
            return None
        return str(_("Visit %(when)s") % {"when": _relative_day(days)})
    if kind == ItemKind.SUBSCRIPTION:
        if status in ("cancelled", "ended") or due_at < now:
            return None
        if days <= 30:
            return ngettext("Renews in %(days)d day", "Renews in %(days)d days", days) % {
                "days": days
            }
    return None


def due_notes_change_at(due_dates: list[datetime | None], now: datetime) -> datetime:
    """The first moment any ``due_note`` of these dates may read differently than at ``now``.

    Notes count calendar days in ``now``'s time zone and turn when a date passes (a visit's
    note goes 12 hours after it), so: the next midnight, or one of those moments if sooner.
    """
    tomorrow = now.date() + timedelta(days=1)
    moments = [datetime.combine(tomorrow, datetime.min.time(), tzinfo=now.tzinfo)]
    for due_at in due_dates:
        if due_at is not None:
            moments += [m for m in (due_at, due_at + timedelta(hours=12)) if m > now]
    return min(moments)


def _relative_day(days: int) -> str:
    if days == 0:
        return str(_("today"))
    if days == 1:
        return str(_("tomorrow"))
    if days == -1:
        return str(_("yesterday"))
    if days > 0:
        return ngettext("in %(days)d day", "in %(days)d days", days) % {"days": days}
    return ngettext("%(days)d day ago", "%(days)d days ago", -days) % {"days": -days}


# --- The facts an item page shows, per kind.


@dataclass(frozen=True)
class Fact:
    label: str | Promise
    value: object
    type: str = "text"  # text | datetime | date | money | window


@dataclass(frozen=True)
class Line:
    sku: str
    name: str
    quantity: int
    unit_price: Decimal | None
    total: Decimal | None


def _moment(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        try:
            return parse_datetime(value)
        except ValueError:
            return None
    return None


def order_lines(details: dict) -> list[Line]:
    lines = []
    for raw in details.get("lines") or []:
        if not isinstance(raw, dict):
            continue
        try:
            price = Decimal(str(raw["unit_price"])) if raw.get("unit_price") is not None else None
        except InvalidOperation:
            price = None
        quantity = int(raw.get("quantity") or 1)
        lines.append(
            Line(
                sku=str(raw.get("sku", "")),
                name=str(raw.get("name", "")),
                quantity=quantity,
                unit_price=price,
                total=price * quantity if price is not None else None,
            )
        )
    return lines


def item_facts(*, kind: str, due_at: datetime | None, details: dict) -> list[Fact]:
    """What to show about an item beyond its title, status and value, in reading order."""
    facts: list[Fact] = []

    def add(label: str | Promise, value: object, type_: str = "text") -> None:
        if value not in (None, ""):
            facts.append(Fact(label, value, type_))

    if kind == ItemKind.ORDER:
        delivered = _moment(details.get("delivered_at"))
        if delivered:
            add(_("Delivered"), delivered, "datetime")
        else:
            add(_("Expected delivery"), due_at, "datetime")
        add(_("Carrier"), details.get("carrier"))
        add(_("Tracking number"), details.get("tracking"))
        add(_("Delivery address"), details.get("delivery_address"))
    elif kind == ItemKind.QUOTE:
        add(_("Valid until"), _moment(details.get("valid_until")) or due_at, "datetime")
    elif kind == ItemKind.APPOINTMENT:
        if due_at is not None:
            hours = details.get("window_hours")
            end = due_at + timedelta(hours=int(hours)) if hours else None
            add(_("Visit window"), (due_at, end), "window")
        add(_("Engineer"), details.get("engineer"))
        add(_("Address"), details.get("address"))
    elif kind == ItemKind.SUBSCRIPTION:
        periods = {"monthly": _("Monthly"), "quarterly": _("Quarterly"), "yearly": _("Yearly")}
        add(_("Billed"), periods.get(details.get("period", ""), details.get("period")))
        add(_("Renews on"), _moment(details.get("renews_at")) or due_at, "date")
        add(_("Ends on"), _moment(details.get("ends_at")), "date")
        add(_("Contract"), details.get("contract"))
    elif kind == ItemKind.MARKETING:
        add(_("Campaign"), details.get("campaign"))
        add(_("Sent by"), details.get("channel"))
        add(_("Opened"), _moment(details.get("opened_at")), "datetime")
    elif kind == ItemKind.ENQUIRY:
        add(_("Subject"), details.get("subject"))
        add(_("Your question"), details.get("message"))
        add(_("Answered"), _moment(details.get("answered_at")), "datetime")
    elif kind == ItemKind.INTERACTION:
        add(_("Channel"), details.get("channel"))
        add(_("Spoke with"), details.get("agent"))
        add(_("Summary"), details.get("summary"))
    if kind != ItemKind.ORDER:
        add(_("Notes"), details.get("notes"))
    return facts


# Labels for the detail keys back-office systems send, where the key alone reads badly.
DETAIL_LABELS: dict[str, str | Promise] = {
    "delivered_at": _("Delivered"),
    "carrier": _("Carrier"),
    "tracking": _("Tracking number"),
    "delivery_address": _("Delivery address"),
    "valid_until": _("Valid until"),
    "engineer": _("Engineer"),
    "window_hours": _("Visit window (hours)"),
    "address": _("Address"),
    "period": _("Billed"),
    "renews_at": _("Renews on"),
    "ends_at": _("Ends on"),
    "contract": _("Contract"),
    "campaign": _("Campaign"),
    "channel": _("Channel"),
    "opened_at": _("Opened"),
    "subject": _("Subject"),
    "answered_at": _("Answered"),
    "agent": _("Spoke with"),
    "summary": _("Summary"),
    "notes": _("Notes"),
}


def detail_label(key: str) -> str | Promise:
    """A detail's name for people: known keys translated, others humanised."""
    known = DETAIL_LABELS.get(key)
    if known is not None:
        return known
    words = key.removesuffix("_at").replace("_", " ").strip()
    return words.capitalize() if words else key


def detail_value(value: object) -> tuple[object, str]:
    """(value, type) for one detail: ISO timestamps become datetimes, lists read as a list."""
    moment = _moment(value)
    if moment is not None:
        return moment, "datetime"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value), "text"
    if isinstance(value, dict):
        return ", ".join(f"{detail_label(str(k))}: {v}" for k, v in value.items()), "text"
    return value, "text"
