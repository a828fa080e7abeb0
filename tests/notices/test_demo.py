import io

import pytest
from django.core.management import call_command
from django.test import Client

from mystuff.models import Item
from notices.models import Notice, NoticeKind

pytestmark = pytest.mark.django_db


def test_the_demo_fridge_order_and_its_late_promise_have_notices_with_choices():
    call_command("seed_demo", force=True, stdout=io.StringIO())
    call_command("seed_demo", force=True, stdout=io.StringIO())
    fridge = Item.objects.get(external_id="ORD-10388")
    active = Notice.objects.filter(item=fridge, cleared_at__isnull=True)
    assert set(active.values_list("kind", flat=True)) == {
        NoticeKind.ORDER_LATE,
        NoticeKind.PROMISE_LATE,
    }
    client = Client()
    client.force_login(fridge.customer.user)
    page = client.get(fridge.get_absolute_url()).content.decode()
    assert "Your order ORD-10388 is running late" in page
    assert "Choose another delivery day" in page and "Cancel and refund" in page
    assert "We are late." in page
    help_page = client.get(f"/help/item/{fridge.pk}/").content.decode()
    assert "Continue that case" in help_page and "is late, sorry" in help_page
