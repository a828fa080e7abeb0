import pytest

from tests.factories import CaseFactory, TeamFactory


@pytest.fixture
def team(agent):
    team = TeamFactory(name="Customer service")
    team.members.add(agent)
    return team


@pytest.fixture
def case(customer, team):
    return CaseFactory(customer=customer, team=team)


@pytest.fixture
def other_case(other_customer, team):
    return CaseFactory(customer=other_customer, team=team, subject="Someone else's case")


@pytest.fixture
def customer_side(customer):
    """The customer's own browser, for tests that also use ``agent_client`` (which shares
    pytest-django's single ``client``)."""
    from django.test import Client

    client = Client()
    client.force_login(customer.user)
    return client
