"""Writes for reporting: the daily roll-ups the contact and resolution pages read.

A contact's figures never change once the day is over, except that a case's first-contact
resolution can still be spoiled by a new case within ``FCR_WINDOW_DAYS``; the refresh job
therefore rebuilds the last ``FCR_WINDOW_DAYS + 2`` days every few minutes, and
``manage.py reporting_rollup --days N`` rebuilds any longer stretch (after an import, say).
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from cases.models import Case
from channels_routing.models import Contact
from knowledge.models import JourneyEvent, JourneyEventKind
from reporting.definitions import RESOLUTION_BUCKETS
from reporting.models import CaseDay, ContactDay
from reporting.selectors import FCR_FILTER, RECONTACT_DAYS, RESOLVED_STATUSES, fcr_annotated

BUCKET_FIELDS = {
    "under_4h": "under_4h",
    "4h_to_1d": "from_4h_to_1d",
    "1d_to_3d": "from_1d_to_3d",
    "3d_to_7d": "from_3d_to_7d",
    "over_7d": "over_7d",
}


def _bounds(first_day: date, last_day: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(first_day, time.min, tzinfo=tz),
        datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=tz),
    )


def _blank(field: str) -> Coalesce:
    return Coalesce(F(field), Value(""))


def _seconds(value: timedelta | None) -> float:
    return value.total_seconds() if value is not None else 0.0


@transaction.atomic
def rollup_contact_days(*, first_day: date, last_day: date) -> int:
    start, end = _bounds(first_day, last_day)
    tz = timezone.get_current_timezone()
    earlier_contact = Contact.objects.filter(
        customer=OuterRef("customer"),
        requested_at__lt=OuterRef("requested_at"),
        requested_at__gte=ExpressionWrapper(
            OuterRef("requested_at") - timedelta(days=RECONTACT_DAYS),
            output_field=DateTimeField(),
        ),
    )
    earlier_on_case = Contact.objects.filter(
        case=OuterRef("case"), requested_at__lt=OuterRef("requested_at")
    )
    read_first = JourneyEvent.objects.filter(
        journey=OuterRef("journey"), kind=JourneyEventKind.ARTICLE_OPENED
    )
    wait = ExpressionWrapper(F("answered_at") - F("requested_at"), output_field=DurationField())
    groups = (
        Contact.objects.filter(requested_at__gte=start, requested_at__lt=end)
        .annotate(day=TruncDate("requested_at", tzinfo=tz))
        .order_by()
        .values(
            "day",
            "channel",
            # The case's reason; a choice that never became a case by the reason chosen.
            x_reason=Coalesce(F("case__reason__slug"), F("reason__slug"), Value("")),
            x_reason_label=Coalesce(F("case__reason__name"), F("reason__name"), Value("")),
            x_team=_blank("case__team__slug"),
            x_kind=_blank("item__kind"),
        )
        .annotate(
            n=Count("id"),
            n_answered=Count("id", filter=Q(answered_at__isnull=False)),
            n_abandoned=Count("id", filter=Q(abandoned_at__isnull=False)),
            wait_total=Sum(wait, filter=Q(answered_at__isnull=False)),
            n_with_case=Count("id", filter=Q(case__isnull=False)),
            n_opened=Count("id", filter=Q(case__isnull=False) & ~Q(Exists(earlier_on_case))),
            n_recontacts=Count("id", filter=Q(Exists(earlier_contact), customer__isnull=False)),
            n_self_help=Count("id", filter=Q(Exists(read_first))),
        )
    )
    rows = [
        ContactDay(
            day=g["day"],
            channel=g["channel"],
            reason_slug=g["x_reason"],
            reason_name=g["x_reason_label"],
            team_slug=g["x_team"],
            item_kind=g["x_kind"],
            contacts=g["n"],
            answered=g["n_answered"],
            abandoned=g["n_abandoned"],
            answer_seconds=_seconds(g["wait_total"]),
            with_case=g["n_with_case"],
            cases_opened=g["n_opened"],
            recontacts=g["n_recontacts"],
            self_help_first=g["n_self_help"],
        )
        for g in groups
    ]
    ContactDay.objects.filter(day__gte=first_day, day__lte=last_day).delete()
    ContactDay.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


@transaction.atomic
def rollup_case_days(*, first_day: date, last_day: date) -> int:
    start, end = _bounds(first_day, last_day)
    tz = timezone.get_current_timezone()
    duration = ExpressionWrapper(F("resolved_at") - F("created_at"), output_field=DurationField())
    buckets = {}
    lower: timedelta | None = None
    for key, upper in RESOLUTION_BUCKETS:
        condition = Q()
        if lower is not None:
            condition &= Q(resolution_time__gte=lower)
        if upper is not None:
            condition &= Q(resolution_time__lt=upper)
        buckets[f"b_{key}"] = Count("id", filter=condition)
        lower = upper
    groups = (
        fcr_annotated(
            Case.objects.filter(
                status__in=RESOLVED_STATUSES, resolved_at__gte=start, resolved_at__lt=end
            )
        )
        .annotate(day=TruncDate("resolved_at", tzinfo=tz), resolution_time=duration)
        .order_by()
        .values(
            "day",
            "channel",
            x_reason=_blank("reason__slug"),
            x_team=_blank("team__slug"),
            x_kind=_blank("item__kind"),
        )
        .annotate(
            n=Count("id"),
            n_fcr=Count("id", filter=FCR_FILTER),
            total_time=Sum("resolution_time"),
            **buckets,
        )
    )
    rows = [
        CaseDay(
            day=g["day"],
            channel=g["channel"],
            reason_slug=g["x_reason"],
            team_slug=g["x_team"],
            item_kind=g["x_kind"],
            resolved=g["n"],
            fcr=g["n_fcr"],
            resolution_seconds=_seconds(g["total_time"]),
            **{field: g[f"b_{key}"] for key, field in BUCKET_FIELDS.items()},
        )
        for g in groups
    ]
    CaseDay.objects.filter(day__gte=first_day, day__lte=last_day).delete()
    CaseDay.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def rollups_rebuild(*, first_day: date, last_day: date) -> tuple[int, int]:
    """Rebuild both roll-ups for these local days; safe to run any number of times."""
    return (
        rollup_contact_days(first_day=first_day, last_day=last_day),
        rollup_case_days(first_day=first_day, last_day=last_day),
    )


def rollups_refresh_recent() -> tuple[int, int]:
    today = timezone.localdate()
    return rollups_rebuild(
        first_day=today - timedelta(days=settings.FCR_WINDOW_DAYS + 2), last_day=today
    )
