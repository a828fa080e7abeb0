"""A POST without a CSRF token is refused on every route, for a signed-in user.

The browser of a signed-in customer (or manager, on staff pages) sends its session cookie but
no token, as a forged cross-site form would. Every route in the resolver is tried, not only
those with forms: Django's CSRF middleware refuses before the view runs, so a route that
forgets its form's token cannot slip through. The exemptions are listed with their reason
and tested for what replaces the token.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse

from channels_routing.models import CallRecord
from core.models import AuditLog
from mystuff.models import ApiKey, Customer
from tests.security.checks import fingerprint, url_for
from tests.security.routes import EXEMPT, ROUTES, Route, admin_routes, walk

# Routes that do not use cookies for authentication, so a token would protect nothing.
CSRF_EXEMPT = {
    "mystuff_api:customer_upsert": "API: Bearer API key per integration, no cookie auth",
    "mystuff_api:customer_bulk": "API: Bearer API key per integration, no cookie auth",
    "mystuff_api:item_upsert": "API: Bearer API key per integration, no cookie auth",
    "mystuff_api:item_bulk": "API: Bearer API key per integration, no cookie auth",
    "channels_api:cti": "phone-system webhook: the API key is in the path, no cookie auth",
    "channels_api:mailgun_inbound": "email webhook: Mailgun's HMAC signature, no cookie auth",
    "channels_api:cti_header": "phone-system webhook: the API key is in a header, no cookie auth",
    "schema": "read-only OpenAPI schema (DRF view, GET only)",
}

STAFF_PREFIXES = ("admin", "reporting:", "channels_routing:desk", "knowledge:gaps")
STAFF_ROUTES = {"knowledge:draft_from_case", "knowledge:moderate"}

_TABLE: dict[str, Route] = {}
for _route in ROUTES + admin_routes():
    _TABLE.setdefault(_route.name, _route)


def _routes() -> list:
    params = []
    for key, pattern, has_params in walk():
        if key in CSRF_EXEMPT or key in EXEMPT:
            continue
        params.append(pytest.param(key, pattern, has_params, id=key if key else pattern))
    return params


def _url(world, key: str, has_params: bool) -> str:
    if has_params:
        route = _TABLE[key]
        return url_for(route, route.kwargs(world))
    return reverse(key)


def _actor(key: str) -> str:
    if key.startswith(STAFF_PREFIXES) or key in STAFF_ROUTES:
        return "manager"
    return "owner"


def test_every_exemption_is_a_route_that_exists():
    existing = {key for key, _pattern, _params in walk()}
    assert set(CSRF_EXEMPT) <= existing


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "pattern", "has_params"), _routes())
def test_a_post_without_token_is_refused(world, key, pattern, has_params):
    browser = world.client(_actor(key), enforce_csrf_checks=True)
    url = _url(world, key, has_params)
    response = browser.post(url, {"body": "forged"})
    assert response.status_code == 403, f"{url}: {response.status_code}"
    # Refused by the CSRF check itself (explained, and audited), not by some other rule.
    assert AuditLog.objects.filter(action="csrf_failure", path=url.split("?")[0]).exists()


@pytest.mark.django_db
def test_the_same_post_with_the_pages_token_goes_through(world):
    """The control: the form's own token makes the very same kind of POST work."""
    browser = world.client("owner", enforce_csrf_checks=True)
    page = browser.get(reverse("cases:detail", args=[world.case.pk]))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content)
    assert token is not None
    response = browser.post(
        reverse("cases:message", args=[world.case.pk]),
        {"body": "Any news?", "csrfmiddlewaretoken": token.group(1).decode()},
    )
    assert response.status_code == 302


def test_the_api_does_not_authenticate_by_session_cookie():
    """DRF's SessionAuthentication (which would need CSRF) is not used anywhere."""
    assert settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] == []
    for key in CSRF_EXEMPT:
        view = resolve(_exempt_url(key)).func
        classes = getattr(getattr(view, "cls", None), "authentication_classes", [])
        names = [cls.__name__ for cls in classes]
        assert "SessionAuthentication" not in names, key


def _exempt_url(key: str) -> str:
    if key == "channels_api:cti":
        return reverse(key, kwargs={"token": "nh_forged"})
    return reverse(key)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "key", [k for k in CSRF_EXEMPT if k.startswith("mystuff_api:")], ids=lambda k: k
)
def test_a_managers_cookie_without_token_does_not_reach_the_api(world, key):
    browser = world.client("manager", enforce_csrf_checks=True)
    before = fingerprint()
    response = browser.post(
        reverse(key),
        {"customers": [], "items": [], "external_id": "X1", "name": "Forged", "email": "f@x.org"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert fingerprint() == before
    assert not Customer.objects.filter(name="Forged").exists()


@pytest.mark.django_db
def test_the_email_webhook_wants_mailguns_signature_not_a_cookie(world, settings):
    from channels_routing.models import InboundEmail

    settings.MAILGUN_WEBHOOK_SIGNING_KEY = "key-secret"
    browser = world.client("manager", enforce_csrf_checks=True)
    before = InboundEmail.objects.count()
    response = browser.post(
        reverse("channels_api:mailgun_inbound"),
        {"body-mime": "From: a@example.org\r\n\r\nHi", "timestamp": "1", "token": "t"},
    )
    assert response.status_code == 400  # no (valid) signature: django-anymail refuses it
    assert InboundEmail.objects.count() == before


@pytest.mark.django_db
def test_the_cti_webhook_wants_its_key_not_a_cookie(world):
    browser = world.client("manager", enforce_csrf_checks=True)
    event = {"event": "newCall", "direction": "in", "from": "+31600000001", "callId": "c-9"}
    response = browser.post(reverse("channels_api:cti", args=["nh_forged"]), event)
    assert response.status_code == 403
    assert not CallRecord.objects.filter(call_id="c-9").exists()
    # The control: the phone system's real key is accepted without any cookie or token.
    _key, raw = ApiKey.issue(name="Phone system", scopes=["cti"])
    response = Client(enforce_csrf_checks=True).post(reverse("channels_api:cti", args=[raw]), event)
    assert response.status_code == 200
    assert CallRecord.objects.filter(call_id="c-9").exists()


@pytest.mark.django_db
def test_the_schema_cannot_be_posted_to(world):
    response = world.client("manager", enforce_csrf_checks=True).post(reverse("schema"))
    assert response.status_code in (401, 403, 405)
