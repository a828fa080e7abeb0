"""Limits on customer traffic (issue 23 item 7): contacts, messages, chat lines and bookings
per customer (per address and IP address for guests), one open callback per case, and a total
size of files per message and per case. Each refusal says why next to the field and keeps
what was typed. The ceilings are lowered here so a test does not send hundreds of requests;
the code path is the real one (cases.traffic.traffic_refusal), and the ceilings
come from settings.TRAFFIC_LIMITS, as an operator sets them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Attachment, ChannelKind, Contact
from channels_routing.models import (
    AgentPresence,
    CallbackRequest,
    Channel,
    ChatMessage,
    ContactAttachment,
)
from tests.channels_routing.factories import ALWAYS, ContactFactory
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

TYPED = "The blue dishwasher leaks from the left door, 4417"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def channels(db, agent):
    for kind in ChannelKind.values:
        channel = Channel.objects.create(kind=kind, business_hours=ALWAYS, capacity=2)
        AgentPresence.objects.create(agent=agent, channel=channel, status="available")


@pytest.fixture
def low_limits(settings):
    settings.TRAFFIC_LIMITS = {kind: (2, 3600) for kind in settings.TRAFFIC_LIMITS}


def _contact(customer, channel, **fields):
    case = fields.pop("case", None) or CaseFactory(customer=customer)
    return ContactFactory(customer=customer, case=case, channel=channel, **fields)


def test_a_customer_cannot_open_contacts_without_end(customer_client, channels, low_limits):
    url = reverse("channels_routing:choose")
    for n in range(2):
        data = {"channel": "message", "description": "x", "idempotency_key": f"k{n}"}
        assert customer_client.post(url, data).status_code == 302
    response = customer_client.post(
        url, {"channel": "message", "description": TYPED, "idempotency_key": "k9"}
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have contacted us many times in the last hour" in html
    assert TYPED in html
    assert Contact.objects.count() == 2


def test_messages_are_limited_per_customer_and_keep_the_text(customer, customer_client, low_limits):
    contacts = [_contact(customer, "message") for _ in range(3)]
    for contact in contacts[:2]:
        url = reverse("channels_routing:message", args=[contact.pk])
        assert customer_client.post(url, {"body": "hello"}).status_code == 302
    response = customer_client.post(
        reverse("channels_routing:message", args=[contacts[2].pk]), {"body": TYPED}
    )
    assert response.status_code == 429
    assert TYPED in response.content.decode()
    contacts[2].refresh_from_db()
    assert contacts[2].message_sent_at is None


def test_case_messages_count_against_the_same_limit(customer, customer_client, low_limits):
    case = CaseFactory(customer=customer)
    url = reverse("cases:message", args=[case.pk])
    for _ in range(2):
        assert customer_client.post(url, {"body": "again"}).status_code == 302
    response = customer_client.post(url, {"body": TYPED})
    assert response.status_code == 429
    assert TYPED in response.content.decode()


def test_chat_lines_are_limited_and_the_line_is_kept(customer, customer_client, low_limits):
    contact = _contact(customer, "chat")
    url = reverse("channels_routing:chat_send", args=[contact.pk])
    for _ in range(2):
        customer_client.post(url, {"body": "hi"})
    response = customer_client.post(url, {"body": TYPED})
    assert response.status_code == 429
    html = response.content.decode()
    assert "faster than we can read them" in html and TYPED in html
    assert ChatMessage.objects.filter(contact=contact).count() == 2


def test_guests_are_limited_per_address_and_ip(client, low_limits):
    session = client.session
    session["channels_guest_email"] = "guest@example.net"
    session.save()
    url = reverse("channels_routing:guest_message")
    for _ in range(2):
        assert client.post(url, {"body": "hello"}).status_code == 302
    response = client.post(url, {"body": TYPED})
    assert response.status_code == 429 and TYPED in response.content.decode()


def test_one_open_callback_per_case(customer, customer_client):
    case = CaseFactory(customer=customer)
    first = _contact(customer, "callback", case=case, context={"offer": {"scheduled": False}})
    second = _contact(customer, "callback", case=case, context={"offer": {"scheduled": False}})
    data = {"phone": "0612345678", "when": "now"}
    assert (
        customer_client.post(
            reverse("channels_routing:callback", args=[first.pk]), data
        ).status_code
        == 302
    )
    response = customer_client.post(reverse("channels_routing:callback", args=[second.pk]), data)
    assert response.status_code == 400
    assert "This case already has a callback booked" in response.content.decode()
    assert 'value="0612345678"' in response.content.decode()
    assert CallbackRequest.objects.count() == 1


def test_bookings_per_customer_are_limited(customer, customer_client, low_limits):
    data = {"phone": "0612345678", "when": "now"}
    for _ in range(2):
        contact = _contact(customer, "callback", context={"offer": {"scheduled": False}})
        customer_client.post(reverse("channels_routing:callback", args=[contact.pk]), data)
    contact = _contact(customer, "callback", context={"offer": {"scheduled": False}})
    response = customer_client.post(reverse("channels_routing:callback", args=[contact.pk]), data)
    assert response.status_code == 429
    assert CallbackRequest.objects.count() == 2


def test_the_files_of_one_message_have_a_total_size(customer, customer_client, settings):
    settings.MESSAGE_FILES_MAX_BYTES = 100
    contact = _contact(customer, "message")
    files = [SimpleUploadedFile(f"p{n}.png", PNG, content_type="image/png") for n in range(3)]
    response = customer_client.post(
        reverse("channels_routing:message", args=[contact.pk]),
        {"body": TYPED, "attachments": files},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "one message can carry up to" in html and TYPED in html
    assert not ContactAttachment.objects.exists()


def test_the_files_of_one_case_have_a_total_size(customer, customer_client, settings):
    settings.CASE_FILES_MAX_BYTES = 1000
    case = CaseFactory(customer=customer)
    Attachment.objects.create(
        case=case, file="x/old.png", name="old.png", content_type="image/png", size=990
    )
    contact = _contact(customer, "message", case=case)
    upload = SimpleUploadedFile("p.png", PNG, content_type="image/png")
    response = customer_client.post(
        reverse("channels_routing:message", args=[contact.pk]),
        {"body": TYPED, "attachments": [upload]},
    )
    assert response.status_code == 429
    assert "This case already holds" in response.content.decode()
    on_case = SimpleUploadedFile("q.png", PNG, content_type="image/png")
    response = customer_client.post(
        reverse("cases:message", args=[case.pk]), {"body": TYPED, "attachment": on_case}
    )
    assert response.status_code == 400
    assert "This case already holds" in response.content.decode()
    assert Attachment.objects.filter(case=case).count() == 1


@pytest.mark.parametrize(
    ("value", "limit"),
    [(None, (30, 60)), ("", (30, 60)), ("5/10", (5, 10)), (" 100 / 3600 ", (100, 3600))],
)
def test_an_operator_sets_a_traffic_limit_by_environment_variable(monkeypatch, value, limit):
    from contact_portal.settings import envrate

    if value is None:
        monkeypatch.delenv("TRAFFIC_LIMIT_CHAT", raising=False)
    else:
        monkeypatch.setenv("TRAFFIC_LIMIT_CHAT", value)
    assert envrate("TRAFFIC_LIMIT_CHAT", "30/60") == limit


@pytest.mark.parametrize("value", ["fast", "20", "0/60", "20/0", "-1/60", "1.5/60", "20/h"])
def test_a_traffic_limit_that_does_not_read_stops_the_start_with_its_name(monkeypatch, value):
    from django.core.exceptions import ImproperlyConfigured

    from contact_portal.settings import envrate

    monkeypatch.setenv("TRAFFIC_LIMIT_BOOKING", value)
    with pytest.raises(ImproperlyConfigured, match="TRAFFIC_LIMIT_BOOKING must read"):
        envrate("TRAFFIC_LIMIT_BOOKING", "5/86400")


def test_a_limit_from_settings_refuses_the_booking_after_it(customer, customer_client, settings):
    """One booking a day, as an operator set it: the second is refused with the reason."""
    from cases.traffic import traffic_refusal

    settings.TRAFFIC_LIMITS = {**settings.TRAFFIC_LIMITS, "booking": (1, 86400)}
    who = f"customer:{customer.pk}"
    assert traffic_refusal(kind="booking", who=who) == ""
    assert "You have booked many callbacks today" in traffic_refusal(kind="booking", who=who)
