"""Writes for reporting: the daily roll-ups the contact and resolution pages read.

A contact's figures never change once the day is over, except that a case's first-contact
resolution can still be spoiled by a new case within ``FCR_WINDOW_DAYS``; the refresh job
therefore rebuilds the last ``FCR_WINDOW_DAYS + 2`` days every few minutes, and
``manage.py reporting_rollup --days N`` rebuilds any longer stretch (after an import, say).
Each run is recorded; the pages count the days after the latest run live, so they are right
without a beat process too (``make run``).
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from reporting.models import CaseDay, ContactDay, RollupRun
from reporting.selectors import case_day_rows, contact_day_rows


@transaction.atomic
def rollup_contact_days(*, first_day: date, last_day: date) -> int:
    rows = contact_day_rows(first_day=first_day, last_day=last_day)
    ContactDay.objects.filter(day__gte=first_day, day__lte=last_day).delete()
    ContactDay.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


@transaction.atomic
def rollup_case_days(*, first_day: date, last_day: date) -> int:
    rows = case_day_rows(first_day=first_day, last_day=last_day)
    CaseDay.objects.filter(day__gte=first_day, day__lte=last_day).delete()
    CaseDay.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def rollups_rebuild(*, first_day: date, last_day: date) -> tuple[int, int]:
    """Rebuild both roll-ups for these local days; safe to run any number of times. The run is
    recorded so the pages know from which day on they must count live."""
    started = timezone.now()
    with transaction.atomic():
        counts = (
            rollup_contact_days(first_day=first_day, last_day=last_day),
            rollup_case_days(first_day=first_day, last_day=last_day),
        )
        # The start time: anything that happened during the run may be missing from it.
        RollupRun.objects.create(first_day=first_day, last_day=last_day, finished_at=started)
    return counts


def rollups_refresh_recent() -> tuple[int, int]:
    today = timezone.localdate()
    return rollups_rebuild(
        first_day=today - timedelta(days=settings.FCR_WINDOW_DAYS + 2), last_day=today
    )
