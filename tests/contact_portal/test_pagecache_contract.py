"""The page cache's contract: every table a cached page reads is registered by its app.

A cached page is served until its customer's token changes, and the token changes only on
writes to models an app registered (core.pagecache, each app's ``apps.ready``). So every cached
page is rendered here while its queries are recorded, and every table read must be registered:
a model shown on a cached page but left out would go stale silently.
"""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cases.models import CaseStatus
from core import pagecache
from knowledge.models import Journey
from notices.models import Notice
from tests.cases.factories import CaseEventFactory, PromiseFactory
from tests.channels_routing import conftest as routing_fixtures
from tests.channels_routing.factories import ContactFactory
from tests.factories import CaseFactory, ContactReasonFactory, ItemFactory
from tests.feedback.factories import FeedbackFactory
from tests.mystuff.factories import StatusChangeFactory

pytestmark = pytest.mark.django_db
channels = routing_fixtures.channels  # all four channels open, an agent available

# Read on every signed-in request, before and apart from any page: the session and the
# signed-in user's sign-in records, never shown on a page.
INFRASTRUCTURE = {"django_session", "account_emailaddress", "mfa_authenticator"}
TABLE = re.compile(r'(?:FROM|JOIN)\s+"?([a-z0-9_]+)"?', re.IGNORECASE)


def cached_routes() -> set[str]:
    """The names of every view the page cache serves, found in the URL configuration."""
    found: set[str] = set()

    def walk(patterns, namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and getattr(pattern.callback, "page_cached", 0):
                found.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return found


@pytest.fixture
def pages(customer, channels):
    """A customer with something on every cached page, and each page's address."""
    reason = ContactReasonFactory(slug="late", name="Where is my order?")
    item = ItemFactory(customer=customer, due_at=timezone.now() + timedelta(days=2))
    StatusChangeFactory(item=item)
    case = CaseFactory(customer=customer, item=item, reason=reason, status=CaseStatus.RESOLVED)
    CaseEventFactory(case=case, public=True)
    PromiseFactory(case=case)
    FeedbackFactory(case=case, customer=customer, item=None)
    journey = Journey.objects.create(customer=customer, item=item, reason=reason)
    ContactFactory(customer=customer, case=case, item=item, reason=reason, journey=journey)
    Notice.objects.create(customer=customer, item=item, kind="order_late")
    return {
        "mystuff:home": reverse("mystuff:home"),
        "mystuff:item": reverse("mystuff:item", args=[item.pk]),
        "cases:detail": reverse("cases:detail", args=[case.pk]),
        "channels_routing:choose": reverse("channels_routing:choose")
        + f"?item={item.pk}&reason={reason.slug}",
        "knowledge:home": reverse("knowledge:home"),
        "knowledge:journey": reverse("knowledge:journey", args=[item.pk])
        + f"?reason={reason.slug}",
    }


def unregistered_reads(client, pages: dict[str, str]) -> dict[str, set[str]]:
    """Per page, the tables its first (rendered) visit reads that no app registered."""
    missing: dict[str, set[str]] = {}
    registered = pagecache.registered_tables()
    for name, url in pages.items():
        cache.clear()  # rendered, not served
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        read = {table for q in queries for table in TABLE.findall(q["sql"])}
        # The database's own catalogs (PostgreSQL's pg_extension, read once per process to
        # know whether pg_trgm is installed) hold nothing a customer sees.
        unregistered = {
            table
            for table in read - registered - INFRASTRUCTURE
            if not table.startswith(("pg_", "sqlite_"))
        }
        if unregistered:
            missing[name] = unregistered
    return missing


def test_every_cached_page_is_covered_here(pages):
    assert cached_routes() == set(pages)


def test_every_table_a_cached_page_reads_is_registered(customer_client, pages):
    assert unregistered_reads(customer_client, pages) == {}


def test_a_table_left_unregistered_is_caught(customer_client, pages, monkeypatch):
    monkeypatch.delitem(pagecache.REGISTERED, "notices_notice")
    missing = unregistered_reads(customer_client, pages)
    assert "notices_notice" in missing["mystuff:home"]
