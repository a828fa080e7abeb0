"""Push teams: cases that waited because nobody had room are offered as soon as an agent
becomes available at the desk or has room again; and both push and Next case prefer the
customer's language."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import AgentProfile, Case, CaseEvent, CaseStatus
from channels_routing.models import AgentPresence, Channel, PresenceStatus
from tests.concurrency import all_at_once
from tests.factories import CaseFactory, CustomerFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

NEXT = reverse("admin:cases_case_next")


@pytest.fixture
def message(db):
    return Channel.objects.create(kind="message")


@pytest.fixture
def push_team(agent):
    team = TeamFactory(name="Deliveries", assignment="push", capacity=2)
    team.members.add(agent)
    return team


def _waiting(team, *, hours, language="en", **kw):
    """A case of the team nobody had room for, its first response due in ``hours``."""
    return CaseFactory(
        team=team,
        customer=CustomerFactory(preferred_language=language),
        first_response_due=timezone.now() + timedelta(hours=hours),
        **kw,
    )


def _owners(*cases):
    return [Case.objects.get(pk=case.pk).owner_id for case in cases]


def test_an_agent_who_comes_online_gets_the_waiting_cases_most_urgent_first(
    agent, agent_client, push_team, message
):
    later = _waiting(push_team, hours=5)
    first = _waiting(push_team, hours=1)
    second = _waiting(push_team, hours=2, priority="high")
    pull_team = TeamFactory(assignment="pull")
    pull_team.members.add(agent)
    pulled = _waiting(pull_team, hours=0)  # a pull team's case waits for Next case

    response = agent_client.post(
        reverse("channels_routing:desk_presence"), {f"status-{message.pk}": "available"}
    )
    assert response.status_code == 302
    # Capacity 2: the two most urgent are theirs, the third keeps waiting.
    assert _owners(first, second, later, pulled) == [agent.pk, agent.pk, None, None]
    event = CaseEvent.objects.get(case=first, kind="assignment")
    assert event.author is None and event.data["to"]["owner"] == agent.pk
    assert event.data["waited"] is True

    # Resolving one gives them room: the case that waited comes to them.
    services.case_change_status(case=first, status=CaseStatus.RESOLVED, by=agent, summary="Done")
    assert _owners(later) == [agent.pk]


def test_going_away_or_a_full_agent_offers_nothing(agent, push_team, message):
    waiting = _waiting(push_team, hours=1)
    AgentPresence.objects.create(agent=agent, channel=message, status=PresenceStatus.AWAY)
    assert _owners(waiting) == [None]
    CaseFactory(team=push_team, owner=agent)
    CaseFactory(team=push_team, owner=agent)  # at capacity
    AgentPresence.objects.filter(agent=agent).delete()
    AgentPresence.objects.create(agent=agent, channel=message, status=PresenceStatus.AVAILABLE)
    assert _owners(waiting) == [None]


def test_handing_a_case_on_gives_the_agent_room_for_a_waiting_one(agent, push_team, message):
    mine = [CaseFactory(team=push_team, owner=agent) for _ in range(2)]
    AgentPresence.objects.create(agent=agent, channel=message, status=PresenceStatus.AVAILABLE)
    waiting = _waiting(push_team, hours=1)
    assert _owners(waiting) == [None]  # full
    colleague = UserFactory(role="agent")
    services.case_assign(case=mine[0], by=agent, team=push_team, owner=colleague)
    assert _owners(waiting) == [agent.pk]


def test_a_case_handed_to_a_push_team_without_owner_is_offered(agent, push_team, message):
    AgentPresence.objects.create(agent=agent, channel=message, status=PresenceStatus.AVAILABLE)
    elsewhere = CaseFactory(team=TeamFactory())
    services.case_assign(case=elsewhere, by=agent, team=push_team, owner=None)
    assert _owners(elsewhere) == [agent.pk]


def test_a_dutch_case_that_waited_goes_to_the_dutch_speaker(agent, push_team, message):
    dutch = UserFactory(role="agent")
    AgentProfile.objects.create(user=dutch, languages=["nl"])
    push_team.members.add(dutch)
    dutch_case = _waiting(push_team, hours=1, language="nl")
    english = _waiting(push_team, hours=2)
    AgentPresence.objects.create(agent=dutch, channel=message, status=PresenceStatus.AWAY)
    AgentPresence.objects.filter(agent=dutch).update(status=PresenceStatus.AVAILABLE)
    # The agent who comes online does not get the more urgent Dutch case: the Dutch speaker
    # (available, with room) does; the English one goes to the agent with the fewest.
    AgentPresence.objects.create(agent=agent, channel=message, status=PresenceStatus.AVAILABLE)
    assert _owners(dutch_case, english) == [dutch.pk, agent.pk]


def test_cases_of_an_agent_who_went_offline_go_to_a_colleague_who_has_room(
    agent, push_team, message
):
    colleague = UserFactory(role="agent")
    push_team.members.add(colleague)
    AgentPresence.objects.create(agent=colleague, channel=message, status=PresenceStatus.AWAY)
    unanswered = CaseFactory(team=push_team, owner=colleague, status=CaseStatus.NEW)
    AgentPresence.objects.create(agent=agent, channel=message, status=PresenceStatus.AVAILABLE)
    assert services.cases_requeue_offline() == 1
    assert _owners(unanswered) == [agent.pk]
    kinds = list(
        CaseEvent.objects.filter(case=unanswered, kind="assignment")
        .order_by("id")
        .values_list("data__to__owner", flat=True)
    )
    assert kinds == [None, agent.pk]


# --- Next case in the agent's languages first


@pytest.mark.parametrize(
    ("speaks", "order"),
    [
        # No languages set: simply the most urgent first.
        ([], ["en-1", "nl-2", "de-3", "nl-4"]),
        # A Dutch speaker gets the Dutch cases first (most urgent of them first), then the rest.
        (["nl"], ["nl-2", "nl-4", "en-1", "de-3"]),
        (["de", "nl"], ["nl-2", "de-3", "nl-4", "en-1"]),
        # Nobody waiting in their language: the most urgent of the rest.
        (["fr"], ["en-1", "nl-2", "de-3", "nl-4"]),
    ],
)
def test_next_case_offers_cases_in_my_languages_first(agent, agent_client, speaks, order):
    team = TeamFactory()
    team.members.add(agent)
    AgentProfile.objects.create(user=agent, languages=speaks)
    names = {}
    for label in ["en-1", "nl-2", "de-3", "nl-4"]:
        language, hours = label.split("-")
        names[_waiting(team, hours=int(hours), language=language).pk] = label
    taken = []
    for _ in order:
        agent_client.post(NEXT)
        case = Case.objects.filter(owner=agent).order_by("-first_assigned_at", "-id").first()
        taken.append(names[case.pk])
    assert taken == order


def test_a_new_case_knows_its_customers_language(customer):
    customer.preferred_language = "nl"
    customer.save()
    case, _created = services.case_open_or_join(
        customer=customer, item=None, reason=None, channel="message", description="Hallo"
    )
    assert case.language == "nl"


def test_the_migration_gives_open_cases_their_customers_language():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cases.migrations.0007_case_language")
    dutch = CustomerFactory(preferred_language="nl")
    open_case = CaseFactory(customer=dutch, language="", status=CaseStatus.OPEN)
    closed = CaseFactory(customer=dutch, language="", status=CaseStatus.CLOSED)
    migration.open_cases_take_their_customers_language(apps, None)
    assert Case.objects.get(pk=open_case.pk).language == "nl"
    assert Case.objects.get(pk=closed.pk).language == ""


# --- Two agents coming online at once (real transactions on PostgreSQL)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_agents_coming_online_at_once_never_share_a_case_nor_pass_capacity():
    channel = Channel.objects.create(kind="message")
    team = TeamFactory(assignment="push", capacity=3)
    agents = [UserFactory(role="agent") for _ in range(2)]
    team.members.add(*agents)
    for hours in range(8):
        _waiting(team, hours=hours + 1)

    def come_online(agent):
        AgentPresence.objects.create(agent=agent, channel=channel, status=PresenceStatus.AVAILABLE)

    errors = all_at_once(come_online, agents)
    assert not errors
    per_agent = {a.pk: Case.objects.filter(owner=a).count() for a in agents}
    assert per_agent == {agents[0].pk: 3, agents[1].pk: 3}
    assert Case.objects.filter(owner__isnull=True).count() == 2
    # Each case was offered once: one assignment entry per owned case.
    offered = CaseEvent.objects.filter(kind="assignment").values_list("case_id", flat=True)
    assert len(offered) == len(set(offered)) == 6


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_cases_opening_at_once_in_a_push_team_never_pass_an_agents_capacity():
    channel = Channel.objects.create(kind="message")
    team = TeamFactory(assignment="push", capacity=2, is_default=True)
    agent = UserFactory(role="agent")
    team.members.add(agent)
    AgentPresence.objects.create(agent=agent, channel=channel, status=PresenceStatus.AVAILABLE)

    def open_case(customer):
        with transaction.atomic():
            services.case_open_or_join(
                customer=customer, item=None, reason=None, channel="message", description="?"
            )

    errors = all_at_once(open_case, [CustomerFactory() for _ in range(6)])
    assert not errors
    assert Case.objects.count() == 6
    assert Case.objects.filter(owner=agent).count() == 2  # the rest wait for room
