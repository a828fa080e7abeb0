"""My data has no id in its URL: it is always the signed-in customer's own, whoever else's
things exist."""

import json

import pytest
from django.urls import reverse

from tests.security.world import CASE_SUBJECT, OWNER_NAME

pytestmark = pytest.mark.django_db


def test_my_data_pages_show_only_the_signed_in_customers_data(world):
    browser = world.client("other_customer")
    page = browser.get(reverse("mystuff:data")).content.decode()
    download = browser.get(reverse("mystuff:data_download"))
    assert download.status_code == 200
    exported = json.loads(download.getvalue())
    assert exported["customer"]["email"] == world.other_customer.email
    assert exported["items"] == exported["cases"] == exported["contacts"] == []
    assert exported["feedback"] == exported["self_help_journeys"] == []
    for secret in (OWNER_NAME, CASE_SUBJECT, world.owner.email, world.item.reference):
        assert secret not in page
        assert secret not in download.getvalue().decode()


def test_the_owners_download_has_their_things(world):
    """The control: the same download for A holds A's item and case."""
    exported = json.loads(world.client("owner").get(reverse("mystuff:data_download")).getvalue())
    assert world.item.reference in json.dumps(exported)
    assert CASE_SUBJECT in json.dumps(exported)


def test_asking_for_erasure_opens_a_case_for_the_asker_only(world):
    from cases.models import Case

    before = set(Case.objects.filter(customer=world.owner).values_list("pk", flat=True))
    response = world.client("other_customer").post(reverse("mystuff:data_erase"), {"confirm": "on"})
    assert response.status_code == 302
    assert set(Case.objects.filter(customer=world.owner).values_list("pk", flat=True)) == before
    assert Case.objects.filter(customer=world.other_customer).count() == 1
