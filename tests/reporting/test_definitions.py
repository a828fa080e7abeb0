from datetime import UTC, datetime, timedelta

import pytest

from reporting.definitions import (
    promise_outcome,
    rate,
    resolution_bucket,
    sla_outcome,
)

T = datetime(2026, 3, 1, 12, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("due", "done", "expected"),
    [
        (None, None, "none"),
        (T, T - DAY, "met"),
        (T, T, "met"),
        (T, T + DAY, "missed"),
        (T, None, "missed"),  # now is after T
        (T + 10 * DAY, None, "pending"),
    ],
)
def test_sla_outcome(due, done, expected):
    assert sla_outcome(due=due, done=done, now=T + DAY) == expected


@pytest.mark.parametrize(
    ("status", "completed", "expected"),
    [
        ("kept", T - DAY, "on_time"),
        ("kept", T, "on_time"),
        ("kept", T + DAY, "late"),
        ("open", None, "open_overdue"),
        ("cancelled", None, "cancelled"),
    ],
)
def test_promise_outcome(status, completed, expected):
    assert promise_outcome(status=status, due=T, completed=completed, now=T + DAY) == expected


def test_an_open_promise_not_yet_due_is_pending():
    assert promise_outcome(status="open", due=T, completed=None, now=T - DAY) == "pending"


@pytest.mark.parametrize(
    ("hours", "bucket"),
    [
        (1, "under_4h"),
        (4, "4h_to_1d"),
        (23, "4h_to_1d"),
        (24, "1d_to_3d"),
        (100, "3d_to_7d"),
        (200, "over_7d"),
    ],
)
def test_resolution_bucket(hours, bucket):
    assert resolution_bucket(timedelta(hours=hours)) == bucket


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 3, 33.3), (2, 3, 66.7), (0, 5, 0.0), (3, 0, None), (None, 4, 0.0)],
)
def test_rate(part, whole, expected):
    assert rate(part, whole) == expected
