"""Issue 16's "Done when", walked through the real requests: the case is opened (and routed
to its team) by the request that actually reaches us (the message sent, the callback booked,
the first chat line, the call made with its code, an email) and not before; also calls and
emails that never passed through our pages.

tests/cases/test_routing_paths.py covers the rules and the timeline line; this file covers that
no path opens a case without a team, whichever request opens it.
"""

import json
import uuid

import pytest
from django.urls import reverse

from cases.models import Case, CaseStatus, Contact, TeamRule
from mystuff.models import ApiKey
from tests.cases import test_routing_paths as paths
from tests.channels_routing.test_email_in import (
    _mailgun,  # noqa: F401 - autouse fixture: the signing key and addresses
    make_email,
    post_mailgun,
    reply_to_case,
)
from tests.factories import CaseFactory, ItemFactory

pytestmark = pytest.mark.django_db

# The channels, teams and reason of the rules' own tests.
open_channels, teams, wismo = paths.open_channels, paths.teams, paths.wismo


@pytest.fixture
def routed(teams, wismo):
    TeamRule.objects.create(name="Orders", position=1, team=teams["deliveries"], reason=wismo)
    TeamRule.objects.create(name="Calls", position=2, team=teams["phone"], channel="phone")
    TeamRule.objects.create(name="Email", position=3, team=teams["service"], channel="email")
    return teams


@pytest.fixture
def cti_url(db):
    _key, raw = ApiKey.issue(name="Phone system", scopes=["cti"])
    return reverse("channels_api:cti", args=[raw]).rstrip("/")


def _chosen(client, item, reason, channel) -> Contact:
    client.post(
        reverse("channels_routing:choose") + f"?item={item.pk}&reason={reason.slug}",
        {"channel": channel, "idempotency_key": uuid.uuid4().hex, "description": "Help"},
    )
    contact = Contact.objects.latest("id")
    assert contact.case_id is None  # choosing a channel is not yet a contact (issue 22, 3)
    return contact


def _reach(client, cti_url, contact: Contact, channel: str) -> None:
    """The request that actually reaches us on that channel."""
    if channel == "message":
        client.post(reverse("channels_routing:message", args=[contact.pk]), {"body": "Where?"})
    elif channel == "callback":
        client.post(
            reverse("channels_routing:callback", args=[contact.pk]),
            {"phone": "+31 6 1111 2222", "when": "now"},
        )
    elif channel == "chat":
        client.post(reverse("channels_routing:chat_send", args=[contact.pk]), {"body": "Hi?"})
    elif channel == "phone":
        client.get(reverse("channels_routing:phone", args=[contact.pk]))  # shows the code
        contact.refresh_from_db()
        payload = {
            "event": "newCall",
            "callId": "walk-1",
            "direction": "in",
            "from": "+44 7700 900123",
            "code": contact.reference_code.code,
        }
        client.post(cti_url, json.dumps(payload), content_type="application/json")


@pytest.mark.parametrize("channel", ["message", "callback", "chat", "phone"])
def test_the_request_that_reaches_us_opens_the_case_in_its_team(
    customer,
    customer_client,
    open_channels,
    routed,
    wismo,
    cti_url,
    channel,
):
    contact = _chosen(customer_client, ItemFactory(customer=customer), wismo, channel)
    _reach(customer_client, cti_url, contact, channel)
    contact.refresh_from_db()
    assert contact.case is not None
    assert contact.case.team == routed["deliveries"]  # the reason's rule, on every channel


def test_a_call_from_a_known_number_without_a_web_visit_is_routed(
    client, customer, routed, cti_url
):
    customer.phone = "+31 6 1234 5678"
    customer.save()
    client.post(
        cti_url, {"event": "newCall", "callId": "z-1", "direction": "in", "from": "31612345678"}
    )
    contact = Contact.objects.get()
    assert contact.customer == customer
    assert contact.case.team == routed["phone"]


def test_a_call_from_an_unknown_number_waits_for_the_agent_to_link_it(client, routed, cti_url):
    client.post(
        cti_url, {"event": "newCall", "callId": "z-2", "direction": "in", "from": "4930609854180"}
    )
    contact = Contact.objects.get()
    assert contact.customer is None and contact.case is None
    assert not Case.objects.exists()  # no case without a customer; the desk links it


def test_a_new_email_opens_a_case_in_a_team(client, routed):
    raw = make_email(sender="stranger@example.net", to="help@example.com", subject="Lamp")
    post_mailgun(client, raw, recipient="help@example.com", sender="stranger@example.net")
    assert Contact.objects.get().case.team == routed["service"]


def test_a_reply_to_a_closed_case_opens_a_new_case_in_a_team(client, customer, routed):
    closed = CaseFactory(customer=customer, status=CaseStatus.CLOSED, team=routed["phone"])
    reply_to_case(client, closed, body="It leaks again.")
    new = Contact.objects.get().case
    assert new != closed and new.team is not None
