"""Guests (issue 23 items 10 and 15): a five-try code gets five tries however the guesses
arrive, confirming a registered customer's address does not open their case, a guest link
opens only a case its address wrote to, and no file is served from /media/."""

import contextlib
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cases.models import Contact
from channels_routing import services
from tests.factories import CaseFactory, CustomerFactory

pytestmark = pytest.mark.django_db


def _code(email: str) -> str:
    services.guest_code_send(email=email, ip="192.0.2.1")
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def test_a_guest_code_allows_five_tries_in_all_then_not_even_the_right_one():
    code = _code("pat@example.net")
    wrong = "111111" if code != "111111" else "222222"
    for _ in range(5):
        assert not services.guest_code_check(email="pat@example.net", code=wrong)
    assert not services.guest_code_check(email="pat@example.net", code=code)


class _ReadTogether:
    """The cache as the workers share it, except that reads of a guest code wait until
    ``parties`` callers have read: the worst interleaving of parallel guesses, every time."""

    def __init__(self, cache, parties):
        self._cache = cache
        self._barrier = threading.Barrier(parties)

    def get(self, key, *args, **kwargs):
        value = self._cache.get(key, *args, **kwargs)
        if key.startswith("channels:guest-code:"):
            with contextlib.suppress(threading.BrokenBarrierError):
                self._barrier.wait(timeout=5)
        return value

    def __getattr__(self, name):
        return getattr(self._cache, name)


def test_parallel_wrong_guesses_get_no_more_than_five_tries(monkeypatch):
    """Each try is counted atomically before it is compared: guesses that read the code at
    the same moment used to see the same count and got more tries than five."""
    code = _code("pat@example.net")
    wrong = [f"{n:06d}" for n in range(20) if f"{n:06d}" != code][:12]
    compared = []
    original = services.secrets.compare_digest

    def counting(a, b):
        compared.append(b)
        return original(a, b)

    monkeypatch.setattr(services, "cache", _ReadTogether(services.cache, parties=6))
    monkeypatch.setattr(services.secrets, "compare_digest", counting)
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(
            pool.map(
                lambda guess: services.guest_code_check(email="pat@example.net", code=guess),
                wrong,
            )
        )
    assert len(compared) <= 5


def test_a_new_code_starts_with_five_fresh_tries():
    _code("pat@example.net")
    for _ in range(5):
        services.guest_code_check(email="pat@example.net", code="000000x")
    code = _code("pat@example.net")
    assert services.guest_code_check(email="pat@example.net", code=code)


def test_a_guest_confirming_a_customers_address_gets_a_case_of_their_own(client):
    customer = CustomerFactory(email="known@example.net")
    private = CaseFactory(customer=customer, subject="Private open case 4411")
    session = client.session
    session["channels_guest_email"] = "known@example.net"
    session.save()
    response = client.post(reverse("channels_routing:guest_message"), {"body": "Hello"})
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.case != private
    page = client.get(response.url).content.decode()
    assert "Private open case 4411" not in page and private.reference not in page


def test_a_guest_link_for_a_case_its_address_never_wrote_to_opens_nothing(client):
    """In development the signing key is public, so anyone can sign {case, email}: the link
    must only open a case that address confirmed a contact on."""
    case = CaseFactory(subject="Somebody else's case")
    token = services.guest_case_token(case_id=case.pk, email="attacker@example.net")
    assert client.get(reverse("channels_routing:guest_case", args=[token])).status_code == 404
    owner = services.guest_case_token(case_id=case.pk, email=case.customer.email)
    assert client.get(reverse("channels_routing:guest_case", args=[owner])).status_code == 404


def test_media_files_are_not_served_in_any_setup(settings, world):
    settings.DEBUG = True
    from importlib import reload

    from django.urls import clear_url_caches

    from contact_portal import urls

    reload(urls)
    clear_url_caches()
    try:
        path = world.attachment.file.name
        assert Client().get(f"/media/{path}").status_code == 404
        assert world.client("other_customer").get(f"/media/{path}").status_code == 404
    finally:
        settings.DEBUG = False
        reload(urls)
        clear_url_caches()


def test_the_contact_admin_links_files_to_the_checked_view_not_media(world):
    from cases.models import Attachment

    world.client("owner").post(
        reverse("channels_routing:message", args=[world.message_contact.pk]),
        {
            "body": "Receipt attached",
            "attachments": [
                SimpleUploadedFile("r.txt", b"receipt text", content_type="text/plain")
            ],
        },
    )
    page = world.client("team_agent").get(
        reverse("admin:cases_contact_change", args=[world.message_contact.pk])
    )
    html = page.content.decode()
    assert "/media/" not in html
    copy = Attachment.objects.get(case=world.case, name="r.txt")
    assert reverse("admin:cases_case_attachment", args=[world.case.pk, copy.pk]) in html


def test_a_guest_link_still_opens_a_case_merged_into_another(client):
    from cases.models import Case

    case = CaseFactory()
    into = CaseFactory(customer=case.customer)
    from tests.channels_routing.factories import ContactFactory

    ContactFactory(case=into, customer=case.customer, guest_email="pat@example.net")
    Case.objects.filter(pk=case.pk).update(merged_into=into)
    token = services.guest_case_token(case_id=case.pk, email="pat@example.net")
    assert client.get(reverse("channels_routing:guest_case", args=[token])).status_code == 200
