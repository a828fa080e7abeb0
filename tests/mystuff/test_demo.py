import io

import pytest

from contact_portal.demo import seed_users
from mystuff import demo
from mystuff.models import Customer, Item, ItemStatusChange, Lifecycle

pytestmark = pytest.mark.django_db


def test_the_demo_is_believable_and_idempotent():
    seed_users()
    demo.seed(io.StringIO())
    counts = (Item.objects.count(), ItemStatusChange.objects.count(), Customer.objects.count())
    demo.seed(io.StringIO())
    assert (
        Item.objects.count(),
        ItemStatusChange.objects.count(),
        Customer.objects.count(),
    ) == counts
    alex = Customer.objects.get(email="customer@example.com")
    statuses = set(alex.items.filter(kind="order").values_list("status", flat=True))
    assert {"delivered", "late", "out_for_delivery", "refunded", "cancelled"} <= statuses
    assert alex.items.filter(kind="marketing").count() >= 3
    assert alex.items.filter(kind="interaction").exists()
    assert Customer.objects.get(email="sanne@example.com").user is not None
    prospect = Customer.objects.get(email="noor@example.com")
    assert prospect.lifecycle == Lifecycle.PROSPECT
    assert not prospect.items.filter(kind="order").exists()
    late = Item.objects.get(external_id="ORD-10388")
    assert list(late.status_changes.values_list("to_status", flat=True)) == [
        "placed",
        "shipped",
        "late",
    ]
