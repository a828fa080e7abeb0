"""The page cache (core/pagecache.py): pages come from the cache, and are never stale.

Every test reads a page once (rendered and kept), changes something the way the product does,
and reads it again: the change must be there at once.
"""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.messages import constants, get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.models import CaseStatus
from core import pagecache
from mystuff import services as mystuff_services
from mystuff.display import due_notes_change_at
from tests.cases.factories import CaseEventFactory, PromiseFactory
from tests.factories import CaseFactory, CustomerFactory, ItemFactory, TeamFactory, UserFactory
from tests.mystuff.factories import issue_key

pytestmark = pytest.mark.django_db

MY_STUFF = "/my-stuff/"


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_key()[1]}")
    return client


@pytest.fixture
def team():
    return TeamFactory(name="Customer service")


def _case_url(case) -> str:
    return reverse("cases:detail", args=[case.pk])


def _csrf_tokens(html: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)


def test_a_second_visit_is_served_from_the_cache_with_one_query(
    customer_client, customer, django_assert_num_queries, session_queries
):
    ItemFactory(customer=customer, title="Fridge FR-12")
    CaseFactory(customer=customer, subject="Fridge is loud")
    first = customer_client.get(MY_STUFF)
    # (session,) user: the page, its customer and its token come from the cache.
    with django_assert_num_queries(session_queries + 1):
        second = customer_client.get(MY_STUFF)
    assert second.status_code == 200
    html = second.content.decode()
    assert "Fridge FR-12" in html and "Fridge is loud" in html
    # The same page but for its CSRF token and CSP nonce, which are fresh every time.
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"| nonce="[^"]+"')
    assert strip.sub("", html) == strip.sub("", first.content.decode())
    assert _csrf_tokens(html) and "pagecachecsrf" not in html


def test_the_cached_pages_csrf_token_is_accepted(customer_client, customer):
    customer_client.get(MY_STUFF)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(customer.user)
    csrf_client.get(MY_STUFF)  # rendered: kept
    html = csrf_client.get(MY_STUFF).content.decode()  # from the cache
    token = _csrf_tokens(html)[0]
    response = csrf_client.post(
        reverse("account_logout"), {"csrfmiddlewaretoken": token}, follow=False
    )
    assert response.status_code == 302


def _order_from_the_shop(customer, api, external_id: str, title: str) -> tuple[dict, Client]:
    """An order the shop sends through the API for this customer, and the customer's browser."""
    customer.source, customer.external_id = "shop", "CUST-9"
    customer.save()
    order = {
        "source": "shop",
        "external_id": external_id,
        "customer": "CUST-9",
        "kind": "order",
        "title": title,
        "status": "placed",
        "value": "529.00",
        "currency": "EUR",
        "occurred_at": "2026-11-20T10:00:00Z",
    }
    client = Client()
    client.force_login(customer.user)
    assert api.post("/api/v1/items/", order, format="json").status_code == 201
    return order, client


def test_an_item_status_sent_through_the_api_shows_at_once(customer, api):
    order, client = _order_from_the_shop(customer, api, "ORD-77", "Dishwasher DW-45")
    assert "Order placed" in client.get(MY_STUFF).content.decode()
    assert "Order placed" in client.get(MY_STUFF).content.decode()  # from the cache
    assert (
        api.post("/api/v1/items/", {**order, "status": "delivered"}, format="json").status_code
        == 200
    )
    html = client.get(MY_STUFF).content.decode()
    assert "Delivered" in html and "Order placed" not in html


def test_an_item_pages_status_history_and_cases_show_changes_at_once(customer, api, agent):
    order, client = _order_from_the_shop(customer, api, "ORD-78", "Oven OV-60")
    item = customer.items.get(external_id="ORD-78")
    url = reverse("mystuff:item", args=[item.pk])
    client.get(url)
    assert "Delivered" not in client.get(url).content.decode()  # from the cache
    api.post("/api/v1/items/", {**order, "status": "delivered"}, format="json")
    assert "Delivered" in client.get(url).content.decode()  # badge and status history
    case = CaseFactory(customer=customer, item=item, subject="Oven door", status=CaseStatus.OPEN)
    html = client.get(url).content.decode()
    assert case.reference in html and str(CaseStatus.OPEN.label) in html
    case_services.case_change_status(case=case, status=CaseStatus.WAITING_CUSTOMER, by=agent)
    assert str(CaseStatus.WAITING_CUSTOMER.label) in client.get(url).content.decode()


def test_an_item_page_is_rendered_again_when_its_due_note_would_change(
    customer_client, customer, django_assert_num_queries, session_queries
):
    due = timezone.now() + timedelta(hours=2)
    item = ItemFactory(customer=customer, kind="order", status="shipped", due_at=due)
    url = reverse("mystuff:item", args=[item.pk])
    customer_client.get(url)
    with django_assert_num_queries(session_queries + 1):
        customer_client.get(url)
    # Past the due date the note reads differently: rendered again, (session,) user, customer,
    # item, history, cases, notices.
    with (
        mock.patch.object(pagecache.time, "time", return_value=due.timestamp() + 1),
        django_assert_num_queries(session_queries + 6),
    ):
        customer_client.get(url)


def test_another_customers_item_page_stays_not_found_after_the_owner_saw_it(
    customer, other_customer
):
    item = ItemFactory(customer=customer, title="Private fridge")
    url = reverse("mystuff:item", args=[item.pk])
    owner = Client()
    owner.force_login(customer.user)
    assert owner.get(url).status_code == 200
    assert owner.get(url).status_code == 200  # kept in the cache under the owner
    stranger = Client()
    stranger.force_login(other_customer.user)
    assert stranger.get(url).status_code == 404
    assert stranger.get(url).status_code == 404


def test_a_new_reply_shows_on_the_case_page_at_once(customer_client, customer, agent):
    case = CaseFactory(customer=customer, status=CaseStatus.OPEN)
    customer_client.get(_case_url(case))
    assert "We found your parcel" not in customer_client.get(_case_url(case)).content.decode()
    case_services.case_reply(case=case, by=agent, body="We found your parcel")
    assert "We found your parcel" in customer_client.get(_case_url(case)).content.decode()


def test_a_case_change_shows_on_my_stuff_at_once(customer_client, customer, agent):
    case = CaseFactory(customer=customer, subject="Broken door", status=CaseStatus.OPEN)
    customer_client.get(MY_STUFF)
    case_services.case_change_status(case=case, status=CaseStatus.WAITING_CUSTOMER, by=agent)
    html = customer_client.get(MY_STUFF).content.decode()
    assert str(CaseStatus.WAITING_CUSTOMER.label) in html


def test_a_promise_marked_late_by_the_job_shows_at_once(customer_client, customer, team):
    case = CaseFactory(customer=customer, status=CaseStatus.OPEN)
    promise = PromiseFactory(case=case, team=team, due_at=timezone.now() - timedelta(hours=1))
    assert "badge-late" not in customer_client.get(_case_url(case)).content.decode()
    assert case_services._claim(promise.pk, "overdue_at")
    assert "badge-late" in customer_client.get(_case_url(case)).content.decode()


def test_a_team_rename_shows_at_once(customer_client, customer, team):
    case = CaseFactory(customer=customer)
    PromiseFactory(case=case, team=team)
    customer_client.get(_case_url(case))
    team.name = "Deliveries North"
    team.save()
    assert "Deliveries North" in customer_client.get(_case_url(case)).content.decode()


def test_one_customer_never_gets_anothers_page(customer, other_customer):
    mine, theirs = Client(), Client()
    mine.force_login(customer.user)
    theirs.force_login(other_customer.user)
    ItemFactory(customer=customer, title="Mine only")
    ItemFactory(customer=other_customer, title="Theirs only")
    case = CaseFactory(customer=customer)
    for _ in range(2):
        assert "Mine only" in mine.get(MY_STUFF).content.decode()
        assert mine.get(_case_url(case)).status_code == 200
        html = theirs.get(MY_STUFF).content.decode()
        assert "Theirs only" in html and "Mine only" not in html
        assert theirs.get(_case_url(case)).status_code == 404


def test_a_user_linked_to_another_customer_gets_that_customers_page(customer, other_customer):
    client = Client()
    client.force_login(customer.user)
    ItemFactory(customer=customer, title="Old link")
    ItemFactory(customer=other_customer, title="New link")
    assert "Old link" in client.get(MY_STUFF).content.decode()
    user, other_user = customer.user, other_customer.user
    customer.user = None
    customer.save()
    other_customer.user = user
    other_customer.save()
    other_user.delete()
    html = client.get(MY_STUFF).content.decode()
    assert "New link" in html and "Old link" not in html


def test_the_language_switch_is_respected(customer_client, customer):
    assert '<html lang="en"' in customer_client.get(MY_STUFF).content.decode()
    customer_client.post("/i18n/setlang/", {"language": "nl", "next": MY_STUFF})
    for _ in range(2):
        html = customer_client.get(MY_STUFF).content.decode()
        assert '<html lang="nl"' in html and "Mijn spullen" in html
    customer_client.post("/i18n/setlang/", {"language": "en", "next": MY_STUFF})
    assert '<html lang="en"' in customer_client.get(MY_STUFF).content.decode()


def test_a_flash_message_is_shown_once_over_a_cached_page(customer_client, customer):
    case = CaseFactory(customer=customer, status=CaseStatus.OPEN)
    customer_client.get(_case_url(case))
    response = customer_client.post(
        reverse("cases:message", args=[case.pk]), {"body": "Any news?"}, follow=True
    )
    assert "Your message is on the case" in response.content.decode()
    assert "Any news?" in response.content.decode()
    again = customer_client.get(_case_url(case)).content.decode()
    assert "Your message is on the case" not in again and "Any news?" in again


def test_a_message_waiting_is_never_kept_in_the_cache(rf, customer):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore

    request = rf.get(MY_STUFF)
    request.user = customer.user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._messages.add(constants.INFO, "Hello once")
    assert not pagecache._cacheable(request)
    assert [str(m) for m in get_messages(request)] == ["Hello once"]


def test_staff_pages_are_never_cached(agent_client, agent):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    CustomerFactory(user=agent)
    agent_client.get(MY_STUFF)
    with CaptureQueriesContext(connection) as queries:
        agent_client.get(MY_STUFF)
    assert any("mystuff_item" in q["sql"] for q in queries.captured_queries)


def test_a_page_is_rendered_again_when_a_due_note_would_change(
    customer_client, customer, django_assert_num_queries, session_queries
):
    due = timezone.now() + timedelta(hours=2)
    ItemFactory(customer=customer, due_at=due)
    customer_client.get(MY_STUFF)
    with django_assert_num_queries(session_queries + 1):
        customer_client.get(MY_STUFF)
    later = due.timestamp() + 1
    # Past the due date the note reads "was expected": no longer the kept page, so it renders:
    # (session,) user, customer, items, cases, notices.
    with (
        mock.patch.object(pagecache.time, "time", return_value=later),
        django_assert_num_queries(session_queries + 5),
    ):
        customer_client.get(MY_STUFF)


def test_a_resolved_case_page_is_rendered_again_when_it_can_no_longer_be_reopened(
    customer_client, customer, settings
):
    case = CaseFactory(
        customer=customer, status=CaseStatus.RESOLVED, resolved_at=timezone.now() - timedelta(1)
    )
    assert "Add a message" in customer_client.get(_case_url(case)).content.decode()
    until = case.resolved_at + timedelta(days=settings.CASE_REOPEN_DAYS)
    with (
        mock.patch.object(pagecache.time, "time", return_value=until.timestamp()),
        mock.patch("django.utils.timezone.now", return_value=until + timedelta(seconds=1)),
    ):
        html = customer_client.get(_case_url(case)).content.decode()
    assert "Add a message" not in html


def test_due_notes_change_at_the_next_midnight_or_a_due_date():
    now = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    midnight = (now + timedelta(days=1)).replace(hour=0)
    assert due_notes_change_at([], now) == midnight
    assert due_notes_change_at([now + timedelta(hours=3)], now) == now + timedelta(hours=3)
    # A visit that was due 2 hours ago still shows for 10 more hours.
    assert due_notes_change_at([now - timedelta(hours=2)], now) == now + timedelta(hours=10)
    assert due_notes_change_at([now - timedelta(days=2), None], now) == midnight


def test_the_page_still_renders_when_the_cache_is_down(customer_client, customer):
    ItemFactory(customer=customer, title="Still here")
    with mock.patch.object(pagecache.cache, "get_many", side_effect=ConnectionError("down")):
        response = customer_client.get(MY_STUFF)
    assert response.status_code == 200 and "Still here" in response.content.decode()


def test_a_write_still_succeeds_when_the_cache_is_down(customer):
    with mock.patch.object(pagecache.cache, "set_many", side_effect=ConnectionError("down")):
        ItemFactory(customer=customer)
        mystuff_services.customer_erase(customer=customer, actor=None)


def test_an_erased_customers_page_is_not_served(customer_client, customer):
    CaseEventFactory(case=CaseFactory(customer=customer), body="My address is Dam 1")
    customer_client.get(MY_STUFF)
    mystuff_services.customer_erase(customer=customer, actor=UserFactory(role="manager"))
    assert customer_client.get(MY_STUFF).status_code == 302  # signed out: account deactivated


def test_every_response_of_a_cached_page_has_its_own_csp_nonce(customer_client, customer):
    nonces = []
    for _ in range(3):
        response = customer_client.get(MY_STUFF)
        header = response.headers["Content-Security-Policy"]
        nonce = re.search(r"'nonce-([^']+)'", header).group(1)
        html = response.content.decode()
        scripts_with_nonce = re.findall(r'<script[^>]* nonce="([^"]+)"', html)
        assert scripts_with_nonce and set(scripts_with_nonce) == {nonce}
        assert "pagecachenonce" not in html
        nonces.append(nonce)
    assert len(set(nonces)) == 3
