"""Staff sign in through the customers' sign-in, its limits and a second factor (issue 23, 1).

The admin's login page used to call Django's ``authenticate`` itself: no lock-out, no per-IP
limit. Now it sends staff to the one sign-in page; with ``MFA_REQUIRED_FOR_STAFF`` (on when
``DEBUG=0``) a staff member sets up an authenticator app before any staff page, and is asked
for a code (or a recovery code) at every sign-in.
"""

import re

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from core.models import AuditLog
from tests.contact_portal.test_settings import PRODUCTION, _run
from tests.factories import PASSWORD, CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


def _code(secret: str, step: int = 0) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    # A used code is refused again; one step either side lets the test sign in twice at once.
    settings.MFA_TOTP_TOLERANCE = 1


def _sign_in(client: Client, email: str, password: str = PASSWORD, next_url: str = ""):
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": email, "password": password})


def test_the_admin_login_page_sends_staff_to_the_one_sign_in():
    response = Client().get("/admin/login/?next=/admin/cases/case/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fcases%2Fcase%2F"
    # The admin's own redirect for a visitor ends there too.
    assert Client().get("/admin/", follow=True).redirect_chain[-1][0].startswith("/accounts/login/")


def test_guessing_an_agents_password_on_the_admin_login_never_signs_in(agent):
    guesser = Client()
    for n in range(30):
        guesser.post("/admin/login/", {"username": agent.username, "password": f"guess{n}"})
    guesser.post("/admin/login/", {"username": agent.username, "password": PASSWORD})
    assert guesser.get("/admin/").status_code == 302  # still a visitor
    assert "_auth_user_id" not in guesser.session


def test_a_locked_staff_account_stays_locked_for_the_admin_too(agent):
    guesser = Client()
    for n in range(5):
        _sign_in(guesser, agent.email, f"guess{n}")
    locked = _sign_in(guesser, agent.email)
    assert "Too many failed login attempts" in locked.content.decode()
    assert guesser.get("/admin/").status_code == 302
    assert AuditLog.objects.filter(action="sign_in_failed").count() >= 5


def test_a_signed_in_customer_is_refused_the_admin_without_a_redirect_loop(customer_client):
    assert customer_client.get("/admin/login/?next=/admin/").status_code == 403


def test_staff_set_up_an_authenticator_app_then_need_a_code_at_each_sign_in(required, agent):
    desk = Client()
    assert _sign_in(desk, agent.email, next_url="/admin/").status_code == 302
    # No second factor yet: every staff page leads to setting one up.
    response = desk.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert desk.get("/contact/desk/")["Location"].startswith(reverse("mfa_activate_totp"))

    # Setting it up asks for the password once more (allauth's reauthentication).
    reauth = desk.get(reverse("mfa_activate_totp"))
    assert reauth["Location"].startswith(reverse("account_reauthenticate"))
    desk.post(reauth["Location"], {"password": PASSWORD})
    page = desk.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = desk.session[SECRET_SESSION_KEY]
    activated = desk.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert activated.status_code == 302
    assert desk.get("/admin/").status_code == 200

    codes_page = desk.get(reverse("mfa_view_recovery_codes"))
    recovery = re.findall(r"\b[0-9a-f]{8}\b", codes_page.content.decode())
    assert recovery

    # The next sign-in asks for a code; the password alone is not enough.
    desk.post(reverse("account_logout"))
    again = Client()
    response = _sign_in(again, agent.email, next_url="/admin/")
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert again.get("/admin/").status_code == 302
    wrong = again.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert again.post(reverse("mfa_authenticate"), {"code": _code(secret, 1)}).status_code == 302
    assert again.get("/admin/").status_code == 200

    # A lost phone: a recovery code signs in once.
    lost = Client()
    _sign_in(lost, agent.email)
    assert lost.post(reverse("mfa_authenticate"), {"code": recovery[0]}).status_code == 302
    assert lost.get("/admin/").status_code == 200


def test_customers_are_not_asked_for_a_second_factor(required):
    customer = CustomerFactory()
    browser = Client()
    assert _sign_in(browser, customer.user.email)["Location"] == reverse("mystuff:home")
    assert browser.get(reverse("mystuff:home")).status_code == 200


def test_the_demo_keeps_staff_logins_without_a_second_factor():
    agent = UserFactory(role="agent", is_staff=True)
    browser = Client()
    _sign_in(browser, agent.email)
    assert browser.get("/admin/").status_code == 200


def test_production_requires_a_second_factor_for_staff():
    probe = (
        "import django; from django.conf import settings; django.setup();"
        "print(settings.MFA_REQUIRED_FOR_STAFF)"
    )
    assert _run(["-c", probe], PRODUCTION).stdout.strip() == "True"
    assert _run(["-c", probe], {}).stdout.strip() == "False"
