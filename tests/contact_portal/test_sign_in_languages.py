"""Sign-in and account pages (ours and allauth's) read entirely in the visitor's language.

allauth ships ``pt_BR`` and ``pt_PT`` but no ``pt``; gettext normalises ``pt`` to ``pt_PT``, so
our ``pt`` gets allauth's European Portuguese, which matches our own catalog. Every other
shipped language has its own allauth catalog. Any visible phrase left as in English fails."""

import html
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.test import Client

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNED_OUT = [
    "/accounts/login/",
    "/accounts/login/code/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
]
SIGNED_IN = [
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/logout/",
]
# The same word in the language itself, or not language at all.
SAME_IN = {
    "it": {"Password", "Password:", "Email", "Email:"},
    "nl": {"Code", "Code:"},
    "de": {"Code", "Code:"},
    "fr": {"Code", "Code:"},
}
LANGUAGE_NAMES = {str(name) for _code, name in settings.LANGUAGES}


def visible_text(page: str) -> set[str]:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<!--.*?-->", " ", page, flags=re.S)
    shown = re.findall(r'(?:placeholder|aria-label|title|alt)="([^"]*)"', page)
    shown += re.sub(r"<[^>]+>", "\n", page).split("\n")
    chunks = {html.unescape(chunk).strip() for chunk in shown}
    return {
        chunk
        for chunk in chunks
        if re.search(r"[A-Za-z]{3,}", chunk)
        and "@" not in chunk
        and not chunk.startswith("/")
        and not re.fullmatch(r"[A-Z2-7]{16,}", chunk)  # the authenticator secret
        and chunk not in LANGUAGE_NAMES
    }


def pages(language: str) -> dict[str, set[str]]:
    seen = {}
    browser = Client()
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in SIGNED_OUT:
        response = browser.get(url)
        assert response.status_code == 200, url
        seen[url] = visible_text(response.content.decode())
    # The page to type the code on, and the message that the code was sent.
    response = browser.post("/accounts/login/code/", {"email": "ana@example.org"}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/code/confirm/"
    seen["/accounts/login/code/confirm/"] = visible_text(response.content.decode())
    # The second step for someone with an authenticator app.
    second = Client()
    second.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = second.post(
        "/accounts/login/", {"login": "mfa@example.org", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/accounts/2fa/authenticate/"
    seen["/accounts/2fa/authenticate/"] = visible_text(response.content.decode())
    signed_in = Client()
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    signed_in.post("/accounts/login/", {"login": "ana@example.org", "password": PASSWORD})
    seen["/accounts/reauthenticate/"] = visible_text(
        signed_in.get("/accounts/reauthenticate/").content.decode()
    )
    # Setting up a second factor asks for the password again first.
    signed_in.post("/accounts/reauthenticate/", {"password": PASSWORD})
    for url in SIGNED_IN:
        response = signed_in.get(url)
        assert response.status_code == 200, url
        seen[url] = visible_text(response.content.decode())
    return seen


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES if code != "en"])
def test_sign_in_and_account_pages_have_no_english_left(language):
    UserFactory(email="ana@example.org")
    TOTP.activate(UserFactory(email="mfa@example.org"), generate_totp_secret())
    english = pages("en")
    assert "Sign in" in " ".join(english["/accounts/login/"])  # the comparison sees text
    translated = pages(language)
    left = {
        url: sorted(text & english[url] - SAME_IN.get(language, set()))
        for url, text in translated.items()
    }
    assert {url: words for url, words in left.items() if words} == {}
