"""The reasons offered for an item fit its kind, its state and its age (issue 22, item 11)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from contact_portal.demo import seed_core_company, seed_users
from mystuff.models import ItemStatusChange
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_reasons(db):
    users = seed_users()
    seed_core_company(users)
    return users


def offered(client, item) -> list[str]:
    html = client.get(reverse("knowledge:journey", args=[item.pk])).content.decode()
    reasons = html.split('class="reason-list"')[1].split("</ul>")[0]
    return [name.strip() for name in re.findall(r'class="reason[^"]*"[^>]*>([^<]+)<', reasons)]


def test_a_delivered_old_appliance_gets_fault_repair_and_warranty_not_delivery_reasons(
    customer_client, customer, demo_reasons
):
    oven = ItemFactory(
        customer=customer,
        kind="order",
        status="delivered",
        title="Oven OV-60",
        occurred_at=timezone.now() - timedelta(days=430),
        due_at=timezone.now() - timedelta(days=425),
    )
    names = offered(customer_client, oven)
    assert "A fault, repair or warranty" in names
    for wrong in ("Where is my order?", "Change or cancel", "Damaged or wrong item"):
        assert wrong not in names
    assert names[-1] == "Something else"
    page = customer_client.get(
        reverse("knowledge:journey", args=[oven.pk]), {"reason": "fault-or-repair"}
    ).content.decode()
    assert "Is it still under warranty?" in page


def test_an_order_on_its_way_gets_where_is_my_order_and_a_new_delivery_damaged(
    customer_client, customer, demo_reasons
):
    coming = ItemFactory(customer=customer, kind="order", status="shipped")
    assert offered(customer_client, coming)[:2] == ["Where is my order?", "Change or cancel"]
    fresh = ItemFactory(
        customer=customer,
        kind="order",
        status="delivered",
        occurred_at=timezone.now() - timedelta(days=5),
        due_at=timezone.now() - timedelta(days=2),
    )
    names = offered(customer_client, fresh)
    assert "Damaged or wrong item" in names and "Where is my order?" not in names


def test_visit_and_enquiry_reasons_are_in_a_sensible_order(customer_client, customer, demo_reasons):
    visit = ItemFactory(customer=customer, kind="appointment", status="booked")
    names = offered(customer_client, visit)
    assert names[0] == "When is the engineer coming?" and names[-1] == "Something else"
    enquiry = ItemFactory(customer=customer, kind="enquiry", status="open")
    names = offered(customer_client, enquiry)
    assert len(names) >= 3 and names[-1] == "Something else"


def test_stop_these_messages_unsubscribes_in_one_click_and_confirms(
    customer_client, customer, demo_reasons
):
    letter = ItemFactory(customer=customer, kind="marketing", status="subscribed", title="Tips")
    html = customer_client.get(reverse("knowledge:journey", args=[letter.pk])).content.decode()
    action = reverse("knowledge:reason_action", args=[letter.pk, "unsubscribe"])
    assert f'action="{action}"' in html  # a button that does it, not a link to a form
    response = customer_client.post(action, follow=True)
    letter.refresh_from_db()
    assert letter.status == "unsubscribed"
    assert "you will not get Tips any more" in response.content.decode()
    assert ItemStatusChange.objects.filter(item=letter, to_status="unsubscribed").count() == 1
    customer_client.post(action)
    assert ItemStatusChange.objects.filter(item=letter, to_status="unsubscribed").count() == 1


def test_someone_elses_marketing_item_cannot_be_unsubscribed(
    customer_client, other_customer, demo_reasons
):
    theirs = ItemFactory(customer=other_customer, kind="marketing", status="subscribed")
    url = reverse("knowledge:reason_action", args=[theirs.pk, "unsubscribe"])
    assert customer_client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "subscribed"
