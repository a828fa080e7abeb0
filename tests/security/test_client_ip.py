"""Per-IP limits behind the load balancer count each client, not the balancer (issue 23, 6).

Every request reaches the web processes from the balancer's address (REMOTE_ADDR); the
balancer appends the client's address to X-Forwarded-For. With ``TRUSTED_PROXY_COUNT=1``
allauth's sign-in limits and our guest-code limit both key on the client's address.
"""

import pytest
from django.test import Client
from django.urls import reverse

from core.models import AuditLog
from tests.contact_portal.test_settings import _run
from tests.factories import PASSWORD, CustomerFactory

BALANCER = "10.0.0.2"
pytestmark = pytest.mark.django_db


def _behind_balancer(client_address: str) -> Client:
    return Client(REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=client_address)


@pytest.fixture
def one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_the_environment_sets_the_proxy_count_and_header_for_allauth():
    probe = (
        "import django; from django.conf import settings; django.setup();"
        "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"
    )
    assert _run(["-c", probe], {}).stdout.split() == ["0", "None"]
    got = _run(["-c", probe], {"TRUSTED_PROXY_COUNT": "1", "TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"})
    assert got.stdout.split() == ["1", "X-Real-IP"]


def test_an_attacker_guessing_does_not_lock_out_other_clients_of_the_balancer(one_proxy):
    attacker = _behind_balancer("203.0.113.66")
    for n in range(12):
        attacker.post(reverse("account_login"), {"login": f"x{n}@example.org", "password": "no"})
    locked = attacker.post(reverse("account_login"), {"login": "y@example.org", "password": "no"})
    assert "Too many failed login attempts" in locked.content.decode()
    customer = CustomerFactory()
    other = _behind_balancer("198.51.100.7")
    response = other.post(
        reverse("account_login"), {"login": customer.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    # The audit log names the client, not the balancer.
    assert AuditLog.objects.filter(action="sign_in", ip="198.51.100.7").exists()


def test_guest_codes_are_limited_per_client_behind_the_balancer(one_proxy):
    url = reverse("channels_routing:guest_start")
    busy = _behind_balancer("203.0.113.66")
    for n in range(10):
        busy.post(url, {"email": f"g{n}@example.org", "name": "G"})
    refused = busy.post(url, {"email": "g99@example.org", "name": "G"})
    assert "Too many codes" in refused.content.decode()
    allowed = _behind_balancer("198.51.100.7").post(url, {"email": "h@example.org", "name": "H"})
    assert allowed.status_code == 302


def test_a_forwarded_for_shorter_than_the_proxy_count_is_counted_by_its_own_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    response = _behind_balancer("203.0.113.66").post(
        reverse("account_login"), {"login": "y@example.org", "password": "no"}
    )
    assert response.status_code == 200  # the form again, not a 500
