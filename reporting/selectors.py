"""The measures managers run the service by. Every number is aggregated in the database.

Each function returns a ``Measure``: its written definition, the headline figures, the
table shown under its chart and the chart itself. The page and the CSV export both render
exactly these, so an export never carries more than the page shows.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerChoices,
    Min,
    OuterRef,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cases.models import (
    OPEN_STATUSES,
    Case,
    CaseStatus,
    ChannelKind,
    Contact,
    Promise,
    PromiseStatus,
    Team,
)
from cases.selectors import fcr_annotate
from feedback.models import Feedback, Feeling, FollowUpStatus, Satisfaction
from knowledge import selectors as knowledge_selectors
from knowledge.models import (
    ArticleFeedback,
    Journey,
    JourneyEvent,
    JourneyEventKind,
    JourneyOutcome,
    SearchRecord,
    SolvedAnswer,
)
from mystuff.models import ContactReason, ItemKind
from reporting import notices as _notices
from reporting.charts import Chart, bar_chart
from reporting.definitions import RESOLUTION_BUCKETS, mean, rate
from reporting.models import CaseDay, ContactDay, RollupRun

RECONTACT_DAYS = 7
LIVE_CHANNELS = [ChannelKind.PHONE, ChannelKind.CALLBACK, ChannelKind.CHAT]
RESOLVED_STATUSES = [CaseStatus.RESOLVED, CaseStatus.CLOSED]


@dataclass(frozen=True)
class ReportFilters:
    start: datetime
    end: datetime  # exclusive
    channel: str = ""
    reason: str = ""
    team: str = ""
    item_kind: str = ""
    # The reason and its second-level children, filled in by ``with_reason_family``.
    reason_slugs: tuple[str, ...] = ()
    # Rows counted live for the days after the last roll-up, kept for one page's measures.
    live: "LiveDays | None" = field(default=None, compare=False)

    def with_reason_family(self) -> "ReportFilters":
        if not self.reason:
            return self
        slugs = [
            self.reason,
            *ContactReason.objects.filter(parent__slug=self.reason).values_list("slug", flat=True),
        ]
        return ReportFilters(
            start=self.start,
            end=self.end,
            channel=self.channel,
            reason=self.reason,
            team=self.team,
            item_kind=self.item_kind,
            reason_slugs=tuple(slugs),
            live=self.live,
        )


@dataclass
class Measure:
    key: str
    title: Any
    definition: Any
    columns: list[Any]
    rows: list[list[Any]]
    summary: list[tuple[Any, Any]] = field(default_factory=list)
    chart: Chart | None = None
    note: Any = ""
    links: list[str] = field(default_factory=list)

    @property
    def rows_with_links(self) -> list[tuple[list[Any], str | None]]:
        return [
            (row, self.links[index] if index < len(self.links) else None)
            for index, row in enumerate(self.rows)
        ]


def _q(
    f: ReportFilters,
    *,
    channel: str | None = None,
    reason: str | None = None,
    team: str | None = None,
    item_kind: str | None = None,
) -> Q:
    """Turn the page filters into a Q, given each filter's field path on this model."""
    q = Q()
    if f.channel and channel:
        q &= Q(**{channel: f.channel})
    if f.reason and reason:
        q &= Q(**{f"{reason}__in": f.reason_slugs or (f.reason,)})
    if f.team and team:
        q &= Q(**{team: f.team})
    if f.item_kind and item_kind:
        q &= Q(**{item_kind: f.item_kind})
    return q


def _case_q(f: ReportFilters, prefix: str = "") -> Q:
    return _q(
        f,
        channel=f"{prefix}channel",
        reason=f"{prefix}reason__slug",
        team=f"{prefix}team__slug",
        item_kind=f"{prefix}item__kind",
    )


def _hours(seconds: float | None) -> float | None:
    return round(seconds / 3600, 1) if seconds is not None else None


def _label(choices: type, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or str(_("None"))


ROLLUP_NOTE = _(
    "Figures are up to date when the page opens: days since the last roll-up are counted live."
)

# --- Roll-ups and the days counted live ------------------------------------------------------

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


# A contact by which the customer reached us: it joined a case (contact_reached) or was
# answered. A channel chosen and walked away from (issue 22) is neither: it counts as a contact
# of its channel and reason, but not as having contacted us before or after self-help.
REACHED_US = Q(case__isnull=False) | Q(answered_at__isnull=False)


def contact_day_rows(*, first_day: date, last_day: date) -> list[ContactDay]:
    """The contact roll-up rows of these local days, computed now and not saved."""
    start, end = _bounds(first_day, last_day)
    tz = timezone.get_current_timezone()
    # Contacted us before: a contact that reached us (a channel chosen and walked away from
    # is not one; it is still counted as a contact of its own day).
    earlier_contact = Contact.objects.filter(
        REACHED_US,
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
    return rows


def case_day_rows(*, first_day: date, last_day: date) -> list[CaseDay]:
    """The resolved-case roll-up rows of these local days, computed now and not saved."""
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
    # Rows of plain values (the bucket keys are built above, so no TypedDict can name them).
    groups: Any = (
        fcr_annotate(
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
            n_fcr=Count("id", filter=Q(is_fcr=True)),
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
    return rows


def live_from() -> tuple[date, date]:
    """The first local day whose contacts, and whose resolved cases, the roll-ups may not hold
    whole: the day the latest run started on (it may have missed part of it), or earlier for
    cases, whose first-contact resolution a new case can still undo for ``FCR_WINDOW_DAYS``.
    Without any run every day is counted live."""
    run = RollupRun.objects.order_by("-finished_at").first()
    if run is None:
        return date.min, date.min
    seen_whole_until = min(run.last_day + timedelta(days=1), timezone.localdate(run.finished_at))
    cases_from = seen_whole_until - timedelta(days=settings.FCR_WINDOW_DAYS)
    return seen_whole_until, max(cases_from, run.first_day)


@dataclass
class LiveDays:
    """The live rows of one page view, computed at most once for all its measures."""

    contacts: list[ContactDay] | None = None
    cases: list[CaseDay] | None = None
    bounds: tuple[date, date] | None = None


def _rows_in_range(f: ReportFilters, model: type[ContactDay] | type[CaseDay]):
    """Roll-up rows for the days the last run saw whole, live rows for the days after it."""
    live = f.live if f.live is not None else LiveDays()
    if live.bounds is None:
        live.bounds = live_from()
    first_live = live.bounds[0] if model is ContactDay else live.bounds[1]
    first_day, end_day = f.start.date(), f.end.date()
    rolled = model.objects.filter(
        _q(f, channel="channel", reason="reason_slug", team="team_slug", item_kind="item_kind"),
        day__gte=first_day,
        day__lt=min(end_day, first_live),
    )
    rows: list[Any] = []
    if end_day > first_live:
        first = max(first_day, first_live)
        if model is ContactDay:
            if live.contacts is None:
                live.contacts = contact_day_rows(first_day=first, last_day=end_day - timedelta(1))
            rows = live.contacts
        else:
            if live.cases is None:
                live.cases = case_day_rows(first_day=first, last_day=end_day - timedelta(1))
            rows = live.cases
        slugs = f.reason_slugs or (f.reason,)
        rows = [
            r
            for r in rows
            if (not f.channel or r.channel == f.channel)
            and (not f.reason or r.reason_slug in slugs)
            and (not f.team or r.team_slug == f.team)
            and (not f.item_kind or r.item_kind == f.item_kind)
        ]
    return rolled, rows


def _day_sums(
    f: ReportFilters,
    model: type[ContactDay] | type[CaseDay],
    sums: dict[str, str],
    *,
    group: str | None = None,
    channels: list[str] | None = None,
) -> list[dict[str, Any]]:
    """``sums`` (name -> roll-up column) per value of ``group`` (or one total row), over the
    rolled-up days and the days counted live alike."""
    rolled, live_rows = _rows_in_range(f, model)
    if channels is not None:
        rolled = rolled.filter(channel__in=channels)
        live_rows = [r for r in live_rows if r.channel in channels]
    totals: dict[Any, dict[str, Any]] = defaultdict(lambda: dict.fromkeys(sums, 0))
    aggregates = {name: Sum(column) for name, column in sums.items()}
    if group:
        for row in rolled.order_by().values(group).annotate(**aggregates):
            for name in sums:
                totals[row[group]][name] += row[name] or 0
    else:
        for name, value in rolled.aggregate(**aggregates).items():
            totals[None][name] += value or 0
    for live_row in live_rows:
        key = getattr(live_row, group) if group else None
        for name, column in sums.items():
            totals[key][name] += getattr(live_row, column)
    if not group:
        return [totals[None]]
    return [{group: key, **values} for key, values in totals.items()]


# --- Contacts -------------------------------------------------------------------------------


def contact_volume(f: ReportFilters) -> Measure:
    rows = sorted(
        _day_sums(f, ContactDay, {"n": "contacts"}, group="channel"),
        key=lambda r: (-r["n"], r["channel"]),
    )
    total = sum(r["n"] for r in rows)
    table = [[_label(ChannelKind, r["channel"]), r["n"], rate(r["n"], total)] for r in rows]
    return Measure(
        key="volume-channel",
        title=_("Contact volume by channel"),
        definition=_(
            "Contacts whose request time falls in the date range, counted per channel. A "
            "contact is one attempt by a customer to reach us (a call, callback request, chat, "
            "message or email). Every incoming call the phone system reports counts, also "
            "calls that did not start on our site and calls from unknown numbers; every email "
            "that reached a case counts (automatic replies, bounces and refused mail do not). "
            "Calls we make to customers are not contacts."
        ),
        columns=[_("Channel"), _("Contacts"), _("Share (%)")],
        rows=table,
        summary=[(_("Contacts"), total)],
        chart=bar_chart(
            "volume-channel",
            str(_("Contacts per channel")),
            [(str(row[0]), row[1]) for row in table],
        ),
        note=ROLLUP_NOTE,
    )


def contact_volume_by_reason(f: ReportFilters) -> Measure:
    rows = sorted(
        _day_sums(f, ContactDay, {"n": "contacts"}, group="reason_name"),
        key=lambda r: (-r["n"], r["reason_name"]),
    )[:12]
    table = [[r["reason_name"] or str(_("No reason given")), r["n"]] for r in rows]
    return Measure(
        key="volume-reason",
        title=_("Contact volume by reason"),
        definition=_(
            "Contacts in the date range counted by the contact reason of the case they became "
            "or joined; the twelve largest reasons are shown."
        ),
        columns=[_("Reason"), _("Contacts")],
        rows=table,
        chart=bar_chart(
            "volume-reason",
            str(_("Contacts per reason")),
            [(str(row[0]), row[1]) for row in table],
        ),
        note=ROLLUP_NOTE,
    )


def speed_and_abandonment(f: ReportFilters) -> Measure:
    sums = {
        "offered": "contacts",
        "n_answered": "answered",
        "n_abandoned": "abandoned",
        "seconds": "answer_seconds",
    }
    rows = sorted(
        _day_sums(f, ContactDay, sums, group="channel", channels=list(LIVE_CHANNELS)),
        key=lambda r: r["channel"],
    )
    table = [
        [
            _label(ChannelKind, r["channel"]),
            r["offered"],
            r["n_answered"],
            r["n_abandoned"],
            round(r["seconds"] / r["n_answered"], 1) if r["n_answered"] else None,
            rate(r["n_abandoned"], r["offered"]),
        ]
        for r in rows
    ]
    return Measure(
        key="speed",
        title=_("Average speed of answer and abandonment"),
        definition=_(
            "For calls, callbacks and chats requested in the date range; calls include every "
            "incoming call the phone system reports, whether or not it started on our site "
            "(then the wait counts from the moment the phone rang). Average speed of answer "
            "is the mean time from the request to an agent answering, over answered contacts. "
            "Abandonment rate is the share of requested contacts that the customer gave up on "
            "before an agent answered. Email is not a live channel and is not in this table."
        ),
        columns=[
            _("Channel"),
            _("Requested"),
            _("Answered"),
            _("Abandoned"),
            _("Average speed of answer (seconds)"),
            _("Abandonment rate (%)"),
        ],
        rows=table,
        chart=bar_chart(
            "speed",
            str(_("Average speed of answer, seconds")),
            [(str(row[0]), row[4]) for row in table],
            unit=" s",
        ),
        note=ROLLUP_NOTE,
    )


def effort_signals(f: ReportFilters) -> Measure:
    sums = {
        "n": "contacts",
        "n_with_case": "with_case",
        "n_opened": "cases_opened",
        "n_recontacts": "recontacts",
        "n_self_help": "self_help_first",
    }
    figures = _day_sums(f, ContactDay, sums)[0]
    per_case = mean(figures["n_with_case"], figures["n_opened"])
    recontact_rate = rate(figures["n_recontacts"], figures["n"])
    self_help_rate = rate(figures["n_self_help"], figures["n"])
    table = [
        [_("Contacts per case"), per_case, figures["n_with_case"], figures["n_opened"]],
        [_("Re-contacts within 7 days (%)"), recontact_rate, figures["n_recontacts"], figures["n"]],
        [
            _("Self-help tried before contact (%)"),
            self_help_rate,
            figures["n_self_help"],
            figures["n"],
        ],
    ]
    return Measure(
        key="effort",
        title=_("Effort signals"),
        definition=_(
            "Over contacts requested in the date range. Contacts per case: contacts that "
            "belong to a case divided by the number of cases opened by a contact in the range "
            "(a case's first contact). Re-contacts: contacts by a customer who had already "
            "contacted us in the 7 days before. Self-help tried before contact: contacts whose "
            "self-help journey shows at least one article opened before the customer contacted "
            "us."
        ),
        columns=[_("Signal"), _("Value"), _("Counted"), _("Out of")],
        rows=table,
        chart=bar_chart(
            "effort",
            str(_("Effort signals, percent")),
            [(str(table[1][0]), recontact_rate), (str(table[2][0]), self_help_rate)],
            unit=" %",
        ),
        note=ROLLUP_NOTE,
    )


# --- Cases ----------------------------------------------------------------------------------


def first_contact_resolution(f: ReportFilters) -> Measure:
    rows = sorted(
        _day_sums(f, CaseDay, {"n_resolved": "resolved", "n_fcr": "fcr"}, group="channel"),
        key=lambda r: r["channel"],
    )
    resolved = sum(r["n_resolved"] for r in rows)
    fcr = sum(r["n_fcr"] for r in rows)
    table = [
        [
            _label(ChannelKind, r["channel"]),
            r["n_resolved"],
            r["n_fcr"],
            rate(r["n_fcr"], r["n_resolved"]),
        ]
        for r in rows
    ]
    return Measure(
        key="fcr",
        title=_("First-contact resolution"),
        definition=_(
            "Over cases resolved in the date range, by the channel of first contact. A case "
            "counts as resolved at first contact when it had exactly one contact, was never "
            "reopened, and the same customer opened no new case about the same item and reason "
            "within %(days)d days after it was resolved. Calls that did not start on our site "
            "and emails count as contacts on the case they joined; a case opened by an email "
            "counts under Email."
        )
        % {"days": settings.FCR_WINDOW_DAYS},
        columns=[_("Channel"), _("Resolved cases"), _("Resolved at first contact"), _("FCR (%)")],
        rows=table,
        summary=[(_("First-contact resolution (%)"), rate(fcr, resolved))],
        chart=bar_chart(
            "fcr",
            str(_("First-contact resolution, percent")),
            [(str(row[0]), row[3]) for row in table],
            unit=" %",
        ),
        note=ROLLUP_NOTE,
    )


def resolution_time(f: ReportFilters) -> Measure:
    labels = {
        "under_4h": (_("Under 4 hours"), "under_4h"),
        "4h_to_1d": (_("4 to 24 hours"), "from_4h_to_1d"),
        "1d_to_3d": (_("1 to 3 days"), "from_1d_to_3d"),
        "3d_to_7d": (_("3 to 7 days"), "from_3d_to_7d"),
        "over_7d": (_("Over 7 days"), "over_7d"),
    }
    sums = {
        "total": "resolved",
        "seconds": "resolution_seconds",
        **{key: column for key, (_label_text, column) in labels.items()},
    }
    figures = _day_sums(f, CaseDay, sums)[0]
    table = [
        [labels[key][0], figures[key], rate(figures[key], figures["total"])]
        for key, _upper in RESOLUTION_BUCKETS
    ]
    average = _hours(figures["seconds"] / figures["total"]) if figures["total"] else None
    return Measure(
        key="resolution-time",
        title=_("Resolution time"),
        definition=_(
            "For cases resolved in the date range: the time from the case being opened to it "
            "being resolved, as an average and in bands."
        ),
        columns=[_("Resolved within"), _("Cases"), _("Share (%)")],
        rows=table,
        summary=[
            (_("Resolved cases"), figures["total"]),
            (_("Average resolution time (hours)"), average),
        ],
        chart=bar_chart(
            "resolution-time",
            str(_("Cases per resolution time band")),
            [(str(row[0]), row[1]) for row in table],
        ),
        note=ROLLUP_NOTE,
    )


def sla_attainment(f: ReportFilters) -> Measure:
    now = timezone.now()
    base = Case.objects.filter(_case_q(f))
    first = base.filter(first_response_due__gte=f.start, first_response_due__lt=f.end).aggregate(
        met=Count("id", filter=Q(first_responded_at__lte=F("first_response_due"))),
        missed=Count(
            "id",
            filter=Q(first_responded_at__gt=F("first_response_due"))
            | Q(first_responded_at__isnull=True, first_response_due__lt=now),
        ),
    )
    resolution = base.filter(resolution_due__gte=f.start, resolution_due__lt=f.end).aggregate(
        met=Count("id", filter=Q(resolved_at__lte=F("resolution_due"))),
        missed=Count(
            "id",
            filter=Q(resolved_at__gt=F("resolution_due"))
            | Q(resolved_at__isnull=True, resolution_due__lt=now),
        ),
    )
    table = []
    for label, figures in [(_("First response"), first), (_("Resolution"), resolution)]:
        decided = figures["met"] + figures["missed"]
        table.append(
            [label, decided, figures["met"], figures["missed"], rate(figures["met"], decided)]
        )
    return Measure(
        key="sla",
        title=_("SLA attainment"),
        definition=_(
            "Over cases whose target falls in the date range. First response: met when the "
            "first response came on or before its due time. Resolution: met when the case was "
            "resolved on or before its due time. A target not yet reached and not yet due is not "
            "counted; one not reached and past due counts as missed."
        ),
        columns=[_("Target"), _("Cases"), _("Met"), _("Missed"), _("Attainment (%)")],
        rows=table,
        chart=bar_chart(
            "sla",
            str(_("SLA attainment, percent")),
            [(str(row[0]), row[4]) for row in table],
            unit=" %",
        ),
    )


def promises_kept(f: ReportFilters) -> Measure:
    now = timezone.now()
    rows = list(
        Promise.objects.filter(
            _q(
                f,
                channel="case__channel",
                reason="case__reason__slug",
                team="team__slug",
                item_kind="case__item__kind",
            ),
            due_at__gte=f.start,
            due_at__lt=f.end,
        )
        .exclude(status=PromiseStatus.CANCELLED)
        .exclude(status=PromiseStatus.OPEN, due_at__gte=now)
        .order_by()
        .values("team__name")
        .annotate(
            due=Count("id"),
            on_time=Count("id", filter=Q(status=PromiseStatus.KEPT, completed_at__lte=F("due_at"))),
            late=Count("id", filter=Q(status=PromiseStatus.KEPT, completed_at__gt=F("due_at"))),
            open_overdue=Count("id", filter=Q(status=PromiseStatus.OPEN)),
        )
        .order_by("team__name")
    )
    table = [
        [
            r["team__name"],
            r["due"],
            r["on_time"],
            r["late"],
            r["open_overdue"],
            rate(r["on_time"], r["due"]),
        ]
        for r in rows
    ]
    due = sum(r["due"] for r in rows)
    on_time = sum(r["on_time"] for r in rows)
    return Measure(
        key="promises",
        title=_("Promises kept on time"),
        definition=_(
            "Over promises due in the date range, by the team that owns them. Kept on time: "
            "marked done on or before the due time. Cancelled promises and open promises not yet "
            "due are not counted; open promises past due count as not kept."
        ),
        columns=[
            _("Team"),
            _("Promises due"),
            _("Kept on time"),
            _("Kept late"),
            _("Still open, overdue"),
            _("Kept on time (%)"),
        ],
        rows=table,
        summary=[(_("Kept on time (%)"), rate(on_time, due))],
        chart=bar_chart(
            "promises",
            str(_("Promises kept on time, percent")),
            [(str(row[0]), row[5]) for row in table],
            unit=" %",
        ),
    )


# --- Feedback -------------------------------------------------------------------------------


def _feedback(f: ReportFilters):
    return Feedback.objects.filter(
        _q(f, channel="channel", reason="reason_slug", team="team_slug", item_kind="item_kind"),
        answered_at__gte=f.start,
        answered_at__lt=f.end,
    )


def _scale_measure(
    f: ReportFilters,
    *,
    field_name: str,
    choices: type[IntegerChoices],
    key: str,
    title: Any,
    definition: Any,
) -> Measure:
    counts = {value: Count("id", filter=Q(**{field_name: value})) for value in choices.values}
    figures = _feedback(f).aggregate(
        total=Count("id"),
        average=Avg(field_name),
        top=Count("id", filter=Q(**{f"{field_name}__gte": 4})),
        **{f"n{value}": agg for value, agg in counts.items()},
    )
    table = [
        [f"{value} · {label}", figures[f"n{value}"], rate(figures[f"n{value}"], figures["total"])]
        for value, label in choices.choices
    ]
    average = round(figures["average"], 2) if figures["average"] is not None else None
    return Measure(
        key=key,
        title=title,
        definition=definition,
        columns=[_("Answer"), _("Answers"), _("Share (%)")],
        rows=table,
        summary=[
            (_("Answers"), figures["total"]),
            (_("Share answering 4 or 5 (%)"), rate(figures["top"], figures["total"])),
            (_("Mean (1 to 5)"), average),
        ],
        chart=bar_chart(key, str(title), [(str(row[0]), row[1]) for row in table]),
    )


def outcome_satisfaction(f: ReportFilters) -> Measure:
    return _scale_measure(
        f,
        field_name="satisfaction",
        choices=Satisfaction,
        key="satisfaction",
        title=_("Outcome satisfaction"),
        definition=_(
            "Answers to “How satisfied are you with the outcome?” (1 to 5) last given or changed "
            "in the date range; when a customer changed their feedback only the latest answer "
            "counts. The share answering 4 or 5 and the mean are over those answers."
        ),
    )


def customer_feeling(f: ReportFilters) -> Measure:
    return _scale_measure(
        f,
        field_name="feeling",
        choices=Feeling,
        key="feeling",
        title=_("How customers felt"),
        definition=_(
            "Answers to “How did we make you feel?” (1 Frustrated to 5 Really valued) last given "
            "or changed in the date range, latest answer only."
        ),
    )


def _short_datetime(moment: datetime) -> str:
    """A moment for the manager to read: the active language's short style, local time."""
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def follow_up_queue(f: ReportFilters) -> Measure:
    requested = _feedback(f).filter(follow_up_requested=True)
    figures = requested.aggregate(
        waiting=Count("id", filter=Q(follow_up_status=FollowUpStatus.REQUESTED)),
        picked_up=Count("id", filter=Q(follow_up_status=FollowUpStatus.PICKED_UP)),
        oldest=Min("answered_at", filter=Q(follow_up_status=FollowUpStatus.REQUESTED)),
    )
    oldest = list(
        requested.filter(follow_up_status=FollowUpStatus.REQUESTED)
        .order_by("answered_at", "id")
        .values("id", "item_kind", "satisfaction", "feeling", "answered_at")[:10]
    )
    table = [
        [
            f"#{row['id']}",
            _label(ItemKind, row["item_kind"]) if row["item_kind"] else "",
            row["satisfaction"],
            row["feeling"],
            _short_datetime(row["answered_at"]),
        ]
        for row in oldest
    ]
    return Measure(
        key="follow-up",
        title=_("Follow-up queue"),
        definition=_(
            "Feedback given or changed in the date range where the customer ticked “I'd like "
            "someone to follow this up”. Waiting: nobody has picked it up yet. The ten that have "
            "waited longest are listed; agents pick them up in the admin's follow-up queue."
        ),
        columns=[
            _("Feedback"),
            _("About"),
            _("Outcome (1-5)"),
            _("Feeling (1-5)"),
            _("Waiting since"),
        ],
        rows=table,
        summary=[
            (_("Waiting"), figures["waiting"]),
            (_("Picked up"), figures["picked_up"]),
            (
                _("Oldest waiting since"),
                _short_datetime(figures["oldest"]) if figures["oldest"] else None,
            ),
        ],
        chart=bar_chart(
            "follow-up",
            str(_("Follow-up requests")),
            [(str(_("Waiting")), figures["waiting"]), (str(_("Picked up")), figures["picked_up"])],
        ),
        links=[
            reverse("admin:feedback_followuprequest_change", args=[row["id"]]) for row in oldest
        ],
    )


# --- Self-help ------------------------------------------------------------------------------


def _journeys(f: ReportFilters):
    return Journey.objects.filter(
        _q(f, reason="reason__slug", item_kind="item__kind"),
        started_at__gte=f.start,
        started_at__lt=f.end,
    )


SELF_HELP_NOTE = _("Self-help happens before any channel or team, so those filters do not apply.")


def _read_a_suggestion() -> Exists:
    """The journey's customer opened an article "These may answer it" showed them while they
    were writing to us."""
    return Exists(
        JourneyEvent.objects.filter(
            journey=OuterRef("pk"), kind=JourneyEventKind.ARTICLE_OPENED, suggested=True
        )
    )


# Ended without a contact after reading a suggested article: self-service, though unconfirmed.
SUGGESTION_READ_AND_LEFT = Q(outcome=JourneyOutcome.OPEN, read_suggestion=True)


def self_help_success(f: ReportFilters) -> Measure:
    figures = (
        _journeys(f)
        .annotate(read_suggestion=_read_a_suggestion())
        .aggregate(
            total=Count("id"),
            solved=Count("id", filter=Q(outcome=JourneyOutcome.SELF_SOLVED)),
            suggestion=Count("id", filter=SUGGESTION_READ_AND_LEFT),
            contacted=Count("id", filter=Q(outcome=JourneyOutcome.CONTACTED)),
        )
    )
    still_open = figures["total"] - figures["solved"] - figures["suggestion"]
    still_open -= figures["contacted"]
    served = figures["solved"] + figures["suggestion"]
    ended = served + figures["contacted"]
    table = [
        [_("Solved by self-help"), figures["solved"]],
        [_("Read a suggested article and did not write to us"), figures["suggestion"]],
        [_("Contacted us"), figures["contacted"]],
        [_("Still in progress or left"), still_open],
    ]
    return Measure(
        key="self-help",
        title=_("Self-help success"),
        definition=_(
            "Self-help journeys (a customer asking for help about one thing) started in the date "
            "range. Served by self-help: journeys the customer marked as solved by an article, "
            "and journeys where the customer, writing to us, opened an article suggested under "
            "“These may answer it” and never sent (nor reached us another way). A contact counts "
            "once the customer reached us (a message sent, a callback booked, a chat started, a "
            "call made), not when a channel was chosen. Success rate: journeys served by "
            "self-help, out of those and the journeys that ended in a contact."
        ),
        columns=[_("Outcome"), _("Journeys")],
        rows=table,
        summary=[(_("Self-help success rate (%)"), rate(served, ended))],
        chart=bar_chart(
            "self-help", str(_("Journeys by outcome")), [(str(row[0]), row[1]) for row in table]
        ),
        note=SELF_HELP_NOTE,
    )


# Assumed self-resolution: no contact about the same item within this long after self-help.
ASSUMED_RESOLUTION_HOURS = 72


def deflection(f: ReportFilters) -> Measure:
    """How much self-help saves, each figure with its definition (Zendesk's self-service score
    and the confirmed / assumed self-resolution split)."""
    journeys = _journeys(f)
    later_contact = Contact.objects.filter(
        REACHED_US,
        customer=OuterRef("customer"),
        requested_at__gte=OuterRef("started_at"),
        requested_at__lt=ExpressionWrapper(
            OuterRef("started_at") + timedelta(hours=ASSUMED_RESOLUTION_HOURS),
            output_field=DateTimeField(),
        ),
    ).filter(Q(item=OuterRef("item")) | Q(item__isnull=True, case__item__isnull=True))
    assumed = Q(customer__isnull=False) & ~Q(outcome=JourneyOutcome.CONTACTED)
    read = Q(read_suggestion=True)
    groups = list(
        journeys.annotate(
            contacted_later=Exists(later_contact), read_suggestion=_read_a_suggestion()
        )
        .order_by()
        .values("item__kind", "reason__name")
        .annotate(
            n=Count("id"),
            confirmed=Count("id", filter=Q(outcome=JourneyOutcome.SELF_SOLVED)),
            known=Count("id", filter=Q(customer__isnull=False)),
            assumed=Count("id", filter=assumed & Q(contacted_later=False)),
            suggested=Count("id", filter=read),
            suggested_left=Count("id", filter=read & ~Q(outcome=JourneyOutcome.CONTACTED)),
        )
        .order_by("-n", "item__kind", "reason__name")
    )
    keys = ("n", "confirmed", "known", "assumed", "suggested", "suggested_left")
    totals = {key: sum(g[key] for g in groups) for key in keys}
    contacting = (
        Contact.objects.filter(REACHED_US, requested_at__gte=f.start, requested_at__lt=f.end)
        .exclude(customer__isnull=True)
        .values("customer")
        .distinct()
        .count()
    )
    searches = SearchRecord.objects.filter(created_at__gte=f.start, created_at__lt=f.end).aggregate(
        n=Count("id"), empty=Count("id", filter=Q(results=0))
    )
    answers = ArticleFeedback.objects.filter(
        created_at__gte=f.start, created_at__lt=f.end, article__isnull=False
    ).aggregate(
        n=Count("id"),
        yes=Count("id", filter=Q(answer=SolvedAnswer.YES)),
    )
    repeat = _day_sums(f, ContactDay, {"n": "contacts", "again": "recontacts"})[0]
    score = round(totals["n"] / contacting, 2) if contacting else None
    figures = [
        (_("Self-service score (help sessions per customer who contacted us)"), score),
        (_("Confirmed self-resolution (%)"), rate(totals["confirmed"], totals["n"])),
        (_("Assumed self-resolution (%)"), rate(totals["assumed"], totals["known"])),
        (
            _("Suggested articles read without writing to us (%)"),
            rate(totals["suggested_left"], totals["suggested"]),
        ),
        (_("Searches with no results (%)"), rate(searches["empty"], searches["n"])),
        (_("Articles marked helpful (%)"), rate(answers["yes"], answers["n"])),
        (_("Repeat contacts within 7 days (%)"), rate(repeat["again"], repeat["n"])),
    ]
    rows = [
        [
            _label(ItemKind, g["item__kind"]) if g["item__kind"] else _("No item"),
            g["reason__name"] or _("No reason"),
            g["n"],
            rate(g["confirmed"], g["n"]),
            rate(g["assumed"], g["known"]),
        ]
        for g in groups[:20]
    ]
    return Measure(
        key="deflection",
        title=_("Deflection: what self-help saves"),
        definition=_(
            "Over self-help journeys started in the date range. A contact counts once the "
            "customer reached us (a message sent, a callback booked, a chat started, a call "
            "made); a channel chosen and walked away from does not. Self-service score: "
            "journeys divided by the customers who contacted us in the range. Confirmed "
            "self-resolution: journeys where the customer said an article solved it. Assumed "
            "self-resolution: journeys of signed-in customers that did not end in a contact and "
            "were followed by no contact about the same item within 72 hours. Suggested "
            "articles read without writing to us: of the journeys where the customer, writing "
            "to us, opened an article suggested under “These may answer it”, those that did not "
            "end in a contact. Searches with no results: searches "
            "in the range that found nothing. Articles marked helpful: 'this solved it' answers "
            "out of all answers to 'did this solve it?'. Repeat contacts: contacts by a "
            "customer who had contacted us in the 7 days before (as in effort signals)."
        ),
        columns=[
            _("Item kind"),
            _("Reason"),
            _("Journeys"),
            _("Confirmed (%)"),
            _("Assumed (%)"),
        ],
        rows=rows,
        summary=figures,
        chart=bar_chart(
            "deflection",
            str(_("Deflection, percent")),
            [(str(label), value) for label, value in figures[1:]],
            unit=" %",
        ),
        note=SELF_HELP_NOTE,
    )


# The report's knowledge gaps are the gaps page's measure (knowledge.selectors), over the date
# range and the reason and item filters; the ten largest are shown.
GAPS_REPORTED = 10


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def knowledge_gaps(f: ReportFilters) -> Measure:
    rows = knowledge_selectors.articles_read_before_contact(
        _journeys(f), language=_language(), limit=GAPS_REPORTED
    )
    table = [[row["article_title"], row["journeys"], row["reads"]] for row in rows]
    return Measure(
        key="knowledge-gaps",
        title=_("Knowledge gaps: articles read right before a contact"),
        definition=_(
            "Articles opened in self-help journeys, started in the date range, that ended with "
            "the customer contacting us: the article did not answer their question. Ranked by "
            "the number of such journeys; the ten largest are shown."
        ),
        columns=[_("Article"), _("Journeys that still ended in a contact"), _("Times opened")],
        rows=table,
        chart=bar_chart(
            "knowledge-gaps",
            str(_("Journeys ending in a contact after reading")),
            [(str(row[0]), row[1]) for row in table],
        ),
        note=SELF_HELP_NOTE,
    )


def searches_without_results(f: ReportFilters) -> Measure:
    rows = knowledge_selectors.searches_without_results(
        start=f.start, end=f.end, limit=GAPS_REPORTED
    )
    table = [[row["term"], row["language"], row["times"]] for row in rows]
    return Measure(
        key="no-results",
        title=_("Knowledge gaps: searches with no results"),
        definition=_(
            "Searches on Need Help in the date range that found nothing, by search term and "
            "language; the ten most frequent are shown."
        ),
        columns=[_("Search term"), _("Language"), _("Searches")],
        rows=table,
        chart=bar_chart(
            "no-results",
            str(_("Searches with no results")),
            [(f"{row[0]} ({row[1]})", row[2]) for row in table],
        ),
        note=SELF_HELP_NOTE,
    )


# --- Assignment and workload ----------------------------------------------------------------


def _hours_of(duration: timedelta | None) -> float | None:
    return round(duration.total_seconds() / 3600, 1) if duration is not None else None


def time_to_assignment_and_reply(f: ReportFilters) -> Measure:
    """Per team and channel, for cases opened in the range (so every case is measured once):
    the time from a case being opened to its first agent assignment (the first time it had an
    owner, by push, Next case, take over or by hand) and to its first reply (the first public
    reply, or a call or chat an agent answered), averaged over the cases where it happened."""
    opened = Case.objects.filter(_case_q(f), created_at__gte=f.start, created_at__lt=f.end)
    to_assign = ExpressionWrapper(F("first_assigned_at") - F("created_at"), DurationField())
    to_reply = ExpressionWrapper(F("first_responded_at") - F("created_at"), DurationField())
    groups = (
        opened.values("team__name", "channel")
        .annotate(
            cases=Count("id"),
            assigned=Count("id", filter=Q(first_assigned_at__isnull=False)),
            assign_time=Avg(to_assign, filter=Q(first_assigned_at__isnull=False)),
            replied=Count("id", filter=Q(first_responded_at__isnull=False)),
            reply_time=Avg(to_reply, filter=Q(first_responded_at__isnull=False)),
        )
        .order_by("team__name", "channel")
    )
    table = [
        [
            row["team__name"] or str(_("None")),
            _label(ChannelKind, row["channel"]),
            row["cases"],
            row["assigned"],
            _hours_of(row["assign_time"]),
            row["replied"],
            _hours_of(row["reply_time"]),
        ]
        for row in groups
    ]
    totals = opened.aggregate(
        cases=Count("id"),
        assign_time=Avg(to_assign, filter=Q(first_assigned_at__isnull=False)),
        reply_time=Avg(to_reply, filter=Q(first_responded_at__isnull=False)),
    )
    return Measure(
        key="time-to-assignment",
        title=_("Time to first assignment and first reply"),
        definition=_(
            "For cases opened in the date range, per team and channel of first contact: the "
            "average time from the case being opened to its first agent assignment (the first "
            "time it had an owner: offered by push, taken with Next case, taken over or "
            "assigned by hand) and to its first reply (a public reply, or a call or chat an "
            "agent answered). Cases not yet assigned or answered are counted as cases but not "
            "in the averages."
        ),
        columns=[
            _("Team"),
            _("Channel"),
            _("Cases"),
            _("Assigned"),
            _("Average hours to assignment"),
            _("Replied"),
            _("Average hours to first reply"),
        ],
        rows=table,
        summary=[
            (_("Cases opened"), totals["cases"]),
            (_("Average hours to first assignment"), _hours_of(totals["assign_time"])),
            (_("Average hours to first reply"), _hours_of(totals["reply_time"])),
        ],
        chart=bar_chart(
            "time-to-assignment",
            str(_("Average hours to first assignment, per team and channel")),
            [(f"{row[0]} · {row[1]}", row[4] or 0) for row in table],
        ),
    )


def open_cases_per_agent(f: ReportFilters) -> Measure:
    """Workload now: open cases per owner (the date range does not apply)."""
    now = timezone.now()
    open_cases = Case.objects.filter(_case_q(f), status__in=OPEN_STATUSES)
    groups = (
        open_cases.values("owner_id", "owner__first_name", "owner__last_name", "owner__email")
        .annotate(
            cases=Count("id"),
            unanswered=Count("id", filter=Q(first_responded_at__isnull=True)),
            breaching=Count(
                "id",
                filter=Q(first_responded_at__isnull=True, first_response_due__lt=now)
                | Q(resolution_due__lt=now),
            ),
        )
        .order_by("-cases", "owner__email")
    )
    table = []
    for row in groups:
        if row["owner_id"] is None:
            name = str(_("Nobody yet (in the queue)"))
        else:
            full = f"{row['owner__first_name']} {row['owner__last_name']}".strip()
            name = full or row["owner__email"]
        table.append([name, row["cases"], row["unanswered"], row["breaching"]])
    return Measure(
        key="workload",
        title=_("Open cases per agent"),
        definition=_(
            "Now, whatever the date range: the open cases (new, open, waiting on the customer "
            "or on us) each agent owns, how many of those have had no reply yet, and how many "
            "are past a first-response or resolution due time. Cases without an owner are "
            "waiting in their team's queue."
        ),
        columns=[_("Agent"), _("Open cases"), _("Not yet answered"), _("Breaching SLA")],
        rows=table,
        summary=[(_("Open cases"), sum(row[1] for row in table))],
        chart=bar_chart(
            "workload",
            str(_("Open cases per agent")),
            [(str(row[0]), row[1]) for row in table[:20]],
        ),
        note=_("The date range does not apply: this is the workload now."),
    )


# --- Sections -------------------------------------------------------------------------------

SECTIONS: dict[str, tuple[Any, list]] = {
    "contacts": (
        _("Contacts and speed"),
        [contact_volume, contact_volume_by_reason, speed_and_abandonment, effort_signals],
    ),
    "cases": (
        _("Resolution and promises"),
        [first_contact_resolution, resolution_time, sla_attainment, promises_kept],
    ),
    "work": (
        _("Assignment and workload"),
        [time_to_assignment_and_reply, open_cases_per_agent],
    ),
    "feedback": (
        _("Satisfaction and feeling"),
        [outcome_satisfaction, customer_feeling, follow_up_queue],
    ),
    "self-help": (
        _("Self-help and knowledge gaps"),
        [self_help_success, deflection, knowledge_gaps, searches_without_results],
    ),
    "notices": (
        _("Proactive notices"),
        [_notices.notices_sent, _notices.contacts_avoided_measure],
    ),
}


def section_measures(section: str, f: ReportFilters) -> list[Measure]:
    f = replace(f.with_reason_family(), live=LiveDays())
    _title, functions = SECTIONS[section]
    measures = [function(f) for function in functions]
    return [m for m in measures if m is not None]


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    reasons = ContactReason.objects.select_related("parent").order_by(
        Coalesce("parent__position", "position"), "parent_id", "position", "name"
    )
    return {
        "channel": [(c.value, str(c.label)) for c in ChannelKind],
        "reason": [(r.slug, str(r)) for r in reasons],
        "team": list(Team.objects.order_by("name").values_list("slug", "name")),
        "item_kind": [(k.value, str(k.label)) for k in ItemKind],
    }
