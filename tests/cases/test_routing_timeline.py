"""Routing and assignment entries on the timeline are stored as what happened (team, rule,
conditions, agent) and read in the reader's language; entries written before read so too."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cases import services
from cases.models import CaseEvent, CaseEventKind, TeamRule
from cases.timeline import event_text
from tests.factories import CaseFactory, ContactReasonFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliveries(agent):
    team = TeamFactory(name="Deliveries")
    team.members.add(agent)
    return team


@pytest.fixture
def wismo(db):
    return ContactReasonFactory(
        name="Where is my order?", translations={"nl": "Waar is mijn bestelling?"}
    )


def _open(customer, reason):
    case, _created = services.case_open_or_join(
        customer=customer, item=None, reason=reason, channel="message", description="Waar?"
    )
    return case


def _texts(case, language):
    with translation.override(language):
        return [event_text(e) for e in CaseEvent.objects.filter(case=case).order_by("id")]


def test_the_agent_reads_how_a_case_was_routed_and_taken_in_their_language(
    agent, agent_client, customer, deliveries, wismo
):
    agent.first_name, agent.last_name = "Sam", "Agent"
    agent.save()
    TeamRule.objects.create(name="Orders", team=deliveries, reason=wismo, language="nl")
    customer.preferred_language = "nl"
    customer.save()
    case = _open(customer, wismo)
    agent_client.post(reverse("admin:cases_case_next"))
    routed = CaseEvent.objects.get(case=case, kind=CaseEventKind.ROUTING)
    assert routed.data["why"] == [["reason", "Where is my order?"], ["language", "nl"]]
    assert (routed.data["team"], routed.data["reason"]) == (deliveries.pk, wismo.pk)

    agent_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    page = agent_client.get(reverse("admin:cases_case_change", args=[case.pk]))
    html = page.content.decode()
    assert "Doorgestuurd naar Deliveries: reden Waar is mijn bestelling?, taal Nederlands" in html
    assert "Sam Agent nam deze met Volgende case" in html
    assert "Routed to" not in html and "took it with" not in html

    assert _texts(case, "en") == [
        "Routed to Deliveries: reason Where is my order?, language Dutch",
        "Sam Agent took it with Next case",
    ]


@pytest.mark.parametrize(
    ("rule", "english", "german"),
    [
        ({}, "Routed to Deliveries: rule Orders", "Weitergeleitet an Deliveries: Regel Orders"),
        (
            {"channel": "message", "priority": "high"},
            "Routed to Deliveries: channel message, priority High",
            "Weitergeleitet an Deliveries: Kanal Nachricht, Priorität Hoch",
        ),
        (
            {"segment": "vip"},
            "Routed to Deliveries: segment VIP",
            "Weitergeleitet an Deliveries: Segment VIP",
        ),
    ],
)
def test_each_condition_reads_in_the_readers_language(
    customer, deliveries, wismo, rule, english, german
):
    TeamRule.objects.create(name="Orders", team=deliveries, **rule)
    customer.segment = "vip"
    customer.save()
    wismo.urgency = "high"
    wismo.save()
    case = _open(customer, wismo)
    assert _texts(case, "en")[0] == english
    assert _texts(case, "de")[0] == german


def test_the_default_team_take_over_and_requeue_read_in_the_readers_language(customer):
    TeamFactory(name="Service", is_default=True)
    case = _open(customer, None)
    taker = UserFactory(role="agent", first_name="Robin", last_name="Vos")
    services.case_take_over(case=case, by=taker)
    assert _texts(case, "fr") == [
        "Orienté vers Service : équipe par défaut",
        "Repris par Robin Vos",
    ]


def test_entries_written_before_read_in_the_readers_language_after_the_migration(agent):
    migration = importlib.import_module("cases.migrations.0008_routing_entries_as_data")
    case = CaseFactory()
    old = [
        (
            "routing",
            "Routed to Deliveries: reason Where is my order?, language nl",
            {"team": 1, "rule": 2, "why": ["reason Where is my order?", "language nl"]},
        ),
        (
            "routing",
            "Routed to Customer service: default team (opened before routing)",
            {"team": 1, "rule": None, "why": []},
        ),
        ("routing", "Routed to Service: default team", {"team": 1, "rule": None, "why": []}),
        ("assignment", "Offered to Daan de Vries (push)", {"to": {"owner": 3}}),
        ("assignment", "Sam Agent took it with Next case", {}),
        ("assignment", "Taken over by Robin", {"take_over": True}),
        ("assignment", "Back to the queue: Sam Agent went offline before answering", {}),
        # Not one of our sentences (an assignment by hand): left as written.
        ("assignment", "Deliveries → Sam Agent", {"from": {}, "to": {}}),
    ]
    for kind, body, data in old:
        CaseEvent.objects.create(case=case, kind=kind, body=body, data=data)
    migration.entries_as_data(apps, None)
    assert _texts(case, "nl") == [
        "Doorgestuurd naar Deliveries: reden Where is my order?, taal Nederlands",
        "Doorgestuurd naar Customer service: standaardteam (geopend vóór de routering)",
        "Doorgestuurd naar Service: standaardteam",
        "Aangeboden aan Daan de Vries (push)",
        "Sam Agent nam deze met Volgende case",
        "Overgenomen door Robin",
        "Terug in de wachtrij: Sam Agent ging offline voordat er antwoord was",
        "Deliveries → Sam Agent",
    ]
    # In English they read as they always did (a language by its name now).
    assert _texts(case, "en") == [
        "Routed to Deliveries: reason Where is my order?, language Dutch",
        *[body for _kind, body, _data in old[1:]],
    ]
    # What else the entries stored is kept.
    assert CaseEvent.objects.get(body="Taken over by Robin").data["take_over"] is True
