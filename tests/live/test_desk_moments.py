"""Moments of time on the desk: a callback comes due, a case starts breaching its SLA, a
promise becomes overdue. Nothing is saved then; live.desk_moments tells the open desks of the
agents who see it, each moment once."""

import asyncio
from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from channels_routing.models import CallbackRequest, CallbackStatus
from core import live
from live import moments, views
from live.models import Watermark
from tests.channels_routing.factories import ContactFactory
from tests.factories import CaseFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _case(team, **dues) -> Case:
    case = CaseFactory(team=team)
    # As time passes, nothing is saved: set the dues the way no signal hears.
    none = {"first_response_due": None, "resolution_due": None, "open_promise_due": None}
    Case.objects.filter(pk=case.pk).update(**{**none, **dues})
    return case


def _callback(case, due_at, phone="+31600000001") -> CallbackRequest:
    """A callback booked on the case, with the context the desk's card shows."""
    from channels_routing.selectors import Target
    from channels_routing.services import contact_context

    context = contact_context(
        target=Target(case.customer), channel="phone", description="Ring me", repeat_contacts=0
    )
    contact = ContactFactory(channel="phone", customer=case.customer, case=case, context=context)
    return CallbackRequest.objects.create(contact=contact, phone=phone, due_at=due_at)


def _heard(groups: list[str], action) -> dict[str, int]:
    """Run ``action`` with a listener in each group: how many desk events each heard."""
    layer = get_channel_layer()

    async def listen():
        channels = {}
        for group in groups:
            channels[group] = await layer.new_channel()
            await layer.group_add(group, channels[group])
        await sync_to_async(action)()
        heard = dict.fromkeys(groups, 0)
        for group, channel in channels.items():
            while True:
                try:
                    await asyncio.wait_for(layer.receive(channel), 0.1)
                except TimeoutError:
                    break
                heard[group] += 1
            await layer.group_discard(group, channel)
        return heard

    return async_to_sync(listen)()


def test_each_moment_is_told_once_as_the_clock_passes_it(agent):
    team = agent.teams.get()
    elsewhere = TeamFactory()
    t0 = timezone.now()
    breaching = _case(team, first_response_due=t0 + timedelta(minutes=10))
    promised = _case(elsewhere, open_promise_due=t0 + timedelta(minutes=20))
    _case(team, first_response_due=t0 + timedelta(minutes=2), first_responded_at=t0)  # answered
    callback = _callback(
        _case(elsewhere, resolution_due=t0 + timedelta(days=3)), t0 + timedelta(minutes=5)
    )
    Watermark.objects.create(name=moments.NAME, checked_until=t0)
    team_group, other_group = live.desk_team_group(team.pk), live.desk_team_group(elsewhere.pk)
    groups = [team_group, other_group, live.DESK_MANAGERS, live.DESK]

    def at(minutes):
        return lambda: moments.desk_moments(now=t0 + timedelta(minutes=minutes))

    # Nothing came due: nobody hears anything (an answered case's first answer is no breach).
    assert _heard(groups, at(4)) == dict.fromkeys(groups, 0)
    # The callback comes due: the desks that see its case hear it, once.
    assert _heard(groups, at(6)) == {
        team_group: 0,
        other_group: 1,
        live.DESK_MANAGERS: 1,
        live.DESK: 0,
    }
    assert _heard(groups, at(6)) == dict.fromkeys(groups, 0)  # told already
    # The first answer's SLA passes: the team's desks (and the managers') hear it, once.
    assert _heard(groups, at(11)) == {
        team_group: 1,
        other_group: 0,
        live.DESK_MANAGERS: 1,
        live.DESK: 0,
    }
    assert _heard(groups, at(12)) == dict.fromkeys(groups, 0)
    # The promise becomes overdue.
    assert _heard(groups, at(21)) == {
        team_group: 0,
        other_group: 1,
        live.DESK_MANAGERS: 1,
        live.DESK: 0,
    }
    assert _heard(groups, at(21)) == dict.fromkeys(groups, 0)
    # Once told, the moment is not told again by a run whose clock is behind (another worker).
    assert _heard(groups, at(15)) == dict.fromkeys(groups, 0)
    assert breaching.pk and promised.pk and callback.pk


def test_a_quiet_run_is_a_few_indexed_reads(agent, django_assert_max_num_queries):
    Watermark.objects.create(name=moments.NAME, checked_until=timezone.now())
    # The transaction (2), the mark, its move, the cases, the callbacks.
    with django_assert_max_num_queries(6):
        assert moments.desk_moments() == set()


def test_a_waiting_callback_without_a_case_is_told_to_every_desk(customer):
    t0 = timezone.now()
    contact = ContactFactory(channel="phone", customer=customer, case=None)
    CallbackRequest.objects.create(
        contact=contact, phone="+31600000002", due_at=t0 + timedelta(minutes=1)
    )
    Watermark.objects.create(name=moments.NAME, checked_until=t0)
    assert moments.desk_moments(now=t0 + timedelta(minutes=2)) == {live.DESK}


def test_a_callback_done_or_a_case_closed_is_no_moment(agent):
    team = agent.teams.get()
    t0 = timezone.now()
    closed = _case(team, resolution_due=t0 + timedelta(minutes=1))
    Case.objects.filter(pk=closed.pk).update(status="closed")
    done = _callback(_case(TeamFactory()), t0 + timedelta(minutes=1))
    CallbackRequest.objects.filter(pk=done.pk).update(status=CallbackStatus.DONE)
    Watermark.objects.create(name=moments.NAME, checked_until=t0)
    assert moments.desk_moments(now=t0 + timedelta(minutes=2)) == set()


def test_beat_runs_the_job():
    from contact_portal.celery import app
    from live.tasks import desk_moments

    assert app.conf.beat_schedule["live-desk-moments"]["task"] == desk_moments.name
    # Run as the worker runs it (results are not stored: CELERY_TASK_IGNORE_RESULT).
    assert desk_moments.apply().get() == 0  # nothing due


# --- What an open desk hears


def test_a_connected_desk_hears_a_case_start_breaching(run, open_stream, agent, manager):
    team = agent.teams.get()
    outsider = UserFactory(role="agent", first_name="Olga")
    TeamFactory().members.add(outsider)
    owner = UserFactory(role="agent", first_name="Omar")  # in no team: owns the case
    t0 = timezone.now()
    case = _case(team, first_response_due=t0 + timedelta(minutes=1))
    Case.objects.filter(pk=case.pk).update(owner=owner)
    Watermark.objects.create(name=moments.NAME, checked_until=t0)

    async def scenario():
        url = reverse("live:desk")
        streams = {user: await open_stream(user, url) for user in (agent, owner, manager, outsider)}
        await sync_to_async(moments.desk_moments)(now=t0 + timedelta(minutes=2))
        heard = {}
        for user, stream in streams.items():
            if user is outsider:
                heard[user] = not await stream.nothing_within(0.3)
            else:
                heard[user] = (await stream.next())["event"] == "desk"
                heard[user] &= await stream.nothing_within(0.1)  # once
            await stream.close()
        return heard

    heard = run(scenario)
    assert heard == {agent: True, owner: True, manager: True, outsider: False}


def test_without_beat_an_open_desk_runs_the_job_itself(run, open_stream, agent, settings):
    """``make run``: no beat. While a desk stream is open, its process runs the job."""
    settings.LIVE_DESK_TICKER_SECONDS = 0.1
    team = agent.teams.get()
    t0 = timezone.now()
    _callback(_case(team), t0 + timedelta(seconds=0.5))
    Watermark.objects.create(name=moments.NAME, checked_until=t0)

    async def scenario():
        stream = await open_stream(agent, reverse("live:desk"))
        event = await stream.next(timeout=3)
        quiet = await stream.nothing_within(0.5)  # told once, though the job runs on
        await stream.close()
        return event, quiet

    event, quiet = run(scenario)
    assert event["event"] == "desk" and quiet
    assert views.desk_ticker.task is None  # the last desk closed: the job stops


def test_the_desk_marks_a_callback_that_is_due(client, agent):
    team = agent.teams.get()
    now = timezone.now()
    _callback(_case(team), now - timedelta(minutes=1))
    later = _callback(_case(team), now + timedelta(hours=2), phone="+31600000003")
    client.force_login(agent)
    page = client.get(reverse("channels_routing:desk")).content.decode()
    callbacks = page[page.index('id="callbacks"') :]
    assert callbacks.count("Call now") == 1
    assert callbacks.index("Call now") < callbacks.index(f"\u2066{later.phone}\u2069 · ")


def test_the_ticker_stops_once_it_is_turned_off_though_a_desk_stays_open(
    run, open_stream, agent, settings
):
    """A desk left open (a tab nobody closes) does not keep the job running once the setting
    is 0: the ticker reads it again after every run."""
    settings.LIVE_DESK_TICKER_SECONDS = 0.05

    async def scenario():
        stream = await open_stream(agent, reverse("live:desk"))
        await asyncio.sleep(0.2)
        task = views.desk_ticker.task
        running = task is not None and not task.done()
        settings.LIVE_DESK_TICKER_SECONDS = 0
        await asyncio.sleep(0.3)
        stopped = task is not None and task.done()
        await stream.close()
        return running, stopped

    running, stopped = run(scenario)
    assert running and stopped
