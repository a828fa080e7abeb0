import asyncio

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from tests.factories import PASSWORD, CustomerFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached pages must not leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request in Arabic leaves Arabic active in this thread; the next test starts in English.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _outside_playwrights_loop(request):
    """Playwright's sync API leaves its event loop marked as running in the test thread once a
    browser test has run in the session, and async_to_sync (the test client calling an async
    view such as a live stream) refuses to start under a running loop. Tests that are not
    browser tests step out of it, and put it back for the next browser test."""
    if request.node.get_closest_marker("browser"):
        yield
        return
    outer = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    yield
    asyncio._set_running_loop(outer)


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
def customer_client(customer):
    # Its own client, so a test can act as two people at once.
    own = Client()
    own.force_login(customer.user)
    return own


@pytest.fixture
def agent(db):
    return UserFactory(role="agent")


@pytest.fixture
def agent_client(agent):
    # Its own client, so a test can act as two people at once.
    own = Client()
    own.force_login(agent)
    return own


@pytest.fixture
def manager(db):
    return UserFactory(role="manager")


@pytest.fixture
def manager_client(manager):
    # Its own client, so a test can act as two people at once.
    own = Client()
    own.force_login(manager)
    return own


@pytest.fixture
def session_queries(settings) -> int:
    """Queries a signed-in request spends loading its session: one with database sessions
    (the SQLite default), none when sessions are cached in Redis (production)."""
    return 1 if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db" else 0
