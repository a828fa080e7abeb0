"""Personal pages are not kept by shared caches or the browser's disk (issue 23, item 16)."""

import json

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from channels_routing import services
from tests.contact_portal.test_settings import PRODUCTION, _run
from tests.factories import CaseFactory, ItemFactory

pytestmark = pytest.mark.django_db


def _private(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_signed_in_pages_and_the_data_download_are_private_and_not_stored(
    customer, customer_client
):
    item = ItemFactory(customer=customer)
    case = CaseFactory(customer=customer)
    for url in [
        reverse("mystuff:home"),
        reverse("mystuff:home"),  # the second time from the page cache
        reverse("mystuff:item", args=[item.pk]),
        reverse("cases:detail", args=[case.pk]),
        reverse("mystuff:data"),
        reverse("mystuff:data_download"),
        reverse("channels_routing:choose") + f"?item={item.pk}",
    ]:
        response = customer_client.get(url)
        assert response.status_code == 200, url
        assert _private(response), (url, response.get("Cache-Control"))


def test_the_guests_case_page_is_private(customer):
    from tests.channels_routing.factories import ContactFactory

    case = CaseFactory(customer=customer)
    ContactFactory(case=case, customer=customer, guest_email=customer.email)
    token = services.guest_case_token(case_id=case.pk, email=customer.email)
    response = Client().get(reverse("channels_routing:guest_case", args=[token]))
    assert response.status_code == 200
    assert _private(response)


def test_public_pages_stay_cacheable():
    assert not _private(Client().get(reverse("home")))


def test_the_language_cookie_is_secure_in_production():
    probe = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps([settings.LANGUAGE_COOKIE_SECURE, settings.LANGUAGE_COOKIE_SAMESITE]))"
    )
    result = _run(["-c", probe], PRODUCTION)
    secure, samesite = json.loads(result.stdout)
    assert secure is True and samesite == "Lax"
    with override_settings(
        LANGUAGE_COOKIE_SECURE=secure, LANGUAGE_COOKIE_SAMESITE=samesite, ALLOWED_HOSTS=["*"]
    ):
        response = Client().post(reverse("set_language"), {"language": "nl", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie["secure"] and cookie["samesite"] == "Lax"
