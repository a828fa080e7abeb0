from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseStatus
from mystuff.models import ItemKind
from tests.factories import CaseFactory, ItemFactory, UserFactory
from tests.mystuff.factories import StatusChangeFactory

pytestmark = pytest.mark.django_db


def _url(item):
    return reverse("mystuff:item", args=[item.pk])


def test_it_shows_an_order_with_lines_delivery_and_history(customer_client, customer):
    order = ItemFactory(
        customer=customer,
        title="Fridge-freezer FF-620",
        status="shipped",
        value=Decimal("1189.00"),
        due_at=timezone.now() + timedelta(days=2),
        details={
            "lines": [
                {"sku": "FF-620", "name": "Fridge-freezer", "quantity": 1, "unit_price": "1099.00"},
                {"name": "Installation", "quantity": 2, "unit_price": "45.00"},
            ],
            "carrier": "HomeFreight",
            "tracking": "HF987654321NL",
        },
    )
    StatusChangeFactory(item=order, from_status="", to_status="placed")
    StatusChangeFactory(item=order, from_status="placed", to_status="shipped")
    html = customer_client.get(_url(order)).content.decode()
    assert html.count("<h1") == 1
    assert "Fridge-freezer FF-620</h1>" in html
    assert "HF987654321NL" in html and "HomeFreight" in html
    assert "Installation" in html and "90.00" in html
    assert "1,189.00 EUR" in html
    assert "Status history" in html and "Order placed" in html
    assert "Expected in 2 days" in html


def test_it_leads_into_the_contact_journey_and_feedback(customer_client, customer):
    item = ItemFactory(customer=customer)
    html = customer_client.get(_url(item)).content.decode()
    assert f'href="/help/item/{item.pk}/"' in html
    assert "Need help with this?" in html
    assert f'href="/feedback/item/{item.pk}/"' in html
    assert "Give feedback" in html


@pytest.mark.parametrize(
    ("kind", "details", "due_days", "expected"),
    [
        (
            ItemKind.QUOTE,
            {"valid_until": "2030-01-02T10:00:00+00:00"},
            2,
            ["Valid until", "Quote expires in 2 days"],
        ),
        (
            ItemKind.APPOINTMENT,
            {"engineer": "Ruud de Vries", "window_hours": 4},
            1,
            ["Ruud de Vries", "Visit window", "Visit tomorrow"],
        ),
        (
            ItemKind.MARKETING,
            {"campaign": "Autumn sale", "channel": "email"},
            None,
            ["Autumn sale", "Sent by", "email"],
        ),
        (ItemKind.SUBSCRIPTION, {"period": "monthly"}, 20, ["Monthly", "Renews in 20 days"]),
        (
            ItemKind.ENQUIRY,
            {"subject": "Energy labels", "message": "Which label?"},
            None,
            ["Energy labels", "Which label?"],
        ),
        (
            ItemKind.INTERACTION,
            {"channel": "phone", "summary": "Booked a visit"},
            None,
            ["phone", "Booked a visit"],
        ),
    ],
)
def test_it_shows_the_details_of_each_kind(
    customer_client, customer, kind, details, due_days, expected
):
    due = timezone.localtime().replace(hour=12) + timedelta(days=due_days) if due_days else None
    item = ItemFactory(customer=customer, kind=kind, details=details, due_at=due, status="")
    html = customer_client.get(_url(item)).content.decode()
    for text in expected:
        assert text in html


def test_it_lists_the_cases_about_this_item(customer_client, customer):
    item = ItemFactory(customer=customer)
    case = CaseFactory(customer=customer, item=item, status=CaseStatus.OPEN)
    CaseFactory(customer=customer, subject="About something else")
    html = customer_client.get(_url(item)).content.decode()
    assert case.reference in html
    assert f'href="/cases/{case.pk}/"' in html
    assert "About something else" not in html


def test_another_customers_item_is_not_found(customer_client, other_customer):
    item = ItemFactory(customer=other_customer)
    assert customer_client.get(_url(item)).status_code == 404


def test_a_user_without_a_customer_record_gets_404(client, customer):
    item = ItemFactory(customer=customer)
    client.force_login(UserFactory())
    assert client.get(_url(item)).status_code == 404


def test_a_missing_item_is_not_found(customer_client):
    assert customer_client.get(reverse("mystuff:item", args=[999999])).status_code == 404


def test_it_asks_anonymous_visitors_to_sign_in(client, customer):
    item = ItemFactory(customer=customer)
    assert client.get(_url(item)).status_code == 302


def test_it_rejects_post(customer_client, customer):
    item = ItemFactory(customer=customer)
    assert customer_client.post(_url(item)).status_code == 405


def test_the_item_page_takes_a_fixed_number_of_queries(
    customer_client, customer, django_assert_num_queries, session_queries
):
    item = ItemFactory(customer=customer)
    for _ in range(5):
        StatusChangeFactory(item=item)
        CaseFactory(customer=customer, item=item)
    # (session,) user, customer, item, history, cases, notices
    with django_assert_num_queries(session_queries + 6):
        assert customer_client.get(_url(item)).status_code == 200
    # Again, unchanged: (session,) user; the page and its token come from the page cache.
    with django_assert_num_queries(session_queries + 1):
        assert customer_client.get(_url(item)).status_code == 200
