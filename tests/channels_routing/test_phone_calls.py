"""Calls that did not start on our site: every call is a contact (issue 17).

The requests are shaped as Zammad's generic CTI documentation shows them (form-encoded,
``user[]`` repeated, international numbers without the plus), posted to the URL without the
trailing slash as Zammad documents it.
"""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseEvent, CaseStatus, ChannelKind, Contact
from channels_routing.models import CallRecord
from core.models import AuditLog
from mystuff.models import ApiKey, Customer
from reporting import selectors as reports
from reporting.services import rollups_rebuild
from tests.factories import CaseFactory, CustomerFactory, ItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zammad_url(db):
    """The CTI URL as a phone system set up from Zammad's documentation has it."""
    _key, raw = ApiKey.issue(name="Phone system", scopes=["cti"])
    return reverse("channels_api:cti", args=[raw]).rstrip("/")


@pytest.fixture
def caller(customer):
    customer.phone = "+31 6 1234 5678"
    customer.save()
    return customer


def zammad(client, url, **fields):
    return client.post(url, fields)  # form-encoded, as Zammad's generic CTI sends it


def test_a_known_number_without_a_web_visit_pops_up_the_customer(client, zammad_url, caller):
    case = CaseFactory(customer=caller, subject="Fridge door", status=CaseStatus.OPEN)
    ItemFactory(customer=caller, reference="ORD-777", title="Fridge FR-1")
    response = zammad(
        client,
        zammad_url,
        event="newCall",
        **{"from": "31612345678", "to": "31201234567", "user[]": ["Alice", "Bob"]},
        direction="in",
        callId="z-1",
    )
    assert response.status_code == 200
    answer = response.json()["caller"]
    assert answer["matched_by"] == "phone"
    assert answer["customer"] == caller.name
    assert [c["reference"] for c in answer["open_cases"]] == [case.reference]
    assert [i["reference"] for i in answer["recent_items"]] == ["ORD-777"]
    contact = Contact.objects.get()
    assert contact.channel == ChannelKind.PHONE and contact.customer == caller
    assert contact.case == case  # joined the open general case, as every channel does


def test_the_call_is_timed_and_shows_in_the_history_and_speed_of_answer(
    client, zammad_url, caller, agent, customer_client
):
    start = timezone.now()
    zammad(
        client, zammad_url, event="newCall", callId="z-2", direction="in", **{"from": "0612345678"}
    )
    contact = Contact.objects.get()
    Contact.objects.filter(pk=contact.pk).update(requested_at=start - timedelta(seconds=30))
    zammad(
        client, zammad_url, event="answer", callId="z-2", user=agent.username, answeringNumber="201"
    )
    zammad(client, zammad_url, event="hangup", callId="z-2", cause="normalClearing")
    contact.refresh_from_db()
    assert contact.answered_at is not None and contact.ended_at is not None
    assert contact.agent == agent

    page = customer_client.get(reverse("cases:detail", args=[contact.case_id])).content.decode()
    assert "You called us." in page

    today = timezone.localdate()
    rollups_rebuild(first_day=today, last_day=today)
    filters = reports.ReportFilters(start=start - timedelta(days=1), end=start + timedelta(days=2))
    speed = {str(row[0]): row[1:] for row in reports.speed_and_abandonment(filters).rows}
    offered, answered, abandoned, seconds, _rate = speed["Call us"]
    assert (offered, answered, abandoned) == (1, 1, 0)
    assert seconds >= 30


def test_an_unknown_caller_who_hangs_up_counts_as_abandoned(client, zammad_url):
    answer = zammad(
        client,
        zammad_url,
        event="newCall",
        callId="z-3",
        direction="in",
        **{"from": "+4930609854180"},
    ).json()
    assert answer["caller"] is None
    zammad(client, zammad_url, event="hangup", callId="z-3", cause="cancel")
    contact = Contact.objects.get()
    assert contact.customer is None and contact.channel == ChannelKind.PHONE
    assert contact.abandoned_at is not None and contact.answered_at is None

    today = timezone.localdate()
    rollups_rebuild(first_day=today, last_day=today)
    now = timezone.now()
    filters = reports.ReportFilters(start=now - timedelta(days=1), end=now + timedelta(days=2))
    speed = {str(row[0]): row[1:] for row in reports.speed_and_abandonment(filters).rows}
    assert speed["Call us"][:3] == [1, 0, 1]


def test_the_desk_shows_a_recognised_caller_while_it_rings(client, zammad_url, caller, desk_client):
    CaseFactory(customer=caller, subject="Fridge door", status=CaseStatus.OPEN)
    zammad(
        client, zammad_url, event="newCall", callId="z-4", direction="in", **{"from": "0612345678"}
    )
    html = desk_client.get(reverse("channels_routing:desk")).content.decode()
    assert caller.name in html
    assert "Fridge door" in html
    assert "Open cases" in html


def test_an_unknown_caller_rings_on_the_desk_as_not_recognised(client, zammad_url, desk_client):
    zammad(
        client,
        zammad_url,
        event="newCall",
        callId="z-8",
        direction="in",
        **{"from": "+4930609854180"},
    )
    html = desk_client.get(reverse("channels_routing:desk")).content.decode()
    assert "Caller not recognised: ask for their reference code or email." in html
    # The number reads left to right in an Arabic agent's desk too, and the arrow from the
    # caller to our line points the way Arabic reads.
    assert "\u2066+4930609854180\u2069 → " in html
    arabic = desk_client.get(reverse("channels_routing:desk"), headers={"accept-language": "ar"})
    assert "\u2066+4930609854180\u2069 ← " in arabic.content.decode()


def test_the_agent_links_an_unknown_caller_after_the_call(client, zammad_url, desk_client, agent):
    """Find them by what they say (here their email, written another way), choose them, put
    the call on a new case: it is their contact there, on the timeline and in the audit log."""
    someone = CustomerFactory(name="Walk-in Wendy", email="wendy@example.org", phone="")
    zammad(
        client,
        zammad_url,
        event="newCall",
        callId="z-5",
        direction="in",
        **{"from": "+4930609854180"},
    )
    zammad(client, zammad_url, event="answer", callId="z-5", user=agent.username)
    zammad(client, zammad_url, event="hangup", callId="z-5", cause="normalClearing")
    call = CallRecord.objects.get()
    desk = desk_client.get(reverse("channels_routing:desk")).content.decode()
    assert "Callers to link" in desk and "+4930609854180" in desk
    assert "Who called? Their email address, phone number or name" in desk

    link = reverse("channels_routing:desk_call_link", args=[call.pk])
    refused = desk_client.get(link, {"q": "nobody@example.org"})
    assert refused.status_code == 200
    assert "Nobody found." in refused.content.decode()
    assert 'value="nobody@example.org"' in refused.content.decode()  # nothing typed is lost

    found = desk_client.get(link, {"q": "Wendy@example.org"}).content.decode()
    assert "Walk-in Wendy · wendy@example.org" in found and "Which case" not in found
    chosen = desk_client.get(link, {"q": "Wendy@example.org", "customer": someone.pk})
    assert "A new case" in chosen.content.decode()

    response = desk_client.post(
        link, {"q": "Wendy@example.org", "customer": someone.pk, "case": "new"}
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.customer == someone and contact.case is not None
    assert contact.case.customer == someone and contact.case.team is not None  # routed
    assert CaseEvent.objects.filter(case=contact.case, body="You called us.").exists()
    assert AuditLog.objects.filter(action="call_linked", actor=agent).exists()
    # Linked: it leaves the list, and the link page sends back to the desk.
    assert (
        "Callers to link" not in desk_client.get(reverse("channels_routing:desk")).content.decode()
    )
    again = desk_client.get(link, follow=True)
    assert "Someone has linked this call already." in again.content.decode()


def test_a_case_of_another_customer_cannot_be_chosen_when_linking(
    client, zammad_url, desk_client, other_customer
):
    someone = CustomerFactory(email="wendy@example.org")
    foreign = CaseFactory(customer=other_customer)
    zammad(
        client,
        zammad_url,
        event="newCall",
        callId="z-6",
        direction="in",
        **{"from": "+4930609854180"},
    )
    zammad(client, zammad_url, event="hangup", callId="z-6")
    call = CallRecord.objects.get()
    response = desk_client.post(
        reverse("channels_routing:desk_call_link", args=[call.pk]),
        {"q": someone.email, "customer": someone.pk, "case": foreign.pk},
    )
    assert response.status_code == 400
    assert "Choose one of their cases or a new case." in response.content.decode()
    assert Contact.objects.get().customer is None


def test_an_outbound_call_is_kept_on_the_customer_and_their_open_case(client, zammad_url, caller):
    case = CaseFactory(customer=caller, status=CaseStatus.WAITING_CUSTOMER)
    answer = zammad(
        client,
        zammad_url,
        event="newCall",
        callId="z-7",
        direction="out",
        **{"from": "31201234567", "to": "0612345678", "user[]": ["Alice"]},
    ).json()
    assert answer["ok"] is True
    call = CallRecord.objects.get()
    assert call.customer == caller and call.case == case
    assert not Contact.objects.exists()  # we called them: not a contact in the reports
    assert CaseEvent.objects.filter(case=case, data__direction="out").exists()


@pytest.mark.parametrize("slash", ["", "/"])
def test_the_webhook_answers_the_same_with_and_without_the_trailing_slash(
    client, zammad_url, slash
):
    response = zammad(
        client,
        zammad_url + slash,
        event="newCall",
        callId=f"s{slash}",
        direction="in",
        **{"from": "1"},
    )
    assert response.status_code == 200
    assert response.json()["ok"] is True


def test_numbers_are_stored_in_e164_and_the_migration_normalises_old_ones(customer):
    customer.phone = "06 1234 5678"
    customer.save()
    assert Customer.objects.get(pk=customer.pk).phone == "+31612345678"
    Customer.objects.filter(pk=customer.pk).update(phone="0031 6 8765 4321")
    Customer.objects.filter(pk=customer.pk).update(phone="0031 6 8765 4321")
    other = CustomerFactory()
    Customer.objects.filter(pk=other.pk).update(phone="not a number")
    migration = importlib.import_module("mystuff.migrations.0004_customer_phone_e164")
    migration.normalise_phones(django_apps, None)
    assert Customer.objects.get(pk=customer.pk).phone == "+31687654321"
    assert Customer.objects.get(pk=other.pk).phone == "not a number"  # kept, never lost


def test_the_desk_and_the_link_page_read_a_fixed_number_of_queries(
    client, zammad_url, caller, desk_client, django_assert_num_queries, session_queries
):
    for n in range(3):
        zammad(
            client,
            zammad_url,
            event="newCall",
            callId=f"k{n}",
            direction="in",
            **{"from": "0612345678"},
        )
        zammad(
            client,
            zammad_url,
            event="newCall",
            callId=f"u{n}",
            direction="in",
            **{"from": f"+49306098541{n}"},
        )
        zammad(client, zammad_url, event="hangup", callId=f"u{n}")
    desk_client.get(reverse("channels_routing:desk"))  # sessions and permissions warmed up
    with django_assert_num_queries(session_queries + DESK_QUERIES):
        html = desk_client.get(reverse("channels_routing:desk")).content.decode()
    assert html.count("Who called? Their email address, phone number or name") == 3
    call = CallRecord.objects.filter(contact__customer__isnull=True).first()
    with django_assert_num_queries(session_queries + LINK_PAGE_QUERIES):
        desk_client.get(reverse("channels_routing:desk_call_link", args=[call.pk]))


# User, permissions (twice), channels, presence, is-manager (team scoping), live calls,
# callers to link, waiting contacts, callbacks, my teams and the queue counts: the same however
# many calls there are (plus the session, with database sessions).
DESK_QUERIES = 12
# User, permissions (twice), is-manager (the calls the agent may see) and the call.
LINK_PAGE_QUERIES = 5


def test_the_desk_pops_up_the_callers_last_contacts_in_the_agents_language(
    client, zammad_url, caller, agent
):
    """Last contacts belong to the screen pop (issue 17), with dates and states as people read
    them (issue 22): no ISO dates, no status keys."""
    from datetime import datetime

    from django.contrib.auth.models import Group
    from django.utils import translation

    from tests.channels_routing.factories import ContactFactory

    earlier = CaseFactory(customer=caller, subject="Oven", status=CaseStatus.OPEN)
    ItemFactory(customer=caller, reference="ORD-778", title="Oven OV-2", status="out_for_delivery")
    ContactFactory(
        customer=caller,
        case=earlier,
        channel=ChannelKind.MESSAGE,
        requested_at=timezone.make_aware(datetime(2026, 3, 12, 10, 0)),
    )
    answer = zammad(
        client, zammad_url, event="newCall", callId="z-9", direction="in", **{"from": "0612345678"}
    ).json()["caller"]
    assert answer["last_contacts"][-1]["channel"] == "message"
    assert answer["last_contacts"][-1]["case"] == earlier.reference
    agent.groups.add(Group.objects.get(name="manager"))
    client.force_login(agent)
    with translation.override("nl"):
        desk = client.get(reverse("channels_routing:desk"), HTTP_ACCEPT_LANGUAGE="nl")
    page = desk.content.decode()
    assert "Laatste contacten" in page
    assert "12 maart 2026" in page and "2026-03-12" not in page
    assert earlier.reference in page
    assert "out_for_delivery" not in page
