from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ContactReasonFactory, ItemFactory, TeamFactory


@pytest.fixture
def deliveries(db):
    return TeamFactory(name="Deliveries", slug="deliveries")


@pytest.fixture
def where_is_it(db):
    return ContactReasonFactory(slug="where-is-my-order", name="Where is my order?")


@pytest.fixture
def fridge(customer, deliveries, where_is_it):
    """An order that is due in an hour and not delivered yet."""
    return ItemFactory(
        customer=customer,
        reference="ORD-10388",
        title="Fridge-freezer FF-620",
        status="shipped",
        due_at=timezone.now() + timedelta(hours=1),
    )


@pytest.fixture
def notice(fridge):
    """The fridge's lateness, noticed (the clock moved four hours on)."""
    from notices.models import Notice
    from notices.services import notices_detect

    notices_detect()
    notices_detect(now=timezone.now() + timedelta(hours=4))
    return Notice.objects.get(item=fridge)
