import json
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Contact
from channels_routing.models import CallRecord, ReferenceCode
from mystuff.models import ApiKey

pytestmark = pytest.mark.django_db


@pytest.fixture
def cti_url(db):
    _key, raw = ApiKey.issue(name="Phone system", scopes=["cti"])
    return reverse("channels_api:cti", args=[raw])


@pytest.fixture
def phone_contact(customer_client, channels, item, urgent_reason):
    customer_client.post(
        reverse("channels_routing:choose") + f"?item={item.pk}&reason={urgent_reason.slug}",
        {"channel": "phone", "idempotency_key": uuid.uuid4().hex},
    )
    return Contact.objects.get()


def post_json(client, url, **payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def test_the_page_shows_the_number_and_a_code(customer_client, phone_contact):
    html = customer_client.get(
        reverse("channels_routing:phone", args=[phone_contact.pk])
    ).content.decode()
    code = phone_contact.reference_code.code
    # Isolated, so the "+" stays in front in Arabic (right to left) too.
    assert "\u2066+31 20 123 4567\u2069</a>" in html
    # In the order it is keyed, in Arabic (right to left) too: its two groups stay in order.
    assert f'<bdi dir="ltr">{code[:4]} {code[4:]}</bdi>' in html
    assert len(code) == 8 and code.isdigit()


def test_an_expired_code_is_replaced_when_the_page_is_opened_again(customer_client, phone_contact):
    old = phone_contact.reference_code
    ReferenceCode.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    customer_client.get(reverse("channels_routing:phone", args=[phone_contact.pk]))
    assert ReferenceCode.objects.get(contact=phone_contact).code != old.code
    assert ReferenceCode.objects.get(contact=phone_contact).is_valid()


def test_a_call_with_the_code_pops_up_the_context_and_times_are_kept(
    client, cti_url, phone_contact, agent
):
    code = phone_contact.reference_code.code
    answer = post_json(
        client,
        cti_url,
        event="newCall",
        callId="c1",
        direction="in",
        **{"from": "+44 7700 900123", "to": "+31201234567", "code": code},
    ).json()
    assert answer["ok"] is True
    assert answer["caller"]["matched_by"] == "code"
    phone_contact.refresh_from_db()  # the call made: now it has a case
    assert answer["caller"]["case"] == phone_contact.case.reference
    assert answer["caller"]["reason"] == "Where is my order?"

    post_json(
        client, cti_url, event="answer", callId="c1", user=[agent.username], answeringNumber="201"
    )
    post_json(client, cti_url, event="hangup", callId="c1", cause="normalClearing")
    phone_contact.refresh_from_db()
    assert phone_contact.answered_at is not None
    assert phone_contact.ended_at is not None
    assert phone_contact.abandoned_at is None
    assert phone_contact.agent == agent
    call = CallRecord.objects.get()
    assert call.users == [agent.username] and call.cause == "normalClearing"


def test_a_code_works_only_once(client, cti_url, phone_contact):
    code = phone_contact.reference_code.code
    payload = {"event": "newCall", "direction": "in", "from": "+447700900123", "code": code}
    post_json(client, cti_url, callId="c1", **payload)
    second = post_json(client, cti_url, callId="c2", **payload).json()
    assert second["caller"] is None


def test_the_code_can_come_in_the_queue_field_form_encoded(client, cti_url, phone_contact):
    code = phone_contact.reference_code.code
    answer = client.post(
        cti_url,
        {
            "event": "newCall",
            "callId": "c9",
            "direction": "in",
            "from": "0207",
            "queue": code,
            "user[]": ["Ann", "Bob"],
        },
    ).json()
    assert answer["caller"]["contact_id"] == phone_contact.pk
    assert CallRecord.objects.get().users == ["Ann", "Bob"]


def test_a_caller_is_matched_by_phone_number_without_a_code(client, cti_url, phone_contact):
    number = phone_contact.customer.phone
    answer = post_json(
        client, cti_url, event="newCall", callId="c3", direction="in", **{"from": number}
    ).json()
    assert answer["caller"]["matched_by"] == "phone"


def test_hanging_up_before_an_answer_counts_as_abandoned(client, cti_url, phone_contact):
    code = phone_contact.reference_code.code
    post_json(
        client, cti_url, event="newCall", callId="c4", direction="in", **{"from": "1", "code": code}
    )
    post_json(client, cti_url, event="hangup", callId="c4", cause="cancel")
    phone_contact.refresh_from_db()
    assert phone_contact.abandoned_at is not None
    assert phone_contact.answered_at is None


def test_guessing_codes_is_rate_limited(client, cti_url, phone_contact):
    for n in range(5):
        post_json(
            client,
            cti_url,
            event="newCall",
            callId=f"g{n}",
            direction="in",
            **{"from": "+1555000111", "code": f"{n:08d}"},
        )
    answer = post_json(
        client,
        cti_url,
        event="newCall",
        callId="g9",
        direction="in",
        **{"from": "+1555000111", "code": phone_contact.reference_code.code},
    ).json()
    assert answer["caller"] is None


def test_a_bad_token_is_refused(client):
    response = post_json(client, "/api/v1/cti/nh_nope_nope/", event="newCall", callId="x")
    assert response.status_code == 403
    assert "error" in response.json()


def test_a_token_without_the_cti_scope_is_refused(client, db):
    _key, raw = ApiKey.issue(name="Shop", scopes=["ingest"])
    response = post_json(client, f"/api/v1/cti/{raw}/", event="newCall", callId="x")
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"event": "ring", "callId": "1"}, "event"),
        ({"event": "newCall", "direction": "in", "from": "1"}, "callId"),
        ({"event": "newCall", "callId": "1", "from": "1", "direction": "sideways"}, "direction"),
        ({"event": "newCall", "callId": "1", "direction": "in"}, "from"),
        ({"event": "answer", "callId": "never-started"}, "callId"),
    ],
)
def test_a_malformed_event_is_a_400_naming_the_field(client, cti_url, payload, field):
    response = post_json(client, cti_url, **payload)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_body_that_is_not_json_is_a_400(client, cti_url):
    response = client.post(cti_url, "{nope", content_type="application/json")
    assert response.status_code == 400


def test_get_is_not_allowed(client, cti_url):
    assert client.get(cti_url).status_code == 405


def test_the_agent_desk_pops_up_the_incoming_call_with_its_context(
    client, desk_client, cti_url, phone_contact
):
    code = phone_contact.reference_code.code
    post_json(
        client,
        cti_url,
        event="newCall",
        callId="c7",
        direction="in",
        **{"from": "+31 6 5555 0000", "to": "+31201234567", "code": code},
    )
    html = desk_client.get(reverse("channels_routing:desk")).content.decode()
    calls = html.split('id="calls-heading"')[1].split('id="chats-heading"')[0]
    assert "+31 6 5555 0000" in calls
    assert "ringing" in calls
    assert "Where is my order?" in calls and "ORD-55501" in calls
    phone_contact.refresh_from_db()
    assert phone_contact.case.reference in calls


def test_the_webhook_is_in_the_api_schema(client):
    response = client.get("/api/schema/")
    assert "/api/v1/cti/{token}/" in response.content.decode()


# --- Found by the schemathesis fuzz (tests/security/test_api_fuzz.py), on PostgreSQL first.


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        # CallRecord.call_id holds 100 characters; PostgreSQL refused the insert with a 500.
        ({"callId": "4" * 101}, "callId"),
        # PostgreSQL cannot store NUL in text.
        ({"callId": "47\x0011"}, "callId"),
        ({"from": "+3161\x00"}, "from"),
        ({"code": "1234\x005678"}, "code"),
        ({"user": ["Sam\x00"]}, "user"),
        # Anything but a name or a list of names used to be stored as the call's users.
        ({"user": 5}, "user"),
        ({"user": {"name": "Sam"}}, "user"),
        ({"queue": {"nested": True}}, "queue"),
    ],
)
def test_a_value_that_cannot_be_stored_is_a_400_naming_the_field_not_a_500(
    client, cti_url, payload, field
):
    event = {"event": "newCall", "callId": "4711", "from": "+31612345678", "direction": "in"}
    response = post_json(client, cti_url, **{**event, **payload})
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not CallRecord.objects.exists()


def test_a_body_that_is_neither_json_nor_a_form_is_a_415_naming_the_body(client, cti_url):
    response = client.post(cti_url, "event=newCall", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["errors"] == {"body": "must be JSON or a form"}


def test_a_nul_in_the_token_is_refused_with_403_not_a_500(client, db):
    # Django decodes %00 in the path; the token lookup used to send it to PostgreSQL.
    response = post_json(client, "/api/v1/cti/nh_ab%00cd12_secret/", event="newCall", callId="x")
    assert response.status_code == 403
    assert "error" in response.json()
