import re

import pytest
from django.conf import settings
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_signs_in_with_email_and_password(client, password):
    user = UserFactory(email="ana@example.org")
    response = client.post("/accounts/login/", {"login": "ana@example.org", "password": password})
    assert response.status_code == 302
    assert response.url == "/my-stuff/"
    assert client.get("/my-stuff/").wsgi_request.user == user


def test_a_wrong_password_keeps_the_email_and_says_why(client):
    UserFactory(email="ana@example.org")
    response = client.post("/accounts/login/", {"login": "ana@example.org", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="ana@example.org"' in html
    assert "not correct" in html
    assert response.wsgi_request.user.is_anonymous


def test_it_signs_in_with_a_one_time_code_sent_by_email(client):
    user = UserFactory(email="code@example.org")
    response = client.post("/accounts/login/code/", {"email": "code@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    code = re.search(r"^\s*([A-Z0-9][A-Z0-9-]{4,14})\s*$", mail.outbox[0].body, re.MULTILINE).group(
        1
    )
    response = client.post(response.url, {"code": code})
    assert response.status_code == 302
    assert client.get("/my-stuff/").wsgi_request.user == user


def test_failed_sign_ins_lock_the_account_for_a_while(client, password):
    UserFactory(email="target@example.org")
    for i in range(5):
        response = client.post(
            "/accounts/login/", {"login": "target@example.org", "password": f"x{i}"}
        )
        assert "not correct" in response.content.decode()
    # Even the right password is refused now, with a message that says why.
    response = client.post(
        "/accounts/login/", {"login": "target@example.org", "password": password}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert response.wsgi_request.user.is_anonymous


def test_sign_up_sends_a_verification_email(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a-Long-pass-phrase-9",
            "password2": "a-Long-pass-phrase-9",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "new@example.org" in mail.outbox[0].to
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_password_reset_sends_a_link(client):
    UserFactory(email="forgot@example.org")
    response = client.post("/accounts/password/reset/", {"email": "forgot@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_my_stuff_needs_sign_in(client):
    response = client.get("/my-stuff/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_agents_are_staff_and_reach_the_admin(agent_client):
    assert agent_client.get("/admin/").status_code == 200


def test_customers_do_not_reach_the_admin(customer_client):
    response = customer_client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_reports_are_for_managers_only(client, customer, agent, manager):
    client.force_login(customer.user)
    assert client.get("/reports/").status_code == 403
    client.force_login(agent)
    assert client.get("/reports/").status_code == 403
    client.force_login(manager)
    assert client.get("/reports/").status_code == 200


@pytest.mark.parametrize("language", ["en", "nl", "pt", "ar"])
def test_the_sign_in_code_pages_and_email_are_ours_in_every_language(client, language):
    from django.utils import translation

    UserFactory(email="code@example.org")
    client.cookies["django_language"] = language
    page = client.get("/accounts/login/code/").content.decode()
    with translation.override(language):
        assert translation.gettext("Sign in with a code") in page
        assert translation.gettext("Email me a code") in page
    response = client.post("/accounts/login/code/", {"email": "code@example.org"})
    body = mail.outbox[0].body
    assert "Hello from" not in body and "testserver" not in body
    assert body.rstrip().endswith(settings.SITE_URL)  # our address, not the request's host
    with translation.override(language):
        assert translation.gettext("The Need Help team") in body
        assert translation.gettext("Your sign-in code") in mail.outbox[0].subject
    page = client.get(response.url).content.decode()
    with translation.override(language):
        assert translation.gettext("Enter your sign-in code") in page
    # Only "Sign in" is the main button; Cancel and a new code are secondary.
    buttons = re.findall(r"<button([^>]*)>\s*([^<]+?)\s*</button>", page)
    plain = [text for attrs, text in buttons if "secondary" not in attrs]
    assert len(plain) == 1
    with translation.override(language):
        assert translation.gettext("Sign in") in plain
        assert all(
            "secondary" in attrs for attrs, text in buttons if text == translation.gettext("Cancel")
        )
    assert "account-page" in page
