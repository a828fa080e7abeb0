"""Small pure rules the report's measures share: rates, means, resolution-time buckets and the
notices' contacts avoided. The measures themselves are computed in the database
(``reporting.selectors``), each defined once there; the tests check them against hand-made
data.
"""

from datetime import timedelta


def rate(part: int | None, whole: int | None) -> float | None:
    """A percentage with one decimal, or None when there is nothing to divide by."""
    if not whole:
        return None
    return round(100 * (part or 0) / whole, 1)


def mean(total: float | None, count: int | None) -> float | None:
    if not count or total is None:
        return None
    return round(total / count, 2)


RESOLUTION_BUCKETS: list[tuple[str, timedelta | None]] = [
    ("under_4h", timedelta(hours=4)),
    ("4h_to_1d", timedelta(days=1)),
    ("1d_to_3d", timedelta(days=3)),
    ("3d_to_7d", timedelta(days=7)),
    ("over_7d", None),
]


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
