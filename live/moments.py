"""Moments of time the desk shows: a callback comes due, a case starts breaching its SLA, a
case's earliest open promise becomes overdue. No write happens then, so no save tells the open
desks (live/receivers.py); this job does. Each run reads only what came due since the last run
(``Watermark``), on the partial indexes the desk's own queues use, and tells the desks of the
agents who may see it (the teams of the case, its owner, the contact's agent, the managers; a
waiting contact without a case, every desk), after the run commits.

Run by Celery beat every 15 seconds (live/schedule.py); under ``make run``, where there is no
beat, by the ASGI process itself while a desk stream is open there (``LIVE_DESK_TICKER_SECONDS``,
live/views.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from cases.models import OPEN_STATUSES, Case, ChannelKind
from channels_routing.models import CallbackRequest, CallbackStatus
from core import live
from live.models import Watermark

NAME = "desk-moments"
# The first run looks back this far (desks opened just before it were read before it).
FIRST_LOOK_BACK = timedelta(minutes=1)
# A run after a long stop (beat down) looks back at most this far: one bounded read.
MAX_LOOK_BACK = timedelta(days=1)


def _claim(now: datetime) -> tuple[datetime, datetime] | None:
    """The window (start, now] this run tells, moved in one conditional update: two runs at
    once never tell the same moment (the one whose update finds the old value wins)."""
    mark = Watermark.objects.filter(pk=NAME).values_list("checked_until", flat=True).first()
    if mark is None:
        _, created = Watermark.objects.get_or_create(pk=NAME, defaults={"checked_until": now})
        return (now - FIRST_LOOK_BACK, now) if created else None
    if mark >= now:
        return None
    if not Watermark.objects.filter(pk=NAME, checked_until=mark).update(checked_until=now):
        return None
    return max(mark, now - MAX_LOOK_BACK), now


def _case_groups(team_id: int | None, owner_id: int | None) -> set[str]:
    groups = {live.DESK_MANAGERS}
    if team_id is not None:
        groups.add(live.desk_team_group(team_id))
    if owner_id is not None:
        groups.add(live.desk_agent_group(owner_id))
    return groups


def due_groups(start: datetime, end: datetime) -> set[str]:
    """The desk groups that see something that came due in (start, end]."""
    groups: set[str] = set()
    # Cases: the first answer or the resolution falls due (the "breaching SLA" queue), or the
    # earliest open promise does (the "overdue promises" queue). One query, each part a range
    # read on its own partial index of open cases (an OR of the three would read them all).
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES).order_by()
    parts = [
        open_cases.filter(
            first_responded_at__isnull=True,
            first_response_due__gt=start,
            first_response_due__lte=end,
        ),
        open_cases.filter(resolution_due__gt=start, resolution_due__lte=end),
        open_cases.filter(open_promise_due__gt=start, open_promise_due__lte=end),
    ]
    pairs = [part.values_list("team_id", "owner_id") for part in parts]
    for team_id, owner_id in pairs[0].union(*pairs[1:]):  # UNION: each pair once
        groups |= _case_groups(team_id, owner_id)
    # Callbacks (the callback queue marks a due one), seen as their contact is.
    callbacks = (
        CallbackRequest.objects.filter(
            status__in=[CallbackStatus.WAITING, CallbackStatus.TRIED],
            due_at__gt=start,
            due_at__lte=end,
        )
        .order_by()
        .values_list(
            "contact__case_id",
            "contact__case__team_id",
            "contact__case__owner_id",
            "contact__agent_id",
            "contact__channel",
            "contact__ended_at",
            "contact__abandoned_at",
        )
    )
    for case_id, team_id, owner_id, agent_id, channel, ended_at, abandoned_at in callbacks:
        waiting = (
            case_id is None
            and channel in (ChannelKind.CHAT, ChannelKind.PHONE)
            and ended_at is None
            and abandoned_at is None
        )
        if waiting:  # every agent may pick it up (contacts_visible_to)
            groups.add(live.DESK)
            continue
        groups.add(live.DESK_MANAGERS)
        if case_id is not None:
            groups |= _case_groups(team_id, owner_id)
        if agent_id is not None:
            groups.add(live.desk_agent_group(agent_id))
    if live.DESK in groups:  # every desk hears it once
        return {live.DESK}
    return groups


@transaction.atomic
def desk_moments(*, now: datetime | None = None) -> set[str]:
    """Tell the desks what came due since the last run; returns the groups told."""
    claimed = _claim(now or timezone.now())
    if claimed is None:
        return set()
    groups = due_groups(*claimed)
    for group in sorted(groups):
        live.publish(group, "desk")
    return groups
