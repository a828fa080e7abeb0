from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mystuff.display import due_note, item_facts, order_lines, status_badge

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.mark.parametrize(
    ("status", "label", "tone"),
    [
        ("delivered", "Delivered", "ok"),
        ("late", "Running late", "late"),
        ("out_for_delivery", "Out for delivery today", "waiting"),
        ("booked", "Booked", "waiting"),
        ("awaiting_parts", "Awaiting parts", "neutral"),
    ],
)
def test_status_badges(status, label, tone):
    badge = status_badge(status)
    assert (str(badge.label), badge.tone) == (label, tone)


def test_no_status_no_badge():
    assert status_badge("") is None


@pytest.mark.parametrize(
    ("kind", "status", "due", "expected"),
    [
        ("order", "shipped", NOW + timedelta(hours=4), "Expected today"),
        ("order", "shipped", NOW + timedelta(days=1), "Expected tomorrow"),
        ("order", "late", NOW - timedelta(days=1), "Was expected yesterday"),
        ("order", "late", NOW - timedelta(days=3), "Was expected 3 days ago"),
        ("order", "delivered", NOW - timedelta(days=3), None),
        ("quote", "open", NOW + timedelta(days=2), "Quote expires in 2 days"),
        ("quote", "open", NOW + timedelta(hours=2), "Quote expires today"),
        ("quote", "open", NOW - timedelta(days=1), "Quote has expired"),
        ("quote", "accepted", NOW + timedelta(days=2), None),
        ("appointment", "booked", NOW + timedelta(days=1), "Visit tomorrow"),
        ("appointment", "completed", NOW + timedelta(days=1), None),
        ("subscription", "active", NOW + timedelta(days=10), "Renews in 10 days"),
        ("subscription", "active", NOW + timedelta(days=90), None),
        ("marketing", "sent", NOW, None),
        ("order", "shipped", None, None),
    ],
)
def test_due_notes(kind, status, due, expected):
    assert due_note(kind=kind, status=status, due_at=due, now=NOW) == expected


def test_order_lines_total_each_line():
    lines = order_lines({"lines": [{"name": "Oven", "quantity": 2, "unit_price": "10.50"}, "junk"]})
    assert [(line.name, str(line.total)) for line in lines] == [("Oven", "21.00")]


def test_a_visit_shows_its_window():
    facts = item_facts(
        kind="appointment", due_at=NOW, details={"window_hours": 4, "engineer": "Ruud"}
    )
    window = facts[0]
    assert window.type == "window"
    assert window.value == (NOW, NOW + timedelta(hours=4))
    assert [str(f.label) for f in facts] == ["Visit window", "Engineer"]


def test_a_delivered_order_shows_when_not_the_expected_date():
    facts = item_facts(
        kind="order", due_at=NOW, details={"delivered_at": "2026-11-20T10:00:00+00:00"}
    )
    assert [str(f.label) for f in facts] == ["Delivered"]
