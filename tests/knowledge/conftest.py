import pytest

from tests.channels_routing.conftest import (  # noqa: F401  (contact journeys)
    calm_reason,
    channels,
    urgent_reason,
)
from tests.factories import ContactReasonFactory, ItemFactory


@pytest.fixture
def item(customer):
    return ItemFactory(customer=customer, title="Fridge-freezer FF-620", reference="ORD-20001")


@pytest.fixture
def where_is_my_order(db):
    return ContactReasonFactory(
        slug="where-is-my-order",
        name="Where is my order?",
        item_kinds=["order"],
        translations={"nl": "Waar is mijn bestelling?"},
        urgency="high",
    )
