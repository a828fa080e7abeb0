"""Cookies and security headers as a browser gets them in production.

The production values are read from the real settings module in a subprocess with the
production environment (``DEBUG=0`` and the rest, as tests/contact_portal/test_settings.py
sets them, which also keeps ``check --deploy`` clean), then applied to this test process, so
what is asserted is what production sends, through the real middleware. Requests arrive as
behind the TLS proxy (``X-Forwarded-Proto: https``).
"""

import json
import re

import pytest
from django.test import Client, override_settings

from tests.contact_portal.test_settings import PRODUCTION, _run
from tests.factories import PASSWORD, CustomerFactory

HOST = "help.example.com"
SECURITY_SETTINGS = [
    "ALLOWED_HOSTS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "SECURE_CSP",
]
PROBE = (
    "import json, django; from django.conf import settings; django.setup();"
    f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))"
)


@pytest.fixture(scope="module")
def production_settings():
    result = _run(["-c", PROBE], {**PRODUCTION, "ALLOWED_HOSTS": HOST})
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    with override_settings(**values):
        yield values


@pytest.fixture
def https_client(production_settings):
    return Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")


def _directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


@pytest.mark.django_db
def test_signing_in_sets_a_secure_httponly_lax_session_cookie(https_client):
    customer = CustomerFactory()
    login_page = https_client.get("/accounts/login/")
    csrf = login_page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    response = https_client.post(
        "/accounts/login/",
        {
            "login": customer.user.email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": csrf.value,
        },
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"]
    assert session["secure"]
    assert session["samesite"] == "Lax"
    assert https_client.get("/my-stuff/").status_code == 200  # the cookie signs the customer in


@pytest.mark.django_db
def test_plain_http_is_sent_to_https(production_settings):
    response = Client(HTTP_HOST=HOST).get("/my-stuff/")
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/my-stuff/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "signed_in", "status"),
    [
        ("/", False, 200),
        ("/accounts/login/", False, 200),
        ("/help/", False, 200),
        ("/my-stuff/", True, 200),
        ("/cases/999999/", True, 404),
        ("/reports/", True, 403),
        ("/accounts/2fa/", True, 200),
    ],
)
def test_every_kind_of_page_sends_the_security_headers(https_client, path, signed_in, status):
    if signed_in:
        https_client.force_login(CustomerFactory().user)
    response = https_client.get(path)
    assert response.status_code == status

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"

    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    scripts = policy["script-src"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert "'unsafe-inline'" not in policy["style-src"]
    nonces = [source for source in scripts if source.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    for tag in re.findall(r"<script[^>]*>", response.content.decode()):
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag


@pytest.mark.django_db
def test_each_response_gets_a_fresh_nonce(https_client):
    first = https_client.get("/")["Content-Security-Policy"]
    second = https_client.get("/")["Content-Security-Policy"]
    assert re.search(r"'nonce-[^']+'", first).group() != re.search(r"'nonce-[^']+'", second).group()
