"""Celery beat jobs for promises: remind, mark overdue, escalate, tell the customer. Once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cases import tasks
from cases.models import CaseEventKind, PromiseStatus
from tests.cases.factories import PromiseFactory
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return UserFactory(role="manager", email="lead@example.org")


@pytest.fixture
def owner():
    return UserFactory(role="agent", email="owner@example.org")


def test_the_owner_is_reminded_once_before_due(case, owner, django_capture_on_commit_callbacks):
    promise = PromiseFactory(case=case, owner=owner, due_at=timezone.now() + timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.promise_run_jobs(promise.pk) == ["remind"]
        assert tasks.promise_run_jobs(promise.pk) == []  # a second run does nothing
        tasks.promise_sweep()  # and the sweep no longer picks it up
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]
    promise.refresh_from_db()
    assert promise.reminded_at is not None


def test_a_late_promise_is_marked_escalated_and_the_customer_told_once(
    case, lead, django_capture_on_commit_callbacks
):
    team = TeamFactory(lead=lead)
    promise = PromiseFactory(case=case, team=team, due_at=timezone.now() - timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.promise_sweep() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.promise_sweep() == 0
        assert tasks.promise_run_jobs(promise.pk) == []
    promise.refresh_from_db()
    assert promise.overdue_at and promise.escalated_at and promise.customer_told_late_at
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted(["lead@example.org", case.customer.email])
    told = case.events.get(kind=CaseEventKind.PROMISE, data__late=True)
    assert told.public and promise.description in told.body
    assert case.events.filter(kind=CaseEventKind.NOTE, public=False).count() == 1


def test_a_kept_promise_is_left_alone(case, django_capture_on_commit_callbacks):
    promise = PromiseFactory(
        case=case,
        due_at=timezone.now() - timedelta(hours=1),
        status=PromiseStatus.KEPT,
        completed_at=timezone.now() - timedelta(hours=2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.promise_sweep() == 0
        assert tasks.promise_run_jobs(promise.pk) == []
    assert mail.outbox == []


def test_jobs_are_only_enqueued_when_the_transaction_commits(case):
    PromiseFactory(case=case, due_at=timezone.now() - timedelta(minutes=5))
    # Inside the test transaction nothing commits, so nothing runs yet.
    tasks.promise_sweep()
    assert mail.outbox == []


def test_the_beat_schedule_runs_the_sweep():
    from cases.schedule import BEAT_SCHEDULE
    from contact_portal.celery import app

    assert BEAT_SCHEDULE["cases-promise-sweep"]["task"] == "cases.promise_sweep"
    assert "cases-promise-sweep" in app.conf.beat_schedule
