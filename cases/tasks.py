"""Celery tasks for cases. Thin: they take ids and call a service. Each is idempotent, so a
retried or doubled run does nothing twice (see the conditional UPDATEs in services)."""

from functools import partial

from celery import shared_task
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases import rules, services
from cases.models import Promise, PromiseStatus


@shared_task(name="cases.send_case_event_email")
def send_case_event_email(event_id: int) -> bool:
    return services.case_event_email(event_id=event_id)


@shared_task(name="cases.promise_run_jobs")
def promise_run_jobs(promise_id: int) -> list[str]:
    return services.promise_run_jobs(promise_id=promise_id)


@shared_task(name="cases.promise_sweep")
def promise_sweep() -> int:
    """Beat: find open promises with a reminder, overdue mark, escalation or customer notice
    still to do, and queue one job per promise."""
    now = timezone.now()
    due_soon = Q(
        reminded_at__isnull=True, due_at__gt=now, due_at__lte=now + rules.PROMISE_REMIND_BEFORE
    )
    late = Q(due_at__lte=now) & (
        Q(overdue_at__isnull=True)
        | Q(escalated_at__isnull=True)
        | Q(customer_told_late_at__isnull=True)
    )
    ids = list(
        Promise.objects.filter(status=PromiseStatus.OPEN)
        .filter(due_soon | late)
        .order_by("due_at")
        .values_list("pk", flat=True)[:1000]
    )
    for promise_id in ids:
        transaction.on_commit(partial(promise_run_jobs.delay, promise_id))
    return len(ids)


@shared_task(name="cases.send_team_new_case_email")
def send_team_new_case_email(case_id: int) -> bool:
    return services.team_new_case_email(case_id=case_id)


@shared_task(name="cases.requeue_offline")
def requeue_offline() -> int:
    """Beat: cases of agents who went offline before answering go back to the queue."""
    return services.cases_requeue_offline()
