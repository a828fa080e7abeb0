"""Agents get work: the Unassigned queue of their teams, Next case, finding any case by what
the customer says and taking it over, and cases going back to the queue when an agent leaves."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Case, CaseEvent, CaseStatus
from cases.tasks import requeue_offline
from channels_routing.models import AgentPresence, Channel, PresenceStatus
from core.models import AuditLog
from tests.concurrency import all_at_once
from tests.factories import CaseFactory, CustomerFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:cases_case_changelist")
NEXT = reverse("admin:cases_case_next")


def listed(response):
    return {case.pk for case in response.context["cl"].result_list}


def test_unassigned_means_no_owner_yet_in_my_teams(agent_client, agent, team):
    waiting = CaseFactory(team=team, status=CaseStatus.NEW)
    CaseFactory(team=team, owner=agent, status=CaseStatus.NEW)
    CaseFactory(team=TeamFactory(), status=CaseStatus.NEW)  # another team's: not my queue
    CaseFactory(team=team, status=CaseStatus.RESOLVED)
    response = agent_client.get(CHANGELIST + "?queue=unassigned")
    assert listed(response) == {waiting.pk}


def test_next_case_takes_the_most_urgent_unassigned_case_of_my_teams(agent_client, agent, team):
    now = timezone.now()
    later_due = CaseFactory(team=team, first_response_due=now + timedelta(hours=5))
    low = CaseFactory(team=team, first_response_due=now + timedelta(hours=1), priority="low")
    high = CaseFactory(team=team, first_response_due=now + timedelta(hours=1), priority="high")
    older_high = CaseFactory(
        team=team,
        first_response_due=now + timedelta(hours=1),
        priority="high",
        created_at=now - timedelta(hours=3),
    )
    CaseFactory(team=TeamFactory(), first_response_due=now - timedelta(days=1))  # not my team
    CaseFactory(team=team, owner=UserFactory(role="agent"), first_response_due=now)  # taken

    order = []
    for _ in range(4):
        response = agent_client.post(NEXT)
        taken = Case.objects.filter(owner=agent).order_by("-first_assigned_at", "-id").first()
        assert response.url == reverse("admin:cases_case_change", args=[taken.pk])
        order.append(taken.pk)
    assert order == [older_high.pk, high.pk, low.pk, later_due.pk]
    event = CaseEvent.objects.filter(case_id=older_high.pk, kind="assignment").get()
    assert (event.author, event.data["to"]["owner"]) == (agent, agent.pk)

    response = agent_client.post(NEXT, follow=True)
    assert "No unassigned case is waiting in your teams." in response.content.decode()


def test_the_case_list_has_the_next_case_button(agent_client, team):
    html = agent_client.get(CHANGELIST).content.decode()
    assert f'action="{NEXT}"' in html
    assert "Next case" in html
    assert agent_client.get(NEXT).status_code == 405


def test_the_desk_counts_my_queues_and_has_next_case(agent, team):
    from django.test import Client

    now = timezone.now()
    CaseFactory(team=team, status=CaseStatus.NEW)
    CaseFactory(team=team, status=CaseStatus.NEW, first_response_due=now - timedelta(hours=1))
    CaseFactory(team=team, owner=agent, status=CaseStatus.WAITING_US)
    CaseFactory(team=TeamFactory(), status=CaseStatus.NEW)  # not mine to count
    assert services_counts(agent) == {
        "unassigned": 2,
        "mine": 1,
        "waiting_us": 1,
        "breaching": 1,
        "overdue": 0,
    }
    desk = Client()
    desk.force_login(agent)
    html = desk.get(reverse("channels_routing:desk")).content.decode()
    assert f'action="{NEXT}"' in html
    assert 'href="/admin/cases/case/?queue=unassigned"' in html


def services_counts(agent):
    from cases.selectors import queue_counts

    return queue_counts(user=agent, now=timezone.now())


# --- Finding a case by what the customer says, and taking it over


@pytest.fixture
def elsewhere(db):
    """A case in a team the agent is not in."""
    customer = CustomerFactory(email="ana@example.net", phone="+31612345670")
    return CaseFactory(customer=customer, team=TeamFactory(name="Deliveries"))


@pytest.mark.parametrize(
    "typed", ["reference", "ana@example.net", "ANA@example.net", "+31612345670", "06 1234 5670"]
)
def test_any_agent_finds_a_case_by_reference_email_or_phone(agent_client, team, elsewhere, typed):
    term = elsewhere.reference if typed == "reference" else typed
    response = agent_client.get(CHANGELIST, {"q": term})
    assert listed(response) == {elsewhere.pk}


def test_part_of_a_name_finds_only_cases_of_my_teams(agent_client, team, elsewhere):
    mine = CaseFactory(team=team, customer=CustomerFactory(name="Ana de Vries"))
    elsewhere.customer.name = "Ana Jansen"
    elsewhere.customer.save()
    assert listed(agent_client.get(CHANGELIST, {"q": "Ana"})) == {mine.pk}


def test_an_agent_reads_a_case_found_outside_their_teams_and_takes_it_over(
    agent_client, agent, team, elsewhere
):
    page = reverse("admin:cases_case_change", args=[elsewhere.pk])
    take = reverse("admin:cases_case_act", args=[elsewhere.pk, "take_over"])
    # Not by guessing its id: only once found by what the customer said.
    assert agent_client.get(page).status_code == 404
    assert agent_client.post(take).status_code == 404

    agent_client.get(CHANGELIST, {"q": elsewhere.reference})
    html = agent_client.get(page).content.decode()
    assert "not one of yours" in html
    assert 'id="action-reply"' not in html  # read only until taken over
    assert AuditLog.objects.filter(action="case_read_outside_teams", actor=agent).exists()
    # Acting on it still needs taking it over first.
    note = reverse("admin:cases_case_act", args=[elsewhere.pk, "note"])
    assert agent_client.post(note, {"note-body": "Hi"}).status_code == 404

    response = agent_client.post(take)
    assert response.url == page
    elsewhere.refresh_from_db()
    assert elsewhere.owner == agent
    assert elsewhere.team.name == "Deliveries"  # still in its team, now owned by me
    event = CaseEvent.objects.get(case=elsewhere, kind="assignment")
    assert event.author == agent and "Taken over by" in event.body
    audit = AuditLog.objects.get(action="case_take_over")
    assert (audit.actor, audit.target_id) == (agent, str(elsewhere.pk))
    html = agent_client.get(page).content.decode()
    assert 'id="action-reply"' in html  # now they can work on it


def test_taking_over_a_case_that_is_already_mine_says_so(agent_client, agent, team):
    case = CaseFactory(team=team, owner=agent)
    response = agent_client.post(
        reverse("admin:cases_case_act", args=[case.pk, "take_over"]), follow=True
    )
    assert "This case is already yours." in response.content.decode()


# --- Agents who go offline


def test_unanswered_cases_of_an_agent_who_went_offline_go_back_to_the_queue(agent, team):
    message = Channel.objects.create(kind="message")
    chat = Channel.objects.create(kind="chat")
    unanswered = CaseFactory(team=team, owner=agent, status=CaseStatus.NEW)
    answered = CaseFactory(
        team=team, owner=agent, status=CaseStatus.OPEN, first_responded_at=timezone.now()
    )
    admin_only = UserFactory(role="agent")  # never used the desk: keeps what they took
    kept = CaseFactory(team=team, owner=admin_only, status=CaseStatus.NEW)
    AgentPresence.objects.create(agent=agent, channel=message, status=PresenceStatus.AVAILABLE)
    AgentPresence.objects.create(agent=agent, channel=chat, status=PresenceStatus.AWAY)
    assert requeue_offline() == 0  # still available on one channel

    AgentPresence.objects.filter(agent=agent).update(status=PresenceStatus.AWAY)
    assert requeue_offline() == 1
    unanswered.refresh_from_db()
    answered.refresh_from_db()
    kept.refresh_from_db()
    assert (unanswered.owner, answered.owner, kept.owner) == (None, agent, admin_only)
    event = CaseEvent.objects.get(case=unanswered, kind="assignment")
    assert "went offline before answering" in event.body
    assert requeue_offline() == 0  # nothing twice


def test_the_requeue_job_is_scheduled():
    from contact_portal.celery import app

    assert app.conf.beat_schedule["cases-requeue-offline"]["task"] == "cases.requeue_offline"


def test_first_assignment_time_is_kept(agent, team):
    case = CaseFactory(team=team)
    services.case_assign(case=case, by=agent, team=team, owner=agent)
    case.refresh_from_db()
    first = case.first_assigned_at
    assert first is not None
    services.case_assign(case=case, by=agent, team=team, owner=UserFactory(role="agent"))
    case.refresh_from_db()
    assert case.first_assigned_at == first


# --- Two agents at the same moment (real transactions on PostgreSQL)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks with SKIP LOCKED need PostgreSQL"
)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_agents_pressing_next_case_at_once_get_different_cases():
    team = TeamFactory()
    first, second = UserFactory(role="agent"), UserFactory(role="agent")
    team.members.add(first, second)
    now = timezone.now()
    cases = [
        CaseFactory(team=team, first_response_due=now + timedelta(minutes=i), priority="high")
        for i in range(3)
    ]
    first_holds_lock = threading.Event()
    second_done = threading.Event()
    taken: dict[str, int | None] = {}

    def press(name, agent, hold):
        try:
            with transaction.atomic():
                case = services.case_take_next(agent=agent)
                taken[name] = case.pk if case else None
                if hold:
                    # Still in the transaction: the row stays locked while the other presses.
                    first_holds_lock.set()
                    second_done.wait(10)
        finally:
            connections.close_all()

    a = threading.Thread(target=press, args=("first", first, True))
    a.start()
    assert first_holds_lock.wait(10)
    b = threading.Thread(target=press, args=("second", second, False))
    b.start()
    b.join(10)
    second_done.set()
    a.join(10)
    # The second did not wait for the first's lock, and did not get the same case.
    assert taken == {"first": cases[0].pk, "second": cases[1].pk}
    owners = dict(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("pk", "owner"))
    assert owners == {cases[0].pk: first.pk, cases[1].pk: second.pk, cases[2].pk: None}


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_eight_agents_pressing_together_never_share_a_case():
    team = TeamFactory()
    agents = [UserFactory(role="agent") for _ in range(8)]
    team.members.add(*agents)
    for _ in range(30):
        CaseFactory(team=team)
    taken: list[int] = []
    lock = threading.Lock()

    def work(agent):
        for _ in range(5):
            case = services.case_take_next(agent=agent)
            if case is not None:
                with lock:
                    taken.append(case.pk)

    all_at_once(work, agents)
    assert len(taken) == 30 == len(set(taken))
    assert not Case.objects.filter(owner__isnull=True).exists()


def test_an_agent_hands_a_found_case_to_its_team_with_what_the_customer_said(
    agent_client, agent, team, elsewhere
):
    hand = reverse("admin:cases_case_act", args=[elsewhere.pk, "hand_to_team"])
    assert agent_client.post(hand, {"hand-note": "Called"}).status_code == 404  # not found yet
    agent_client.get(CHANGELIST, {"q": elsewhere.customer.email})
    page = agent_client.post(hand, {"hand-note": "  "}, follow=True).content.decode()
    assert "Write what the customer said first." in page
    agent_client.post(hand, {"hand-note": "She called: the van never came."})
    elsewhere.refresh_from_db()
    assert elsewhere.owner is None and elsewhere.team.name == "Deliveries"
    note = CaseEvent.objects.get(case=elsewhere, kind="note")
    assert (note.author, note.body) == (agent, "She called: the van never came.")
    assert AuditLog.objects.filter(action="case_hand_to_team", actor=agent).exists()
