import pytest
from django.utils import timezone

from mystuff.models import ItemKind
from mystuff.services import interaction_record
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def test_a_finished_contact_lands_on_the_timeline_once():
    customer = CustomerFactory()  # a portal sign-up: no external id yet
    kwargs = dict(
        customer=customer,
        external_id="case-12",
        title="Where is my order? · ORD-10388",
        occurred_at=timezone.now(),
        channel="phone",
        summary="Rebooked the delivery for Friday.",
    )
    item = interaction_record(**kwargs)
    again = interaction_record(**{**kwargs, "summary": "Delivered on Friday."})
    assert again.pk == item.pk
    assert again.kind == ItemKind.INTERACTION
    assert again.customer == customer
    assert again.details == {"channel": "phone", "summary": "Delivered on Friday."}
    assert customer.items.count() == 1
