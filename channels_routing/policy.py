"""Which channels to offer a customer, in what order, and why. A pure function.

No request and no ORM in here: ``selectors.routing_inputs`` gathers the facts from the
database into the small dataclasses below, ``decide`` turns them into offers. That keeps the
rules readable in one place, testable as a table, and fast (``bench/channels_bench.py``).

The rules, in plain words:
- A channel that is switched off is never offered.
- A real-time channel (phone, chat, callback now) is offered only when it is open now (business
  hours, holidays, its time zone), somebody is available to answer, the queue fits their
  capacity, and the expected wait is not longer than the rules allow.
- Send a message is always possible while it is switched on.
- Urgent (the reason is urgent, the item is due soon or late, the item is of high value, the
  customer contacted us about this before, or the customer is in a priority segment): the
  immediate channels come first. Otherwise a message and a callback at a chosen time come first,
  and a call or chat is not offered at all: nobody needs to wait on the line for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PHONE = "phone"
CALLBACK = "callback"
CHAT = "chat"
MESSAGE = "message"
REAL_TIME = (PHONE, CHAT)

DONE_STATUSES = frozenset(
    {"delivered", "completed", "done", "cancelled", "closed", "resolved", "sent", "active"}
)


@dataclass(frozen=True, slots=True)
class Rules:
    """Thresholds, edited in the admin as a ``RoutingRule``; these defaults apply without one."""

    high_value: Decimal = Decimal("1000")
    priority_segments: frozenset[str] = frozenset({"vip"})
    urgent_urgencies: frozenset[str] = frozenset({"high", "critical"})
    repeat_contacts: int = 1
    due_soon_hours: int = 24
    callback_within_minutes: int = 10
    max_wait_minutes: int = 20
    message_reply_hours: int = 24


@dataclass(frozen=True, slots=True)
class Situation:
    """What the customer needs help with."""

    now: datetime
    urgency: str | None = None
    item_kind: str | None = None
    item_value: Decimal | None = None
    item_status: str = ""
    item_due_at: datetime | None = None
    segment: str = "standard"
    earlier_contacts: int = 0
    time_zone: str = "Europe/Amsterdam"


@dataclass(frozen=True, slots=True)
class ChannelState:
    """One channel as it stands right now."""

    kind: str
    enabled: bool = True
    # {"0": [["08:00", "20:00"]], ...}: Monday is "0"; a missing or empty day is closed.
    business_hours: Mapping[str, Sequence[Sequence[str]]] = field(default_factory=dict)
    holidays: frozenset[str] = frozenset()  # ISO dates in the channel's time zone
    time_zone: str = "Europe/Amsterdam"
    agents_available: int = 0
    capacity: int = 1  # conversations one agent handles at once
    queue_length: int = 0
    expected_wait_seconds: int = 0
    next_slot_at: datetime | None = None  # the first callback slot with room, if any
    phone_number: str = ""  # the number customers call (phone channel)


@dataclass(frozen=True, slots=True)
class Offer:
    """One channel offered. The words are built only when shown (``reason``, ``wait_text``),
    so deciding stays cheap and the text comes out in the language active at display time."""

    kind: str
    wait_seconds: int | None
    scheduled: bool = False  # a callback at a chosen time rather than now
    wording: str = ""  # which sentence explains the offer; see ``reason``
    because: str = ""  # the urgency code the sentence starts from
    item_kind: str | None = None
    due_today: bool = False
    amount: int = 0  # minutes or hours, as the sentence needs

    @property
    def reason(self) -> str:
        because = _because(self.because, self.item_kind, self.due_today) if self.because else ""
        return _WORDING[self.wording]() % {"because": because, "n": self.amount}

    @property
    def wait_text(self) -> str:
        return describe_wait(self.wait_seconds)


@dataclass(frozen=True, slots=True)
class Reopening:
    """A real-time channel that is closed now (outside its hours) and when it opens again."""

    kind: str
    at: datetime
    phone_number: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    urgent: bool
    why: tuple[str, ...]  # codes: repeat, late, due_soon, urgent_reason, high_value, segment
    offers: tuple[Offer, ...]
    # Urgent, but phone or chat is outside its hours: when each opens again, to say so.
    reopens: tuple[Reopening, ...] = ()

    @property
    def kinds(self) -> list[str]:
        return [offer.kind for offer in self.offers]


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@lru_cache(maxsize=1024)
def _parse_time(text: str) -> time:
    if text in ("24:00", "24:00:00"):
        return time.max
    hours, minutes = text.split(":")[:2]
    return time(int(hours), int(minutes))


def is_open(
    *,
    now: datetime,
    business_hours: Mapping[str, Sequence[Sequence[str]]],
    holidays: frozenset[str] | Sequence[str],
    time_zone: str,
) -> bool:
    """Is ``now`` inside the business hours, in the channel's own time zone, and not a holiday?"""
    local = now.astimezone(_zone(time_zone))
    if local.date().isoformat() in holidays:
        return False
    moment = local.time().replace(tzinfo=None)
    for start, end in business_hours.get(str(local.weekday()), ()):
        if _parse_time(start) <= moment < _parse_time(end):
            return True
    return False


def next_opening(
    *,
    now: datetime,
    business_hours: Mapping[str, Sequence[Sequence[str]]],
    holidays: frozenset[str] | Sequence[str],
    time_zone: str,
    horizon_days: int = 14,
) -> datetime | None:
    """The next moment the hours open (``now`` itself when open), within the horizon."""
    zone = _zone(time_zone)
    local = now.astimezone(zone)
    for offset in range(horizon_days + 1):
        day = local.date() + timedelta(days=offset)
        if day.isoformat() in holidays:
            continue
        periods = sorted(business_hours.get(str(day.weekday()), ()), key=lambda p: p[0])
        for start, end in periods:
            opens = datetime.combine(day, _parse_time(start), tzinfo=zone)
            closes = datetime.combine(day, _parse_time(end), tzinfo=zone)
            if opens <= local < closes:
                return now
            if opens > local:
                return opens
    return None


def _can_answer_now(state: ChannelState, rules: Rules, now: datetime) -> bool:
    if not state.enabled or state.agents_available <= 0:
        return False
    if state.queue_length >= state.agents_available * max(state.capacity, 1):
        return False
    if state.expected_wait_seconds > rules.max_wait_minutes * 60:
        return False
    return is_open(
        now=now,
        business_hours=state.business_hours,
        holidays=state.holidays,
        time_zone=state.time_zone,
    )


def _local_date(moment: datetime, time_zone: str) -> date:
    return moment.astimezone(_zone(time_zone)).date()


def urgency_reasons(situation: Situation, rules: Rules) -> tuple[str, ...]:
    """Why this contact is urgent, most telling first; empty when it is not."""
    why: list[str] = []
    if situation.earlier_contacts >= rules.repeat_contacts > 0:
        why.append("repeat")
    due = situation.item_due_at
    if due is not None and situation.item_status not in DONE_STATUSES:
        if due < situation.now:
            why.append("late")
        elif due - situation.now <= timedelta(hours=rules.due_soon_hours):
            why.append("due_soon")
    if situation.urgency in rules.urgent_urgencies:
        why.append("urgent_reason")
    if situation.item_value is not None and situation.item_value >= rules.high_value:
        why.append("high_value")
    if situation.segment in rules.priority_segments:
        why.append("segment")
    return tuple(why)


def _due_today(situation: Situation) -> bool:
    due = situation.item_due_at
    return due is not None and _local_date(due, situation.time_zone) == _local_date(
        situation.now, situation.time_zone
    )


def _because(code: str, kind: str | None, today: bool) -> str:
    """The first half of a reason: why we treat this as urgent, in the customer's terms."""
    if code == "repeat":
        return _("You have already contacted us about this")
    if code == "late":
        if kind == "order":
            return _("Your delivery is late")
        if kind == "appointment":
            return _("Your engineer visit is overdue")
        return _("This is overdue")
    if code == "due_soon":
        if kind == "order":
            return _("Your delivery is due today") if today else _("Your delivery is due soon")
        if kind == "appointment":
            return _("Your engineer visit is today") if today else _("Your engineer visit is soon")
        if kind == "quote":
            return _("Your quote expires soon")
        return _("This is due soon")
    if code == "urgent_reason":
        return _("This needs a quick answer")
    if code == "high_value":
        return _("This is about something of high value")
    return _("You are one of our priority customers")


def describe_wait(seconds: int | None) -> str:
    if seconds is None:
        return _("At the time you choose")
    if seconds < 60:
        return _("Less than a minute")
    if seconds < 3600:
        minutes = round(seconds / 60)
        return ngettext("About %(n)d minute", "About %(n)d minutes", minutes) % {"n": minutes}
    hours = round(seconds / 3600)
    return ngettext("Within %(n)d hour", "Within %(n)d hours", hours) % {"n": hours}


_WORDING = {
    "phone": lambda: _(
        "%(because)s, so you can call us now; give us your code and we will know why you "
        "are calling."
    ),
    "callback_now": lambda: _("%(because)s, so we will call you back within %(n)d minutes."),
    "chat": lambda: _("%(because)s, so you can chat with one of us right now."),
    "callback_later": lambda: _("Choose a time and we will call you."),
    "callback_instead": lambda: _(
        "%(because)s, but nobody can take your call right now: choose a time and we will call you."
    ),
    "message_also": lambda: _("Prefer to write? We reply by email within %(n)d hours."),
    "message_instead": lambda: _(
        "%(because)s. Nobody can take a call or chat right now, so write to us and your "
        "message is answered first."
    ),
    "message_calm": lambda: _(
        "This does not need an answer right away, so a message is easiest: we reply by email "
        "within %(n)d hours and nobody has to wait on the line."
    ),
    "callback_calm": lambda: _(
        "Prefer to talk? Choose a time that suits you and we will call you."
    ),
}


def decide(
    *, situation: Situation, channels: Sequence[ChannelState], rules: Rules = Rules()
) -> Decision:
    """The channels to offer, best first, each with its reason and expected wait."""
    now = situation.now
    by_kind = {state.kind: state for state in channels}
    why = urgency_reasons(situation, rules)
    urgent = bool(why)
    because = why[0] if urgent else ""
    due_today = because == "due_soon" and _due_today(situation)

    def make(
        kind: str, wait: int | None, wording: str, amount: int = 0, scheduled: bool = False
    ) -> Offer:
        return Offer(
            kind,
            wait,
            scheduled=scheduled,
            wording=wording,
            because=because,
            item_kind=situation.item_kind,
            due_today=due_today,
            amount=amount,
        )

    answerable = {
        kind: _can_answer_now(state, rules, now)
        for kind, state in by_kind.items()
        if kind in (PHONE, CHAT, CALLBACK)
    }
    message_state = by_kind.get(MESSAGE)
    callback_state = by_kind.get(CALLBACK)
    message_on = message_state is not None and message_state.enabled
    slot_at = callback_state.next_slot_at if callback_state and callback_state.enabled else None
    reply_seconds = rules.message_reply_hours * 3600
    reply_hours = rules.message_reply_hours

    offers: list[Offer] = []
    if urgent:
        if answerable.get(PHONE):
            wait = by_kind[PHONE].expected_wait_seconds
            offers.append(make(PHONE, wait, "phone"))
        if answerable.get(CALLBACK):
            wait = max(by_kind[CALLBACK].expected_wait_seconds, 60)
            minutes = max(rules.callback_within_minutes, round(wait / 60))
            offers.append(make(CALLBACK, minutes * 60, "callback_now", amount=minutes))
        if answerable.get(CHAT):
            wait = by_kind[CHAT].expected_wait_seconds
            offers.append(make(CHAT, wait, "chat"))
        immediate = bool(offers)
        if not answerable.get(CALLBACK) and slot_at is not None:
            wording = "callback_later" if immediate else "callback_instead"
            offers.append(make(CALLBACK, None, wording, scheduled=True))
        if message_on:
            wording = "message_also" if offers else "message_instead"
            offers.append(make(MESSAGE, reply_seconds, wording, amount=reply_hours))
    else:
        if message_on:
            offers.append(make(MESSAGE, reply_seconds, "message_calm", amount=reply_hours))
        if slot_at is not None:
            offers.append(make(CALLBACK, None, "callback_calm", scheduled=True))
    reopens: list[Reopening] = []
    offered = {offer.kind for offer in offers}
    for kind in REAL_TIME if urgent else ():
        state = by_kind.get(kind)
        if state is None or not state.enabled or kind in offered:
            continue
        hours, holidays, zone = state.business_hours, state.holidays, state.time_zone
        if is_open(now=now, business_hours=hours, holidays=holidays, time_zone=zone):
            continue  # open but busy: no reopening time to give
        at = next_opening(now=now, business_hours=hours, holidays=holidays, time_zone=zone)
        if at is not None:
            reopens.append(Reopening(kind, at, state.phone_number if kind == PHONE else ""))
    return Decision(urgent=urgent, why=why, offers=tuple(offers), reopens=tuple(reopens))
