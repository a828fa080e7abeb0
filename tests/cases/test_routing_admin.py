"""Managers edit routing rules, default team and agents' languages in the admin; agents look."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from cases.models import AgentProfile, Case, CaseEvent, CaseStatus, Team, TeamRule
from tests.factories import CaseFactory, ContactReasonFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_a_manager_adds_a_routing_rule_and_the_next_case_follows_it(manager_client, customer):
    from cases.services import case_open_or_join

    deliveries = TeamFactory(name="Deliveries")
    reason = ContactReasonFactory(name="Where is my order?")
    response = manager_client.post(
        reverse("admin:cases_teamrule_add"),
        {
            "name": "Orders",
            "position": 1,
            "active": "on",
            "team": deliveries.pk,
            "reason": reason.pk,
            "language": "nl",
            "channel": "",
        },
    )
    assert response.status_code == 302
    customer.preferred_language = "nl"
    customer.save()
    case, _created = case_open_or_join(
        customer=customer, item=None, reason=reason, channel="message", description="Where?"
    )
    assert case.team == deliveries
    event = CaseEvent.objects.get(case=case, kind="routing")
    assert event.body == "Routed to Deliveries: reason Where is my order?, language nl"


def test_a_bad_rule_is_explained_next_to_the_field(manager_client):
    response = manager_client.post(
        reverse("admin:cases_teamrule_add"), {"name": "", "position": 1, "language": "xx"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in html
    assert "Select a valid choice. xx is not one of the available choices." in html


def test_a_manager_sets_an_agents_languages_and_skills(manager_client, agent):
    response = manager_client.post(
        reverse("admin:cases_agentprofile_add"),
        {"user": agent.pk, "languages": ["nl", "de"], "skills": "Installation, billing"},
    )
    assert response.status_code == 302
    profile = AgentProfile.objects.get(user=agent)
    assert (profile.languages, profile.skills) == (["nl", "de"], ["billing", "installation"])


def test_agents_may_look_at_rules_but_not_change_them(agent_client):
    rule = TeamRule.objects.create(name="Everything", team=TeamFactory())
    page = reverse("admin:cases_teamrule_change", args=[rule.pk])
    assert agent_client.get(page).status_code == 200
    response = agent_client.post(reverse("admin:cases_teamrule_add"), {"name": "Mine"})
    assert response.status_code == 403


def test_only_one_team_is_the_default():
    from django.db import IntegrityError, transaction

    TeamFactory(is_default=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamFactory(is_default=True)


def test_the_data_migration_routes_open_cases_without_a_team():
    migration = importlib.import_module("cases.migrations.0005_route_open_cases_without_team")
    service = TeamFactory(name="Customer service", slug="customer-service")
    waiting = CaseFactory(team=None, status=CaseStatus.NEW)
    closed = CaseFactory(team=None, status=CaseStatus.CLOSED)
    elsewhere = CaseFactory(status=CaseStatus.OPEN)
    migration.route_open_cases(apps, None)
    assert Team.objects.get(is_default=True) == service
    teams = dict(Case.objects.values_list("pk", "team"))
    assert teams[waiting.pk] == service.pk
    assert teams[closed.pk] is None
    assert teams[elsewhere.pk] == elsewhere.team_id
    entry = CaseEvent.objects.get(case=waiting, kind="routing")
    assert entry.body == "Routed to Customer service: default team (opened before routing)"


def test_a_second_default_team_is_refused_with_a_clear_message(manager_client):
    TeamFactory(name="Service", is_default=True)
    response = manager_client.post(
        reverse("admin:cases_team_add"),
        {
            "name": "Deliveries",
            "slug": "deliveries",
            "is_default": "on",
            "assignment": "pull",
            "capacity": 10,
        },
    )
    assert response.status_code == 200
    assert "Another team is already the default team: untick it there first." in (
        response.content.decode()
    )
