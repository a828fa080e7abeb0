"""Table-driven tests of the pure decisions in cases.rules."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from cases import rules
from cases.models import CaseStatus, Priority, PromiseStatus

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
S = CaseStatus

# --- state machine ------------------------------------------------------------------------

TRANSITION_TABLE = [
    # current, target, summary, resolved days ago, merging, allowed
    (S.NEW, S.OPEN, "", None, False, True),
    (S.NEW, S.WAITING_CUSTOMER, "", None, False, True),
    (S.OPEN, S.WAITING_US, "", None, False, True),
    (S.WAITING_CUSTOMER, S.OPEN, "", None, False, True),
    (S.WAITING_US, S.WAITING_CUSTOMER, "", None, False, True),
    (S.OPEN, S.RESOLVED, "We refunded you.", None, False, True),
    (S.OPEN, S.RESOLVED, "", None, False, False),  # resolving needs a summary
    (S.OPEN, S.RESOLVED, "   ", None, False, False),
    (S.NEW, S.RESOLVED, "Answered on the phone.", None, False, True),
    (S.OPEN, S.OPEN, "", None, False, False),  # no-op is refused
    (S.OPEN, S.NEW, "", None, False, False),  # never back to new
    (S.OPEN, S.CLOSED, "", None, False, False),  # closing skips resolution
    (S.OPEN, S.CLOSED, "", None, True, True),  # ...except when merging a duplicate
    (S.RESOLVED, S.CLOSED, "", 3, True, False),  # only open cases are merged
    (S.RESOLVED, S.CLOSED, "", 3, False, True),
    (S.RESOLVED, S.OPEN, "", 3, False, True),  # reopen inside the window
    (S.RESOLVED, S.OPEN, "", 14, False, True),  # on the last day
    (S.RESOLVED, S.OPEN, "", 15, False, False),  # too late: a new case instead
    (S.RESOLVED, S.WAITING_US, "", 1, False, False),  # reopening goes to open
    (S.CLOSED, S.OPEN, "", 1, False, False),  # closed is final
    (S.CLOSED, S.RESOLVED, "x", 1, False, False),
    (S.OPEN, "archived", "", None, False, False),  # not a status at all
]


@pytest.mark.parametrize(
    "current,target,summary,resolved_days_ago,merging,allowed", TRANSITION_TABLE
)
def test_it_allows_only_the_transitions_in_the_table(
    current, target, summary, resolved_days_ago, merging, allowed
):
    resolved_at = NOW - timedelta(days=resolved_days_ago) if resolved_days_ago is not None else None
    error = rules.transition_error(
        current=current,
        target=target,
        summary=summary,
        resolved_at=resolved_at,
        now=NOW,
        reopen_days=14,
        merging=merging,
    )
    assert (error is None) is allowed, error


def test_it_explains_why_resolving_without_a_summary_is_refused():
    error = rules.transition_error(
        current=S.OPEN, target=S.RESOLVED, summary="", resolved_at=None, now=NOW, reopen_days=14
    )
    assert "summary" in error


@pytest.mark.parametrize(
    "current,reopen",
    [(S.RESOLVED, True), (S.OPEN, False), (S.CLOSED, False), (S.WAITING_US, False)],
)
def test_it_knows_a_reopen(current, reopen):
    assert rules.is_reopen(current, S.OPEN) is reopen


# --- SLA over business hours --------------------------------------------------------------

WEEK = rules.DEFAULT_BUSINESS_HOURS  # Mon-Fri 08-20, Sat 09-17, Sun closed
ALWAYS = {str(d): [["00:00", "24:00"]] for d in range(7)}
AMS = "Europe/Amsterdam"  # UTC+1 in November, UTC+2 from 29 March 2026


def utc(*args):
    return datetime(*args, tzinfo=UTC)


SLA_TABLE = [
    # start (UTC), business hours to add, calendar, holidays, expected (UTC), why
    (utc(2026, 11, 23, 9), 4, WEEK, [], utc(2026, 11, 23, 13), "inside one day"),
    (utc(2026, 11, 23, 17), 4, WEEK, [], utc(2026, 11, 24, 9), "evening rolls to the morning"),
    (utc(2026, 11, 27, 18), 4, WEEK, [], utc(2026, 11, 28, 11), "Friday into Saturday hours"),
    (utc(2026, 11, 28, 15), 4, WEEK, [], utc(2026, 11, 30, 10), "Sunday is closed"),
    (utc(2026, 11, 29, 11), 1, WEEK, [], utc(2026, 11, 30, 8), "opened on a closed day"),
    (utc(2026, 11, 23, 5), 1, WEEK, [], utc(2026, 11, 23, 8), "before opening time"),
    (utc(2026, 11, 29, 11), 1, WEEK, ["2026-11-30"], utc(2026, 12, 1, 8), "a holiday"),
    (utc(2026, 11, 23, 7), 40, WEEK, [], utc(2026, 11, 26, 11), "several days"),
    (utc(2026, 11, 23, 9), Decimal("0.5"), WEEK, [], utc(2026, 11, 23, 9, 30), "half an hour"),
    (utc(2026, 3, 28, 23), 24, ALWAYS, [], utc(2026, 3, 29, 23), "exact over a DST change"),
    (utc(2026, 11, 23, 9), 5, {}, [], utc(2026, 11, 23, 14), "no calendar: round the clock"),
]


@pytest.mark.parametrize("start,hours,calendar,holidays,expected,why", SLA_TABLE)
def test_it_counts_sla_time_in_business_hours_only(start, hours, calendar, holidays, expected, why):
    due = rules.add_business_hours(
        start, hours, business_hours=calendar, timezone=AMS, holidays=holidays
    )
    assert due == expected, why


@pytest.mark.parametrize(
    "priority,first_hours,resolution_hours",
    [
        (Priority.CRITICAL, 1, 8),
        (Priority.HIGH, 4, 24),
        (Priority.NORMAL, 8, 40),
        (Priority.LOW, 16, 80),
    ],
)
def test_it_has_tighter_default_targets_for_higher_priorities(
    priority, first_hours, resolution_hours
):
    assert rules.DEFAULT_SLA_HOURS[priority] == (Decimal(first_hours), Decimal(resolution_hours))


@pytest.mark.parametrize(
    "due,done_at,state",
    [
        (None, None, "none"),
        (NOW + timedelta(hours=1), None, "running"),
        (NOW - timedelta(hours=1), None, "breached"),
        (NOW, NOW - timedelta(minutes=5), "met"),
        (NOW - timedelta(hours=2), NOW - timedelta(hours=1), "missed"),
    ],
)
def test_it_names_the_sla_state(due, done_at, state):
    assert rules.sla_state(due=due, done_at=done_at, now=NOW) == state


# --- promise jobs -------------------------------------------------------------------------

H = timedelta(hours=1)
PROMISE_TABLE = [
    # status, due in, already done (*_at set), jobs now
    (PromiseStatus.OPEN, 48 * H, set(), []),
    (PromiseStatus.OPEN, 3 * H, set(), ["remind"]),
    (PromiseStatus.OPEN, 3 * H, {"reminded_at"}, []),
    (PromiseStatus.OPEN, -H, {"reminded_at"}, ["mark_overdue", "escalate", "tell_customer"]),
    (PromiseStatus.OPEN, -H, set(), ["mark_overdue", "escalate", "tell_customer"]),
    (PromiseStatus.OPEN, -H, {"overdue_at", "escalated_at"}, ["tell_customer"]),
    (
        PromiseStatus.OPEN,
        -H,
        {"overdue_at", "escalated_at", "customer_told_late_at"},
        [],
    ),
    (PromiseStatus.KEPT, -H, set(), []),
    (PromiseStatus.CANCELLED, 3 * H, set(), []),
]


@pytest.mark.parametrize("status,due_in,done,jobs", PROMISE_TABLE)
def test_it_decides_each_promise_job_once(status, due_in, done, jobs):
    clock = rules.PromiseClock(
        status=status, due_at=NOW + due_in, **{column: NOW - H for column in done}
    )
    assert rules.promise_jobs_due(clock, now=NOW) == jobs


# --- attachments --------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20
PDF = b"%PDF-1.7\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00"
ALLOWED = ["image/png", "image/jpeg", "application/pdf", "text/plain"]

ATTACHMENT_TABLE = [
    # name, size, head, accepted
    ("photo.png", 1000, PNG, True),
    ("photo.JPG", 1000, JPEG, True),
    ("invoice.pdf", 1000, PDF, True),
    ("notes.txt", 20, "Bonjour, ça marche.\n".encode(), True),
    ("photo.png", 6 * 1024 * 1024, PNG, False),  # too large
    ("empty.txt", 0, b"", False),
    ("virus.png", 1000, EXE, False),  # name says PNG, bytes say otherwise
    ("photo.pdf", 1000, PNG, False),  # a PNG renamed to .pdf
    ("program.exe", 1000, EXE, False),
    ("page.html", 100, b"<html></html>", False),  # text, but not an allowed type by name
    ("notes.txt", 100, b"abc\x00\x01def", False),  # binary dressed as text
]


@pytest.mark.parametrize("name,size,head,accepted", ATTACHMENT_TABLE)
def test_it_checks_attachments_by_size_name_and_real_content(name, size, head, accepted):
    error = rules.attachment_error(
        name=name, size=size, head=head, allowed_types=ALLOWED, max_bytes=5 * 1024 * 1024
    )
    assert (error is None) is accepted, error


@pytest.mark.parametrize(
    "head,content_type",
    [
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (PDF, "application/pdf"),
        (b"hi", "text/plain"),
        (EXE, None),
        (b"", None),
        ("é".encode()[:1], "text/plain"),
    ],
)
def test_it_sniffs_the_content_type_from_the_bytes(head, content_type):
    assert rules.sniff_content_type(head) == content_type


# --- a promise's suggested due time ---------------------------------------------------------

LOCAL = ZoneInfo("Europe/Amsterdam")

DEFAULT_DUE_TABLE = [
    # now (local), suggested due
    (datetime(2026, 12, 1, 1, 10, tzinfo=LOCAL), datetime(2026, 12, 3, 9, 0, tzinfo=LOCAL)),  # Tue
    (datetime(2026, 12, 1, 10, 30, tzinfo=LOCAL), datetime(2026, 12, 3, 11, 0, tzinfo=LOCAL)),
    (datetime(2026, 12, 1, 16, 5, tzinfo=LOCAL), datetime(2026, 12, 3, 17, 0, tzinfo=LOCAL)),
    (datetime(2026, 12, 1, 22, 0, tzinfo=LOCAL), datetime(2026, 12, 4, 9, 0, tzinfo=LOCAL)),
    (datetime(2026, 12, 3, 11, 0, tzinfo=LOCAL), datetime(2026, 12, 7, 12, 0, tzinfo=LOCAL)),  # Thu
    (datetime(2026, 12, 4, 2, 0, tzinfo=LOCAL), datetime(2026, 12, 7, 9, 0, tzinfo=LOCAL)),  # Fri
]


@pytest.mark.parametrize(("now", "due"), DEFAULT_DUE_TABLE)
def test_the_suggested_promise_due_time_is_in_office_hours_on_a_weekday(now, due):
    assert rules.default_promise_due(now) == due
