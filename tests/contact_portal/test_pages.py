import re

import pytest

pytestmark = pytest.mark.django_db


def test_home_has_one_h1_and_the_two_main_links(client):
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    assert ">Need Help</a>" in html
    assert ">My Stuff</a>" in html


def test_every_script_is_external_or_carries_the_nonce(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "script-src 'self' 'nonce-" in policy
    for tag in re.findall(r"<script[^>]*>", response.content.decode()):
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag


def test_sign_in_page_has_labelled_fields(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<label for="id_login">Email</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert ">Sign in</button>" in html


def test_the_language_switcher_changes_the_language(client):
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "nl"


def test_pages_speak_the_customers_preferred_language(client, customer):
    customer.preferred_language = "de"
    customer.save(update_fields=["preferred_language"])
    client.force_login(customer.user)
    response = client.get("/")
    assert response.wsgi_request.LANGUAGE_CODE == "de"
    assert '<html lang="de"' in response.content.decode()


def test_the_switcher_wins_over_the_profile(client, customer):
    customer.preferred_language = "de"
    customer.save(update_fields=["preferred_language"])
    client.force_login(customer.user)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert '<html lang="fr"' in client.get("/").content.decode()
