"""Decisions about cases as pure functions: no request, no ORM, only values in and values out.

The status state machine, SLA due times over business hours, first-contact resolution, what a
promise job must do now, and whether an uploaded file is acceptable. Each has table-driven tests
in tests/cases/test_rules.py; reporting uses the same FCR definition.
"""

import mimetypes
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from cases.models import CaseStatus, Priority, PromiseStatus

# --- Status state machine -------------------------------------------------------------------

_WORKING = {CaseStatus.OPEN, CaseStatus.WAITING_CUSTOMER, CaseStatus.WAITING_US}

TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.NEW: frozenset(_WORKING | {CaseStatus.RESOLVED}),
    CaseStatus.OPEN: frozenset(
        {CaseStatus.WAITING_CUSTOMER, CaseStatus.WAITING_US} | {CaseStatus.RESOLVED}
    ),
    CaseStatus.WAITING_CUSTOMER: frozenset(
        {CaseStatus.OPEN, CaseStatus.WAITING_US} | {CaseStatus.RESOLVED}
    ),
    CaseStatus.WAITING_US: frozenset(
        {CaseStatus.OPEN, CaseStatus.WAITING_CUSTOMER} | {CaseStatus.RESOLVED}
    ),
    # Reopening goes back to open; closing is final.
    CaseStatus.RESOLVED: frozenset({CaseStatus.OPEN, CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(),
}
# Only a merge closes a case that was never resolved: the duplicate lives on in the other case.
MERGE_CLOSABLE = frozenset({CaseStatus.NEW} | _WORKING)


def is_reopen(current: str, target: str) -> bool:
    return current == CaseStatus.RESOLVED and target in _WORKING


def transition_error(
    *,
    current: str,
    target: str,
    summary: str,
    resolved_at: datetime | None,
    now: datetime,
    reopen_days: int,
    merging: bool = False,
) -> str | None:
    """Why the case may not move from ``current`` to ``target``; None when it may."""
    if target not in CaseStatus.values:
        return str(_("That is not a status a case can have."))
    if current == target:
        return str(_("The case already has that status."))
    if merging:
        return None if current in MERGE_CLOSABLE else str(_("Only an open case can be merged."))
    if target not in TRANSITIONS.get(current, frozenset()):
        return _("A case cannot go from %(current)s to %(target)s.") % {
            "current": CaseStatus(current).label,
            "target": CaseStatus(target).label,
        }
    if target == CaseStatus.RESOLVED and not summary.strip():
        return str(_("Write a contact summary for the customer before resolving the case."))
    too_late = not can_reopen(resolved_at=resolved_at, now=now, reopen_days=reopen_days)
    if is_reopen(current, target) and too_late:
        return _("This case was resolved more than %(days)d days ago; open a new case instead.") % {
            "days": reopen_days
        }
    return None


def can_reopen(*, resolved_at: datetime | None, now: datetime, reopen_days: int) -> bool:
    return resolved_at is not None and now - resolved_at <= timedelta(days=reopen_days)


def allowed_targets(current: str) -> list[str]:
    return [s for s in CaseStatus.values if s in TRANSITIONS.get(current, frozenset())]


# --- SLA over business hours ----------------------------------------------------------------

BusinessHours = Mapping[str, Sequence[Sequence[str]]]

# Monday is "0", the format channels use. The contact centre's default week.
DEFAULT_BUSINESS_HOURS: dict[str, list[list[str]]] = {
    **{str(day): [["08:00", "20:00"]] for day in range(5)},
    "5": [["09:00", "17:00"]],
    "6": [],
}
DEFAULT_TIMEZONE = "Europe/Amsterdam"
# priority -> (first response, resolution), in business hours.
DEFAULT_SLA_HOURS: dict[str, tuple[Decimal, Decimal]] = {
    Priority.CRITICAL: (Decimal(1), Decimal(8)),
    Priority.HIGH: (Decimal(4), Decimal(24)),
    Priority.NORMAL: (Decimal(8), Decimal(40)),
    Priority.LOW: (Decimal(16), Decimal(80)),
}
_MAX_DAYS_SEARCHED = 800


def _parse_clock(value: str) -> tuple[int, int]:
    hours, _sep, minutes = value.partition(":")
    return int(hours), int(minutes or 0)


def _local(day: date, clock: str, zone: ZoneInfo) -> datetime:
    hours, minutes = _parse_clock(clock)
    if hours >= 24:  # "24:00" is the midnight that ends the day
        return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=zone)
    return datetime.combine(day, time(hours, minutes), tzinfo=zone)


def add_business_hours(
    start: datetime,
    hours: Decimal | float | int,
    *,
    business_hours: BusinessHours,
    timezone: str,
    holidays: Iterable[str] = (),
) -> datetime:
    """The moment ``hours`` of business time after ``start``, in UTC.

    Time outside the opening windows (evenings, closed days, ``holidays`` as ISO dates) does
    not count. Arithmetic is done in UTC so a daylight-saving change inside a window is exact.
    With no opening hours at all the clock simply runs around the clock.
    """
    remaining = timedelta(hours=float(hours))
    start = start.astimezone(UTC)
    if not any(business_hours.get(str(d)) for d in range(7)):
        return start + remaining
    zone = ZoneInfo(timezone)
    closed_days = set(holidays)
    day = start.astimezone(zone).date()
    for _i in range(_MAX_DAYS_SEARCHED):
        if day.isoformat() not in closed_days:
            for opens, closes in business_hours.get(str(day.weekday()), []):
                window_start = max(_local(day, opens, zone).astimezone(UTC), start)
                window_end = _local(day, closes, zone).astimezone(UTC)
                if window_end <= window_start:
                    continue
                available = window_end - window_start
                if remaining <= available:
                    return window_start + remaining
                remaining -= available
        day += timedelta(days=1)
    return start + remaining  # a calendar with (almost) no opening hours: give up politely


@dataclass(frozen=True)
class SlaTargets:
    first_response_due: datetime
    resolution_due: datetime


def sla_targets(
    opened_at: datetime,
    *,
    first_response_hours: Decimal | float,
    resolution_hours: Decimal | float,
    business_hours: BusinessHours,
    timezone: str,
    holidays: Iterable[str] = (),
) -> SlaTargets:
    holidays = list(holidays)
    return SlaTargets(
        first_response_due=add_business_hours(
            opened_at,
            first_response_hours,
            business_hours=business_hours,
            timezone=timezone,
            holidays=holidays,
        ),
        resolution_due=add_business_hours(
            opened_at,
            resolution_hours,
            business_hours=business_hours,
            timezone=timezone,
            holidays=holidays,
        ),
    )


# What each state reads as for an agent ("none": no target, nothing to say).
SLA_STATE_LABELS = {
    "met": _("done in time"),
    "missed": _("done late"),
    "breached": _("overdue"),
    "running": _("not yet due"),
}


def sla_state(*, due: datetime | None, done_at: datetime | None, now: datetime) -> str:
    """'met', 'missed' (done late), 'breached' (not done, past due), 'running' or 'none'."""
    if due is None:
        return "none"
    if done_at is not None:
        return "met" if done_at <= due else "missed"
    return "breached" if now > due else "running"


# --- First-contact resolution ---------------------------------------------------------------

# The statuses that count as resolved; the definition itself is SQL, cases.selectors.fcr_annotate.
RESOLVED_STATUSES = frozenset({CaseStatus.RESOLVED, CaseStatus.CLOSED})


# --- Promise jobs ---------------------------------------------------------------------------

PROMISE_REMIND_BEFORE = timedelta(hours=4)


@dataclass(frozen=True)
class PromiseClock:
    status: str
    due_at: datetime
    reminded_at: datetime | None = None
    overdue_at: datetime | None = None
    escalated_at: datetime | None = None
    customer_told_late_at: datetime | None = None


def promise_jobs_due(promise: PromiseClock, *, now: datetime) -> list[str]:
    """What the promise jobs must still do for this promise now, in order.

    'remind' the owner shortly before due; once late: 'mark_overdue', 'escalate' to the team
    lead and 'tell_customer'. Each happens once: the matching ``*_at`` is set when done.
    """
    if promise.status != PromiseStatus.OPEN:
        return []
    jobs: list[str] = []
    if now < promise.due_at:
        if promise.reminded_at is None and promise.due_at - now <= PROMISE_REMIND_BEFORE:
            jobs.append("remind")
        return jobs
    if promise.overdue_at is None:
        jobs.append("mark_overdue")
    if promise.escalated_at is None:
        jobs.append("escalate")
    if promise.customer_told_late_at is None:
        jobs.append("tell_customer")
    return jobs


# --- Attachments ----------------------------------------------------------------------------

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"%PDF-", "application/pdf"),
]
_TEXT_CONTROL_OK = {9, 10, 12, 13}


def sniff_content_type(head: bytes) -> str | None:
    """The type the first bytes of a file say it is (not what its name claims)."""
    for magic, content_type in _MAGIC:
        if head.startswith(magic):
            return content_type
    if not head:
        return None
    try:
        # The head may end inside a multi-byte character; ignore only that cut.
        text = head.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:
            return None
        text = head[: exc.start].decode("utf-8")
    if any(ord(ch) < 32 and ord(ch) not in _TEXT_CONTROL_OK for ch in text):
        return None
    return "text/plain"


def attachment_error(
    *,
    name: str,
    size: int,
    head: bytes,
    allowed_types: Sequence[str],
    max_bytes: int,
) -> str | None:
    """Why this upload is refused, in words for the customer; None when it is fine."""
    if size > max_bytes:
        return _("This file is too large: the limit is %(limit)s MB.") % {
            "limit": round(max_bytes / (1024 * 1024), 1)
        }
    if size == 0:
        return str(_("This file is empty."))
    named_type, _encoding = mimetypes.guess_type(name)
    actual = sniff_content_type(head)
    if named_type not in allowed_types or actual != named_type:
        return str(_("We accept photos (PNG or JPEG), PDF and plain text files only."))
    return None


# A promise's suggested due time: two days ahead, on a weekday, in office hours.
PROMISE_DAYS_AHEAD = 2
PROMISE_EARLIEST = time(9, 0)
PROMISE_LATEST = time(17, 0)


def default_promise_due(now: datetime) -> datetime:
    """Two days after ``now`` (a local, aware time) on the next full hour, moved into 09:00-17:00
    and off the weekend, so the form never suggests 03:00 on a Sunday."""
    due = (now + timedelta(days=PROMISE_DAYS_AHEAD, hours=1)).replace(
        minute=0, second=0, microsecond=0
    )
    if due.time() < PROMISE_EARLIEST:
        due = due.replace(hour=PROMISE_EARLIEST.hour)
    elif due.time() > PROMISE_LATEST:
        due = (due + timedelta(days=1)).replace(hour=PROMISE_EARLIEST.hour)
    while due.weekday() >= 5:
        due += timedelta(days=1)
    return due
