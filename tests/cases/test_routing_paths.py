"""Every way a case is opened gives it a team in the same request, by the manager's rules,
and the timeline says which rule and why."""

import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from cases.models import Case, CaseEvent, CaseStatus, ChannelKind, Contact, Team, TeamRule
from channels_routing.models import AgentPresence, Channel, PresenceStatus
from feedback.services import feedback_pick_up, feedback_submit
from tests.channels_routing.factories import ALWAYS
from tests.factories import ContactReasonFactory, ItemFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_channels(db):
    """Every channel open, with an agent on the phone, chat and callback lines (the desk;
    not in any team, so push assignment never picks them)."""
    from tests.factories import UserFactory

    desk = UserFactory(role="agent")
    for kind in ChannelKind.values:
        channel = Channel.objects.create(
            kind=kind, business_hours=ALWAYS, capacity=5, phone_number="+31 20"
        )
        AgentPresence.objects.create(agent=desk, channel=channel, status=PresenceStatus.AVAILABLE)


@pytest.fixture
def teams(db):
    return {
        "deliveries": TeamFactory(name="Deliveries", slug="deliveries"),
        "service": TeamFactory(name="Service", slug="service", is_default=True),
        "phone": TeamFactory(name="Phone desk", slug="phone-desk"),
    }


@pytest.fixture
def wismo(db):
    return ContactReasonFactory(slug="wismo", name="Where is my order?", urgency="high")


@pytest.fixture
def rules(teams, wismo):
    TeamRule.objects.create(name="Orders", position=1, team=teams["deliveries"], reason=wismo)
    TeamRule.objects.create(name="Calls", position=2, team=teams["phone"], channel="phone")


def _choose(client, item, reason, channel):
    """Choose a channel, then reach us on it (the message sent, the call made, the callback
    booked, the chat started: each path calls contact_reached), which opens the case."""
    from channels_routing.services import contact_reached

    client.post(
        reverse("channels_routing:choose") + f"?item={item.pk}&reason={reason.slug}",
        {"channel": channel, "idempotency_key": uuid.uuid4().hex, "description": "Help"},
    )
    return contact_reached(contact=Contact.objects.latest("id")).case


def _routing_entry(case: Case) -> str:
    return CaseEvent.objects.get(case=case, kind="routing").body


@pytest.mark.parametrize("channel", ["message", "phone", "callback", "chat"])
def test_a_contact_on_any_channel_opens_a_case_in_the_rules_team(
    customer, customer_client, open_channels, rules, wismo, channel
):
    item = ItemFactory(customer=customer)
    case = _choose(customer_client, item, wismo, channel)
    assert case.team.name == "Deliveries"
    assert _routing_entry(case) == "Routed to Deliveries: reason Where is my order?"


def test_a_contact_no_rule_matches_goes_to_the_default_team(
    customer, customer_client, open_channels, rules
):
    other = ContactReasonFactory(slug="else", name="Something else", urgency="high")
    case = _choose(customer_client, ItemFactory(customer=customer), other, "phone")
    assert case.team.name == "Phone desk"  # the second rule: by channel
    case = _choose(customer_client, ItemFactory(customer=customer), other, "message")
    assert case.team.name == "Service"
    assert _routing_entry(case) == "Routed to Service: default team"


def test_a_guest_message_opens_a_case_in_the_default_team(client, open_channels, rules):
    start = reverse("channels_routing:guest_start")
    client.post(start, {"name": "Pat", "email": "pat@example.net"})
    code = re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)
    client.post(reverse("channels_routing:guest_confirm"), {"code": code})
    client.post(reverse("channels_routing:guest_message"), {"body": "Do you deliver to Utrecht?"})
    case = Contact.objects.get().case
    assert case.team.name == "Service"


def test_an_erasure_request_opens_a_case_with_a_team(customer, customer_client, rules):
    customer_client.post(reverse("mystuff:data_erase"), {"confirm": "on"})
    case = Case.objects.get(customer=customer)
    assert case.team.name == "Service"
    assert _routing_entry(case) == "Routed to Service: default team"


def test_a_re_contact_after_resolution_opens_a_new_case_with_a_team(
    customer, customer_client, open_channels, rules, wismo, agent
):
    from cases.services import case_change_status

    item = ItemFactory(customer=customer)
    first = _choose(customer_client, item, wismo, "message")
    case_change_status(case=first, status=CaseStatus.RESOLVED, by=agent, summary="Delivered")
    case_change_status(case=first, status=CaseStatus.CLOSED, by=agent)
    again = _choose(customer_client, item, wismo, "message")
    assert again.pk != first.pk
    assert again.team.name == "Deliveries"


def test_a_feedback_follow_up_opens_a_case_with_a_team(customer, agent, rules):
    item = ItemFactory(customer=customer)
    feedback = feedback_submit(
        customer=customer,
        item=item,
        satisfaction=1,
        feeling=1,
        comment="Nobody came",
        follow_up_requested=True,
    )
    feedback = feedback_pick_up(feedback=feedback, agent=agent)
    assert feedback.follow_up_case.team.name == "Service"


def test_a_database_without_teams_gets_a_default_team(customer, customer_client):
    assert not Team.objects.exists()
    customer_client.post(reverse("mystuff:data_erase"), {"confirm": "on"})
    case = Case.objects.get(customer=customer)
    assert (case.team.name, case.team.is_default) == ("Customer service", True)


def test_a_push_team_offers_the_case_to_its_available_dutch_speaker(
    customer, customer_client, open_channels, teams, wismo, agent, django_user_model
):
    from cases.models import AgentProfile
    from tests.factories import UserFactory

    deliveries = teams["deliveries"]
    Team.objects.filter(pk=deliveries.pk).update(assignment="push", capacity=2)
    TeamRule.objects.create(name="Orders", team=deliveries, reason=wismo)
    dutch = UserFactory(role="agent", first_name="Daan")
    away = UserFactory(role="agent")
    deliveries.members.add(agent, dutch, away)
    AgentProfile.objects.create(user=dutch, languages=["nl"])
    AgentProfile.objects.create(user=away, languages=["nl"])
    message = Channel.objects.get(kind="message")
    for person, status in [(agent, "available"), (dutch, "available"), (away, "away")]:
        AgentPresence.objects.create(agent=person, channel=message, status=status)
    customer.preferred_language = "nl"
    customer.save()

    case = _choose(customer_client, ItemFactory(customer=customer), wismo, "message")
    assert case.owner == dutch
    assert case.first_assigned_at is not None
    assert CaseEvent.objects.filter(case=case, kind="assignment", body__contains="Daan").exists()
    # Daan is full at two open cases: the third goes to the other available agent.
    _choose(customer_client, ItemFactory(customer=customer), wismo, "message")
    third = _choose(customer_client, ItemFactory(customer=customer), wismo, "message")
    assert third.owner == agent
    AgentPresence.objects.filter(agent=agent).update(status=PresenceStatus.AWAY)
    fourth = _choose(customer_client, ItemFactory(customer=customer), wismo, "message")
    assert fourth.owner is None  # nobody has room: it waits for Next case


def test_a_team_that_asked_is_emailed_about_its_new_cases(
    customer, customer_client, open_channels, teams, wismo, django_capture_on_commit_callbacks
):
    deliveries = teams["deliveries"]
    Team.objects.filter(pk=deliveries.pk).update(
        email="deliveries@example.com", email_new_cases=True
    )
    TeamRule.objects.create(name="Orders", team=deliveries, reason=wismo)
    with django_capture_on_commit_callbacks(execute=True):
        case = _choose(customer_client, ItemFactory(customer=customer), wismo, "message")
    sent = [m for m in mail.outbox if m.to == ["deliveries@example.com"]]
    assert len(sent) == 1
    assert case.reference in sent[0].subject
    assert f"/admin/cases/case/{case.pk}/change/" in sent[0].body
