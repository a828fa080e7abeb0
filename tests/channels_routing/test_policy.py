"""The routing policy as a table: situation + channels -> what is offered, in which order."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from channels_routing.policy import (
    ChannelState,
    Rules,
    Situation,
    decide,
    describe_wait,
    is_open,
    urgency_reasons,
)

# A Wednesday, 10:00 in Amsterdam.
NOW = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
WEEKDAYS = {str(d): [["08:00", "20:00"]] for d in range(5)} | {"5": [], "6": []}
ALWAYS = {str(d): [["00:00", "24:00"]] for d in range(7)}
SLOT = NOW + timedelta(hours=3)


def staffed(kind, **changes):
    base = ChannelState(
        kind=kind,
        business_hours=WEEKDAYS if kind != "message" else ALWAYS,
        agents_available=2,
        capacity=2,
        expected_wait_seconds=120,
        next_slot_at=SLOT,
    )
    return replace(base, **changes)


ALL_OPEN = [staffed("phone"), staffed("callback"), staffed("chat"), staffed("message")]


def situation(**changes):
    return replace(Situation(now=NOW, urgency="normal", item_kind="order"), **changes)


def with_channel(kind, **changes):
    return [staffed(s.kind, **changes) if s.kind == kind else s for s in ALL_OPEN]


@pytest.mark.parametrize(
    ("name", "situation", "channels", "expected"),
    [
        ("not urgent: slow channels only", situation(), ALL_OPEN, ["message", "callback"]),
        (
            "urgent reason: immediate first",
            situation(urgency="high"),
            ALL_OPEN,
            ["phone", "callback", "chat", "message"],
        ),
        (
            "critical reason",
            situation(urgency="critical"),
            ALL_OPEN,
            ["phone", "callback", "chat", "message"],
        ),
        (
            "high value item",
            situation(item_value=Decimal("1500")),
            ALL_OPEN,
            ["phone", "callback", "chat", "message"],
        ),
        (
            "value just under the threshold",
            situation(item_value=Decimal("999.99")),
            ALL_OPEN,
            ["message", "callback"],
        ),
        (
            "repeat contact",
            situation(earlier_contacts=1),
            ALL_OPEN,
            ["phone", "callback", "chat", "message"],
        ),
        (
            "due today",
            situation(item_due_at=NOW + timedelta(hours=4), item_status="out_for_delivery"),
            ALL_OPEN,
            ["phone", "callback", "chat", "message"],
        ),
        (
            "late",
            situation(item_due_at=NOW - timedelta(days=1), item_status="late"),
            ALL_OPEN,
            ["phone", "callback", "chat", "message"],
        ),
        (
            "delivered long ago is not late",
            situation(item_due_at=NOW - timedelta(days=30), item_status="delivered"),
            ALL_OPEN,
            ["message", "callback"],
        ),
        (
            "vip segment",
            situation(segment="vip"),
            ALL_OPEN,
            ["phone", "callback", "chat", "message"],
        ),
        (
            "premium is not priority by default",
            situation(segment="premium"),
            ALL_OPEN,
            ["message", "callback"],
        ),
        (
            "urgent, phone switched off",
            situation(urgency="high"),
            with_channel("phone", enabled=False),
            ["callback", "chat", "message"],
        ),
        (
            "urgent, nobody on chat",
            situation(urgency="high"),
            with_channel("chat", agents_available=0),
            ["phone", "callback", "message"],
        ),
        (
            "urgent, phone queue full",
            situation(urgency="high"),
            with_channel("phone", queue_length=4),
            ["callback", "chat", "message"],
        ),
        (
            "urgent, chat wait too long",
            situation(urgency="high"),
            with_channel("chat", expected_wait_seconds=3600),
            ["phone", "callback", "message"],
        ),
        (
            "urgent, callback now unstaffed falls back to a chosen time",
            situation(urgency="high"),
            with_channel("callback", agents_available=0),
            ["phone", "chat", "callback", "message"],
        ),
        (
            "urgent at night: scheduled callback and message",
            situation(urgency="high", now=NOW.replace(hour=23)),
            ALL_OPEN,
            ["callback", "message"],
        ),
        (
            "urgent on Sunday with no slots: message only",
            situation(urgency="high", now=NOW + timedelta(days=4)),
            [replace(s, next_slot_at=None) for s in ALL_OPEN],
            ["message"],
        ),
        (
            "urgent on a holiday",
            situation(urgency="high"),
            [replace(s, holidays=frozenset({"2026-11-18"})) for s in ALL_OPEN],
            ["callback", "message"],
        ),
        (
            "message switched off, not urgent",
            situation(),
            with_channel("message", enabled=False),
            ["callback"],
        ),
        (
            "nothing at all",
            situation(),
            [replace(s, enabled=False) for s in ALL_OPEN],
            [],
        ),
        (
            "not urgent, no slots: message only",
            situation(),
            [replace(s, next_slot_at=None) for s in ALL_OPEN],
            ["message"],
        ),
    ],
)
def test_it_offers_the_channels_that_fit(name, situation, channels, expected):
    assert decide(situation=situation, channels=channels).kinds == expected, name


@pytest.mark.parametrize(
    ("rules", "situation", "urgent"),
    [
        (Rules(high_value=Decimal("500")), situation(item_value=Decimal("649")), True),
        (Rules(priority_segments=frozenset({"premium"})), situation(segment="premium"), True),
        (Rules(urgent_urgencies=frozenset({"critical"})), situation(urgency="high"), False),
        (Rules(repeat_contacts=3), situation(earlier_contacts=2), False),
        (Rules(repeat_contacts=3), situation(earlier_contacts=3), True),
        (
            Rules(due_soon_hours=2),
            situation(item_due_at=NOW + timedelta(hours=4), item_status="booked"),
            False,
        ),
    ],
)
def test_thresholds_come_from_the_rules(rules, situation, urgent):
    assert decide(situation=situation, channels=ALL_OPEN, rules=rules).urgent is urgent


def test_it_explains_the_offer_in_plain_words():
    decision = decide(
        situation=situation(item_due_at=NOW + timedelta(hours=4), item_status="out_for_delivery"),
        channels=ALL_OPEN,
    )
    callback = next(o for o in decision.offers if o.kind == "callback")
    assert callback.reason == (
        "Your delivery is due today, so we will call you back within 10 minutes."
    )
    assert callback.wait_text == "About 10 minutes"
    phone = decision.offers[0]
    assert phone.wait_text == "About 2 minutes"


def test_the_most_telling_reason_comes_first():
    why = urgency_reasons(
        situation(urgency="high", earlier_contacts=2, item_value=Decimal("5000")), Rules()
    )
    assert why == ("repeat", "urgent_reason", "high_value")


def test_a_not_urgent_message_says_why_it_is_fine():
    offer = decide(situation=situation(), channels=ALL_OPEN).offers[0]
    assert offer.kind == "message"
    assert "does not need an answer right away" in offer.reason
    assert offer.wait_text == "Within 24 hours"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 18, 6, 59, tzinfo=UTC), False),  # 07:59 local
        (datetime(2026, 11, 18, 7, 0, tzinfo=UTC), True),  # 08:00 local
        (datetime(2026, 11, 18, 18, 59, tzinfo=UTC), True),  # 19:59 local
        (datetime(2026, 11, 18, 19, 0, tzinfo=UTC), False),  # 20:00 local
        (datetime(2026, 11, 21, 12, 0, tzinfo=UTC), False),  # Saturday
    ],
)
def test_business_hours_are_read_in_the_channels_time_zone(moment, expected):
    assert (
        is_open(now=moment, business_hours=WEEKDAYS, holidays=(), time_zone="Europe/Amsterdam")
        is expected
    )


def test_the_same_moment_is_closed_in_another_time_zone():
    moment = datetime(2026, 11, 18, 8, 30, tzinfo=UTC)
    assert is_open(now=moment, business_hours=WEEKDAYS, holidays=(), time_zone="Europe/London")
    assert not is_open(
        now=moment, business_hours=WEEKDAYS, holidays=(), time_zone="America/New_York"
    )


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "At the time you choose"),
        (30, "Less than a minute"),
        (60, "About 1 minute"),
        (600, "About 10 minutes"),
        (7200, "Within 2 hours"),
    ],
)
def test_waits_are_described_in_words(seconds, text):
    assert describe_wait(seconds) == text


def test_next_opening_is_now_when_open_else_the_next_period_skipping_holidays():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from channels_routing.policy import next_opening

    zone = ZoneInfo("Europe/Amsterdam")
    hours = {"0": [["08:00", "12:00"], ["13:00", "17:00"]], "1": [["09:00", "17:00"]]}
    monday = datetime(2026, 12, 7, 12, 30, tzinfo=zone)
    kw = {"business_hours": hours, "time_zone": "Europe/Amsterdam"}
    assert next_opening(now=monday, holidays=frozenset(), **kw) == monday.replace(hour=13, minute=0)
    open_now = monday.replace(hour=9)
    assert next_opening(now=open_now, holidays=frozenset(), **kw) == open_now
    evening = monday.replace(hour=20)
    assert next_opening(now=evening, holidays=frozenset(), **kw) == datetime(
        2026, 12, 8, 9, 0, tzinfo=zone
    )
    assert next_opening(now=evening, holidays=frozenset({"2026-12-08"}), **kw) == datetime(
        2026, 12, 14, 8, 0, tzinfo=zone
    )
    assert (
        next_opening(now=evening, holidays=frozenset(), business_hours={}, time_zone="UTC") is None
    )
