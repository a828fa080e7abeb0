import io

import pytest
from django.core.management import call_command

from cases.models import Contact
from channels_routing.selectors import Target
from channels_routing.services import contact_context
from mystuff.models import Customer

pytestmark = pytest.mark.django_db


def test_the_demo_contacts_carry_the_snapshot_a_real_contact_gets():
    """The agent's context panel reads the demo's contacts as it reads real ones: the demo
    builds them with the routing's one snapshot."""
    call_command("seed_demo", "--force", stdout=io.StringIO())
    customer = Customer.objects.get(user__username="customer@example.com")
    made = contact_context(
        target=Target(customer=customer), channel="phone", description="", repeat_contacts=0
    )
    seeded = list(Contact.objects.filter(customer=customer))
    assert len(seeded) >= 9  # the case contacts and the channel history
    for contact in seeded:
        assert set(made) <= set(contact.context), contact.idempotency_key
        assert contact.context["customer"] == made["customer"]
        assert contact.context["channel"] == contact.channel
