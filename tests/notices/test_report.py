"""The notices report: notices, choices and contacts avoided, with its definition."""

from datetime import timedelta

from django.utils import timezone

from cases.models import Contact
from notices.models import Notice
from reporting.definitions import contacts_avoided
from tests.factories import ItemFactory


def test_contacts_avoided_compares_contacts_per_late_item_with_and_without_a_notice():
    # Without: 4 late items, 3 contacts (75 per 100); with: 2 items, 0 contacts -> 1.5 saved.
    assert contacts_avoided(2, 0, 4, 3) == 2
    assert contacts_avoided(2, 2, 4, 1) == 0  # never negative
    assert contacts_avoided(0, 0, 4, 3) is None
    assert contacts_avoided(2, 0, 0, 0) is None


def test_the_report_shows_notices_choices_and_contacts_per_100_late_items(
    manager_client, customer, notice, fridge
):
    Notice.objects.filter(pk=notice.pk).update(choice="cancel", chosen_at=timezone.now())
    due = timezone.now() - timedelta(days=2)
    type(fridge).objects.filter(pk=fridge.pk).update(due_at=due)
    silent = [
        ItemFactory(customer=customer, status="shipped", due_at=due),
        ItemFactory(customer=customer, status="shipped", due_at=due),
    ]
    Contact.objects.create(
        customer=customer, item=silent[0], channel="phone", requested_at=due + timedelta(hours=5)
    )
    ItemFactory(customer=customer, status="delivered", due_at=due)  # on time: not late
    page = manager_client.get("/reports/notices/").content.decode()
    assert "Notices sent before the customer asked" in page
    assert "Cancel and refund: 1" in page
    assert "Contacts per 100 late items" in page
    assert "a choice made on a notice is not a contact" in page
    # With a notice: the fridge, no contact (0.0); without: two items, one contact (50.0).
    measure = next(
        m
        for m in manager_client.get("/reports/notices/").context["measures"]
        if m.key == "contacts-avoided"
    )
    assert [row[1:] for row in measure.rows] == [[1, 0, 0.0], [2, 1, 50.0]]
    assert measure.summary[0][1] == 0  # 50 per 100 saved on one item rounds to 0
