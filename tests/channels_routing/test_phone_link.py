"""Linking an unknown caller from the desk: find the customer within the agent's scope, choose
them and a case (or a new one), as plain forms and in place with htmx."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseEvent, CaseStatus, Contact
from channels_routing.models import CallRecord
from core.models import AuditLog
from tests.factories import CaseFactory, CustomerFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def team_agent(db):
    agent = UserFactory(role="agent", first_name="Sam")
    TeamFactory(name="Deliveries").members.add(agent)
    return agent


@pytest.fixture
def agent_client(team_agent):
    browser = Client()
    browser.force_login(team_agent)
    return browser


@pytest.fixture
def call(db):
    """An answered call from a number nobody has, now over."""
    now = timezone.now()
    contact = Contact.objects.create(
        channel="phone", requested_at=now, answered_at=now, ended_at=now
    )
    return CallRecord.objects.create(
        call_id="unknown-7",
        contact=contact,
        from_number="+4930609854180",
        answered_at=now,
        ended_at=now,
    )


@pytest.fixture
def wendy(team_agent):
    """A customer with an open case in the agent's team and one in another team."""
    wendy = CustomerFactory(name="Wendy Walker", email="wendy@example.org", phone="+31612345678")
    mine = CaseFactory(customer=wendy, subject="Late parcel", team=team_agent.teams.get())
    theirs = CaseFactory(customer=wendy, subject="Refund", team=TeamFactory(name="Refunds"))
    CaseFactory(customer=wendy, subject="Old one", status=CaseStatus.CLOSED)
    return wendy, mine, theirs


def link_url(call):
    return reverse("channels_routing:desk_call_link", args=[call.pk])


def test_a_name_finds_only_customers_of_the_agents_cases(agent_client, call, wendy):
    CustomerFactory(name="Wendy Other", email="other@example.org")
    html = agent_client.get(link_url(call), {"q": "wendy"}).content.decode()
    assert "Wendy Walker" in html and "Wendy Other" not in html
    # By the email address the caller gives, any customer.
    html = agent_client.get(link_url(call), {"q": "OTHER@example.org"}).content.decode()
    assert "Wendy Other" in html
    # The phone number, written as people say it.
    html = agent_client.get(link_url(call), {"q": "06 1234 5678"}).content.decode()
    assert "Wendy Walker" in html


def test_the_cases_offered_follow_how_the_caller_was_found(agent_client, call, wendy):
    customer, mine, theirs = wendy
    by_name = agent_client.get(link_url(call), {"q": "Walker", "customer": customer.pk})
    html = by_name.content.decode()
    assert "Late parcel" in html and "Refund" not in html and "Old one" not in html
    assert "A new case" in html
    # What the caller said finds all their open cases, as the case search does.
    by_email = agent_client.get(link_url(call), {"q": customer.email, "customer": customer.pk})
    html = by_email.content.decode()
    assert "Late parcel" in html and "Refund" in html and "Old one" not in html


def test_the_call_joins_the_chosen_case_with_a_timeline_entry_and_an_audit_entry(
    agent_client, call, wendy, team_agent
):
    customer, mine, _theirs = wendy
    response = agent_client.post(
        link_url(call), {"q": "Walker", "customer": customer.pk, "case": mine.pk}
    )
    assert response.status_code == 302 and response["Location"] == reverse("channels_routing:desk")
    call.contact.refresh_from_db()
    assert call.contact.customer == customer and call.contact.case == mine
    event = CaseEvent.objects.get(case=mine, data__contact_id=call.contact.pk)
    assert event.data["linked"] is True
    entry = AuditLog.objects.get(action="call_linked")
    assert entry.actor == team_agent and entry.data["case"] == mine.reference
    page = agent_client.get(reverse("channels_routing:desk")).content.decode()
    assert f"The call from \u2066+4930609854180\u2069 is on case {mine.reference}." in page


def test_nothing_typed_is_lost_and_each_refusal_is_next_to_its_field(agent_client, call, wendy):
    customer, _mine, theirs = wendy
    empty = agent_client.get(link_url(call), {"q": " "})
    assert "Type their email address, phone number or name." in empty.content.decode()
    # A forged choice (a customer the search did not find) is refused, nothing is linked.
    forged = CustomerFactory(name="Mallory", email="mallory@example.org")
    refused = agent_client.post(
        link_url(call), {"q": "Walker", "customer": forged.pk, "case": "new"}
    )
    assert refused.status_code == 400
    assert "Choose who called." in refused.content.decode()
    assert 'value="Walker"' in refused.content.decode()
    # A case the search did not offer (another team's, found by name) is refused too.
    refused = agent_client.post(
        link_url(call), {"q": "Walker", "customer": customer.pk, "case": theirs.pk}
    )
    assert refused.status_code == 400
    assert "Choose one of their cases or a new case." in refused.content.decode()
    call.contact.refresh_from_db()
    assert call.contact.customer is None
    assert not AuditLog.objects.filter(action="call_linked").exists()


def test_htmx_swaps_each_step_in_the_desk_card(agent_client, call, wendy):
    customer, mine, _theirs = wendy
    found = agent_client.get(link_url(call), {"q": "Walker"}, headers=HTMX)
    html = found.content.decode()
    assert html.lstrip().startswith('<div class="call-link" id="call-link-')
    assert "<h1>" not in html and "Wendy Walker" in html
    refused = agent_client.post(
        link_url(call), {"q": "Walker", "customer": customer.pk}, headers=HTMX
    )
    assert refused.status_code == 200  # htmx swaps no 4xx answer
    assert "Choose one of their cases or a new case." in refused.content.decode()
    done = agent_client.post(
        link_url(call), {"q": "Walker", "customer": customer.pk, "case": "new"}, headers=HTMX
    )
    html = done.content.decode()
    assert done.status_code == 200 and 'id="desk-notice"' in html and 'hx-swap-oob="true"' in html
    call.contact.refresh_from_db()
    assert call.contact.case.customer == customer and call.contact.case != mine
    assert call.contact.case.team is not None  # a new case is routed as every case is


def test_only_agents_who_may_see_the_call_link_it(agent_client, call, wendy, customer):
    shopper = Client()
    shopper.force_login(customer.user)
    assert shopper.get(link_url(call)).status_code == 403
    data = {"q": "Walker", "customer": wendy[0].pk, "case": "new"}
    assert shopper.post(link_url(call), data).status_code == 403
    # A ringing call is not linked yet (the agent has not spoken to anyone).
    ringing = CallRecord.objects.create(
        call_id="ringing", contact=Contact.objects.create(channel="phone"), from_number="+1"
    )
    assert agent_client.get(link_url(ringing)).status_code == 404
    # Once linked to a case of another team, the call is that team's.
    customer_case = CaseFactory(customer=customer, team=TeamFactory(name="Elsewhere"))
    call.contact.customer = customer
    call.contact.case = customer_case
    call.contact.save()
    assert agent_client.get(link_url(call)).status_code == 404
    assert Contact.objects.get(pk=call.contact.pk).case == customer_case
