"""The phone webhook (issue 23 item 11): reference-code guesses are limited per webhook key
and per code, not only per caller number (which the request itself claims), and the key can
travel in a header so it stays out of access logs (path keys are redacted there)."""

import json
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from channels_routing import services
from channels_routing.models import ReferenceCode
from contact_portal.accesslog import redact
from mystuff.models import ApiKey
from tests.channels_routing.factories import ContactFactory
from tests.factories import CaseFactory, CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def key():
    return ApiKey.issue(name="Phone system", scopes=["cti"])[1]


@pytest.fixture
def code():
    customer = CustomerFactory(name="Secret Caller Name")
    contact = ContactFactory(
        customer=customer,
        case=CaseFactory(customer=customer),
        channel="phone",
        context={"customer": {"name": customer.name}},
    )
    return services.reference_code_issue(contact=contact).code


def _new_call(client, url, n, code, number=None, **headers):
    payload = {
        "event": "newCall",
        "callId": f"call-{n}",
        "direction": "in",
        "from": number or f"+316{random.randrange(10**8):08d}",  # noqa: S311
        "code": code,
    }
    return client.post(url, json.dumps(payload), content_type="application/json", **headers)


def test_rotating_the_caller_number_does_not_give_unlimited_guesses(client, key, code, monkeypatch):
    monkeypatch.setitem(services.CTI_CODE_TRIES, "key", 40)
    url = reverse("channels_api:cti", args=[key])
    wrong = [f"{n:08d}" for n in range(41) if f"{n:08d}" != code][:40]
    for n, guess in enumerate(wrong):
        assert _new_call(client, url, n, guess).status_code == 200
    answer = _new_call(client, url, 99, code).json()
    assert answer["caller"] is None  # the key has spent its tries: the right code is not tried
    assert "Secret Caller Name" not in json.dumps(answer)
    assert ReferenceCode.objects.get(code=code).used_at is None


def test_one_code_tried_from_many_numbers_is_limited(client, key, code):
    url = reverse("channels_api:cti", args=[key])
    for n in range(services.CTI_CODE_TRIES["code"]):
        _new_call(client, url, n, "12345678" if code != "12345678" else "87654321")
    other = "12345678" if code != "12345678" else "87654321"
    assert _new_call(client, url, 50, other).json()["caller"] is None
    # A different, right code from a fresh number is not held up by that code's limit.
    assert _new_call(client, url, 51, code).json()["caller"]["customer"] == "Secret Caller Name"


def test_the_key_can_come_in_a_header(client, key, code):
    url = reverse("channels_api:cti_header")
    assert _new_call(client, url, 1, code, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert _new_call(client, url, 2, code, HTTP_X_CTI_TOKEN=key).status_code == 200
    assert _new_call(client, url, 3, code).status_code == 403
    assert _new_call(client, url, 4, code, HTTP_AUTHORIZATION="Bearer nh_no_no").status_code == 403


def test_access_logs_do_not_hold_a_key_sent_in_the_path(key):
    from types import SimpleNamespace

    from gunicorn.config import Config

    from contact_portal.accesslog import RedactingLogger

    path = f"/api/v1/cti/{key}/"
    assert key not in redact(f"POST {path} HTTP/1.1")
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("AUTHORIZATION", f"Bearer {key}")])
    elapsed = timezone.timedelta(seconds=0)
    atoms = RedactingLogger(Config()).atoms(response, request, environ, elapsed)
    assert key not in json.dumps({k: str(v) for k, v in atoms.items()})
