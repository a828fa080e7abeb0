"""The rules behind the measures, as pure functions.

The reporting queries compute the same rules in the database; the tests check both against
hand-made data. Keep the wording on the report pages (``reporting.selectors``) in step.
"""

from datetime import datetime, timedelta


def rate(part: int | None, whole: int | None) -> float | None:
    """A percentage with one decimal, or None when there is nothing to divide by."""
    if not whole:
        return None
    return round(100 * (part or 0) / whole, 1)


def mean(total: float | None, count: int | None) -> float | None:
    if not count or total is None:
        return None
    return round(total / count, 2)


def sla_outcome(*, due: datetime | None, done: datetime | None, now: datetime) -> str:
    """'met', 'missed', or 'pending' (not done and not yet due) or 'none' (no target)."""
    if due is None:
        return "none"
    if done is not None:
        return "met" if done <= due else "missed"
    return "missed" if now > due else "pending"


def promise_outcome(
    *, status: str, due: datetime, completed: datetime | None, now: datetime
) -> str:
    """'on_time', 'late', 'open_overdue', 'pending' (open, not yet due) or 'cancelled'."""
    if status == "cancelled":
        return "cancelled"
    if status == "kept" and completed is not None:
        return "on_time" if completed <= due else "late"
    return "open_overdue" if now > due else "pending"


RESOLUTION_BUCKETS: list[tuple[str, timedelta | None]] = [
    ("under_4h", timedelta(hours=4)),
    ("4h_to_1d", timedelta(days=1)),
    ("1d_to_3d", timedelta(days=3)),
    ("3d_to_7d", timedelta(days=7)),
    ("over_7d", None),
]


def resolution_bucket(duration: timedelta) -> str:
    for key, upper in RESOLUTION_BUCKETS:
        if upper is None or duration < upper:
            return key
    return RESOLUTION_BUCKETS[-1][0]


# --- Proactive notices ---------------------------------------------------------------------

# Contacts about a late item count from its due time for this many days.
CONTACT_WINDOW_DAYS = 14


def per_hundred(part: int, whole: int) -> float | None:
    """Contacts per 100 late items, one decimal; None without late items."""
    return rate(part, whole)


def contacts_avoided(
    with_items: int, with_contacts: int, without_items: int, without_contacts: int
) -> int | None:
    """How many contacts the notices saved: the difference in contacts per late item between
    items without and with a notice, times the items with one. None without both groups."""
    if not with_items or not without_items:
        return None
    saved = (without_contacts / without_items - with_contacts / with_items) * with_items
    return max(0, round(saved))


def time_to(opened: datetime, reached: datetime | None) -> timedelta | None:
    """Time from a case being opened to a first event: its first agent assignment (the first
    time it had an owner, by push, Next case, take over or by hand) or its first reply (the
    first public reply, or a call or chat an agent answered). None while it has not happened;
    counted only for cases opened in the range, so every case is measured once."""
    if reached is None:
        return None
    return max(reached - opened, timedelta(0))


def average_hours(durations: list[timedelta | None]) -> float | None:
    """The average of the durations that happened, in hours with one decimal."""
    happened = [d.total_seconds() for d in durations if d is not None]
    if not happened:
        return None
    return round(sum(happened) / len(happened) / 3600, 1)
