import pytest
from django.core.cache import cache

from tests.factories import PASSWORD, CustomerFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached pages must not leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def customer(db):
    return CustomerFactory()


@pytest.fixture
def other_customer(db):
    return CustomerFactory()


@pytest.fixture
def customer_client(client, customer):
    client.force_login(customer.user)
    return client


@pytest.fixture
def agent(db):
    return UserFactory(role="agent")


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


@pytest.fixture
def manager(db):
    return UserFactory(role="manager")


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client
