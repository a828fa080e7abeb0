import json
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from cases.models import Case, CaseEvent, CaseStatus
from mystuff.models import Item, ItemKind
from mystuff.services import customer_erase, customer_erased
from tests.factories import CaseFactory, ItemFactory, UserFactory
from tests.mystuff.factories import StatusChangeFactory

pytestmark = pytest.mark.django_db


def test_the_page_offers_download_and_erasure(customer_client):
    html = customer_client.get(reverse("mystuff:data")).content.decode()
    assert html.count("<h1") == 1
    assert reverse("mystuff:data_download") in html
    assert "Ask to erase my data" in html


def test_the_download_holds_everything_we_keep(customer_client, customer, other_customer):
    item = ItemFactory(customer=customer, reference="ORD-777")
    StatusChangeFactory(item=item, from_status="placed", to_status="shipped")
    CaseFactory(customer=customer, item=item, subject="Where is it")
    ItemFactory(customer=other_customer, reference="ORD-NOT-MINE")
    response = customer_client.get(reverse("mystuff:data_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.getvalue())
    assert data["customer"]["email"] == customer.email
    assert [i["reference"] for i in data["items"]] == ["ORD-777"]
    assert data["items"][0]["status_history"][0]["to"] == "shipped"
    assert data["cases"][0]["subject"] == "Where is it"
    assert set(data) >= {"contacts", "feedback", "self_help_journeys", "account"}
    assert "ORD-NOT-MINE" not in response.getvalue().decode()


def test_a_user_without_a_customer_record_still_downloads_their_account(client):
    client.force_login(UserFactory(email="new@example.org"))
    data = json.loads(client.get(reverse("mystuff:data_download")).getvalue())
    assert data["account"]["email"] == "new@example.org"
    assert data["customer"] is None


def test_asking_for_erasure_opens_one_case_for_an_agent(customer_client, customer):
    url = reverse("mystuff:data_erase")
    response = customer_client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    case = Case.objects.get(customer=customer)
    assert case.subject == "Erase my personal data"
    assert case.events.filter(public=True, data__erasure_request=True).exists()
    customer.refresh_from_db()
    assert customer.erasure_requested_at is not None
    customer_client.post(url, {"confirm": "on"})
    assert Case.objects.filter(customer=customer).count() == 1
    html = customer_client.get(reverse("mystuff:data")).content.decode()
    assert case.reference in html


def test_asking_without_confirming_explains_next_to_the_box(customer_client, customer):
    response = customer_client.post(reverse("mystuff:data_erase"), {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tick the box to confirm" in html
    assert 'aria-invalid="true"' in html
    assert not Case.objects.exists()


def test_erasure_pages_reject_the_wrong_method(customer_client):
    assert customer_client.get(reverse("mystuff:data_erase")).status_code == 405
    assert customer_client.post(reverse("mystuff:data_download")).status_code == 405


def test_erasure_anonymises_and_keeps_aggregates(customer, agent):
    user = customer.user
    order = ItemFactory(
        customer=customer,
        details={"lines": [{"name": "Oven", "quantity": 1}], "delivery_address": "Home 1"},
    )
    visit = ItemFactory(
        customer=customer,
        kind=ItemKind.APPOINTMENT,
        value=None,
        details={"engineer": "Ruud", "address": "Home 1", "notes": "Dog in garden"},
    )
    case = CaseFactory(customer=customer, status=CaseStatus.OPEN)
    CaseEvent.objects.create(case=case, kind="customer_message", data={"erasure_request": True})
    heard = []

    def listener(**kwargs):
        heard.append(kwargs["customer"].pk)

    customer_erased.connect(listener, dispatch_uid="test-listener")
    try:
        customer_erase(customer=customer, actor=agent)
        customer_erase(customer=customer, actor=agent)  # idempotent
    finally:
        customer_erased.disconnect(dispatch_uid="test-listener")
    customer.refresh_from_db()
    user.refresh_from_db()
    assert (customer.name, customer.email, customer.phone) == ("", "", "")
    assert customer.erased_at is not None
    assert not user.is_active and user.email == "" and not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert Item.objects.filter(customer=customer).count() == 2
    order.refresh_from_db()
    visit.refresh_from_db()
    assert order.value == Decimal("649.00")
    assert order.details == {"lines": [{"name": "Oven", "quantity": 1}]}
    assert visit.details == {"engineer": "Ruud"}
    assert case.events.filter(data__erased=True).count() == 1
    assert heard == [customer.pk, customer.pk]
