"""Email in (issue 17): replies land on their case, new emails open one, robots open nothing.

Every email goes through the real URL as Mailgun's inbound route posts it to a URL containing
"mime" (its documented forward() shape: ``recipient``, ``sender``, ``from``, ``subject``,
``body-mime`` and the ``timestamp``/``token``/``signature`` trio, the signature being the
HMAC-SHA256 of timestamp + token with the webhook signing key), so django-anymail checks the
signature and reads the MIME exactly as in production.
"""

import hashlib
import hmac
import re
import time
import uuid
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.core import mail
from django.urls import reverse

from cases.models import Attachment, CaseEvent, CaseEventKind, CaseStatus, ChannelKind, Contact
from cases.services import case_add_event, case_event_email, case_reply_address
from channels_routing.models import InboundEmail, InboundEmailStatus
from mystuff.models import Customer
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

SIGNING_KEY = "key-test-mailgun-signing"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _mailgun(settings):
    settings.MAILGUN_WEBHOOK_SIGNING_KEY = SIGNING_KEY
    settings.REPLY_ADDRESS = "reply@help.example.com"
    settings.SUPPORT_EMAIL = "help@example.com"


@pytest.fixture
def case(customer):
    return CaseFactory(customer=customer, subject="Dishwasher leaks", status=CaseStatus.OPEN)


def make_email(
    *,
    sender: str,
    to: str,
    body: str = "Hello",
    subject: str = "Re: your case",
    html: str = "",
    headers: dict[str, str] | None = None,
    files: list[tuple[str, str, bytes]] = (),  # type: ignore[assignment]
) -> bytes:
    message = EmailMessage()
    message["From"] = f"Someone <{sender}>"
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="mail.example.net")
    for name, value in (headers or {}).items():
        message[name] = value
    if body:
        message.set_content(body)
    if html:
        if body:
            message.add_alternative(html, subtype="html")
        else:
            message.set_content(html, subtype="html")
    for name, content_type, content in files:
        maintype, subtype = content_type.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def signed(fields: dict[str, str], key: str = SIGNING_KEY) -> dict[str, str]:
    timestamp, token = str(int(time.time())), uuid.uuid4().hex
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {**fields, "timestamp": timestamp, "token": token, "signature": signature}


def post_mailgun(client, raw: bytes, *, recipient: str, sender: str, key: str = SIGNING_KEY):
    return client.post(
        reverse("channels_api:mailgun_inbound"),
        signed(
            {
                "recipient": recipient,
                "sender": sender,
                "from": sender,
                "subject": "Re: your case",
                "body-mime": raw.decode(),
            },
            key,
        ),
    )


def reply_to_case(client, case, *, sender=None, **kwargs):
    address = case_reply_address(case.pk)
    sender = sender or case.customer.email
    raw = make_email(sender=sender, to=address, **kwargs)
    return post_mailgun(client, raw, recipient=address, sender=sender)


QUOTED = """Thanks, it works again now.

Kind regards,
Ann

On Mon, 1 Dec 2026 at 10:00, Need Help <help@example.com> wrote:
> Your case C-000001: Reply
> We sent a new hose.
"""


def test_every_case_email_has_a_signed_reply_address_and_threads(case):
    first = case_add_event(case=case, kind=CaseEventKind.REPLY, public=True, body="One")
    second = case_add_event(case=case, kind=CaseEventKind.REPLY, public=True, body="Two")
    case_event_email(event_id=first.pk)
    case_event_email(event_id=second.pk)
    one, two = (email.message() for email in mail.outbox)
    assert one["Reply-To"] == case_reply_address(case.pk)
    assert re.fullmatch(rf"reply\+c{case.pk}\.[0-9a-f]{{20}}@help\.example\.com", one["Reply-To"])
    assert one["Message-ID"] != two["Message-ID"]
    assert one["References"] == two["In-Reply-To"] == f"<case-{case.pk}@help.example.com>"


def test_a_reply_lands_on_the_case_with_only_the_new_text(client, case, customer_client):
    response = reply_to_case(client, case, body=QUOTED)
    assert response.status_code == 200
    event = CaseEvent.objects.get(case=case, kind=CaseEventKind.CUSTOMER_MESSAGE)
    assert event.body == "Thanks, it works again now."
    assert event.public and event.author == case.customer.user
    contact = Contact.objects.get(case=case)
    assert contact.channel == ChannelKind.EMAIL
    email = InboundEmail.objects.get()
    assert email.status == InboundEmailStatus.ACCEPTED
    assert "We sent a new hose." in email.text  # the full original, for the agent
    page = customer_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Thanks, it works again now." in page
    assert "We sent a new hose" not in page
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def test_the_agent_sees_the_reply_and_can_open_the_whole_email(client, case, agent):
    case.team.members.add(agent)
    reply_to_case(client, case, body=QUOTED)
    email = InboundEmail.objects.get()
    client.force_login(agent)
    page = client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert "Thanks, it works again now." in page
    assert reverse("admin:channels_routing_inboundemail_change", args=[email.pk]) in page
    whole = client.get(
        reverse("admin:channels_routing_inboundemail_change", args=[email.pk])
    ).content.decode()
    assert "We sent a new hose." in whole


def test_a_reply_reopens_a_recently_resolved_case(client, case):
    case.status = CaseStatus.RESOLVED
    case.summary = "Sent a hose"
    case.resolved_at = case.created_at
    case.save()
    reply_to_case(client, case, body="It leaks again.")
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.reopened_count == 1


def test_a_reply_to_a_closed_case_starts_a_new_one_about_the_same_thing(client, case):
    case.status = CaseStatus.CLOSED
    case.save()
    reply_to_case(client, case, body="It leaks again.")
    contact = Contact.objects.get()
    assert contact.case != case and contact.case.customer == case.customer
    assert contact.case.subject == "Dishwasher leaks"


def test_a_new_email_from_an_unknown_address_becomes_a_guest_case(
    client, django_capture_on_commit_callbacks
):
    raw = make_email(
        sender="stranger@example.net", to="help@example.com", subject="Broken lamp", body="Help!"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post_mailgun(
            client, raw, recipient="help@example.com", sender="stranger@example.net"
        )
    assert response.status_code == 200
    contact = Contact.objects.get()
    assert contact.channel == ChannelKind.EMAIL and contact.guest_email == "stranger@example.net"
    assert contact.case.subject == "Broken lamp"
    assert contact.customer.user is None and contact.customer.source == "email"
    (confirmation,) = mail.outbox
    assert confirmation.to == ["stranger@example.net"]
    link = re.search(r"http\S+/contact/guest/case/\S+/", confirmation.body).group(0)
    page = client.get(link.split("8000", 1)[-1]).content.decode()
    assert "Help!" in page
    assert confirmation.message()["Reply-To"] == case_reply_address(contact.case_id)


def test_a_new_email_from_a_verified_address_goes_to_that_customer(client, customer):
    raw = make_email(sender=customer.email, to="help@example.com", subject="Invoice", body="Hi")
    post_mailgun(client, raw, recipient="help@example.com", sender=customer.email)
    contact = Contact.objects.get()
    assert contact.customer == customer and contact.guest_email == ""


def test_an_unverified_address_never_reaches_an_account(client, customer):
    customer.user.emailaddress_set.update(verified=False)
    raw = make_email(sender=customer.email, to="help@example.com", body="Hi")
    post_mailgun(client, raw, recipient="help@example.com", sender=customer.email)
    assert Contact.objects.get().customer != customer


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"List-Id": "<news.example.net>"},
        {"Return-Path": "<>"},
    ],
)
def test_auto_replies_bounces_and_list_mail_open_nothing(
    client, case, headers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply_to_case(client, case, body="I am out of the office.", headers=headers)
        raw = make_email(sender="robot@example.net", to="help@example.com", headers=headers)
        post_mailgun(client, raw, recipient="help@example.com", sender="robot@example.net")
    assert not Contact.objects.exists()
    assert not CaseEvent.objects.filter(case=case).exists()
    assert mail.outbox == []
    assert set(InboundEmail.objects.values_list("status", flat=True)) == {"automatic"}


def test_a_forged_reply_address_is_refused(client, case, other_customer):
    genuine = case_reply_address(case.pk)
    other_case = CaseFactory(customer=other_customer)
    # The other case's id with this case's signature, and a made-up signature.
    for address in (
        genuine.replace(f"+c{case.pk}.", f"+c{other_case.pk}."),
        f"reply+c{case.pk}.{'0' * 20}@help.example.com",
    ):
        raw = make_email(sender=other_customer.email, to=address, body="Let me in")
        post_mailgun(client, raw, recipient=address, sender=other_customer.email)
    assert not CaseEvent.objects.exists()
    assert not Contact.objects.exists()
    refused = InboundEmail.objects.filter(status=InboundEmailStatus.REFUSED)
    assert refused.count() == 2 and all("forged" in e.reason for e in refused)


def test_a_wrong_signature_is_refused_before_anything_is_read(client, case):
    response = post_mailgun(
        client,
        make_email(sender=case.customer.email, to=case_reply_address(case.pk)),
        recipient=case_reply_address(case.pk),
        sender=case.customer.email,
        key="not-the-key",
    )
    assert response.status_code == 400
    assert not InboundEmail.objects.exists()


def test_the_webhook_is_off_without_a_signing_key(client, settings, case):
    settings.MAILGUN_WEBHOOK_SIGNING_KEY = ""
    response = reply_to_case(client, case)
    assert response.status_code == 404


def test_someone_else_using_the_reply_address_is_flagged_for_the_agent(
    client, case, customer_client
):
    reply_to_case(client, case, sender="colleague@example.net", body="I am her colleague.")
    event = CaseEvent.objects.get(case=case)
    assert event.kind == CaseEventKind.NOTE and not event.public
    assert event.data["third_party"] is True and event.data["from"] == "colleague@example.net"
    assert InboundEmail.objects.get().status == InboundEmailStatus.THIRD_PARTY
    assert not Contact.objects.exists()
    page = customer_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "I am her colleague." not in page


def test_html_mail_is_sanitised_and_shown_as_text(client, case):
    html = '<p>Look <b>here</b><script>alert(1)</script><img src=x onerror="alert(2)"></p>'
    reply_to_case(client, case, body="", html=html)
    event = CaseEvent.objects.get(case=case, kind=CaseEventKind.CUSTOMER_MESSAGE)
    assert event.body == "Look here"
    stored = InboundEmail.objects.get().html
    assert "<script" not in stored and "onerror" not in stored and "<b>here</b>" in stored


def test_attachments_pass_the_upload_checks(client, case):
    reply_to_case(
        client,
        case,
        body="Photo attached.",
        files=[("leak.png", "image/png", PNG), ("run-me.exe", "application/octet-stream", b"MZ")],
    )
    (attachment,) = Attachment.objects.filter(case=case)
    assert attachment.name == "leak.png" and attachment.content_type == "image/png"
    email = InboundEmail.objects.get()
    assert "run-me.exe" in email.reason


def test_one_sender_cannot_flood_us(client, settings):
    settings.INBOUND_EMAIL_PER_SENDER_PER_HOUR = 2
    for n in range(3):
        raw = make_email(sender="flood@example.net", to="help@example.com", body=f"Mail {n}")
        post_mailgun(client, raw, recipient="help@example.com", sender="flood@example.net")
    assert Contact.objects.count() == 2  # each email is a contact, on one case (joined)
    assert len({contact.case_id for contact in Contact.objects.all()}) == 1
    assert CaseEvent.objects.filter(kind=CaseEventKind.CUSTOMER_MESSAGE).count() == 2
    refused = InboundEmail.objects.get(status=InboundEmailStatus.REFUSED)
    assert refused.reason == "too many emails from this sender"


def test_the_same_email_delivered_twice_is_taken_once(client, case):
    address = case_reply_address(case.pk)
    raw = make_email(sender=case.customer.email, to=address, body="Once")
    post_mailgun(client, raw, recipient=address, sender=case.customer.email)
    post_mailgun(client, raw, recipient=address, sender=case.customer.email)
    assert CaseEvent.objects.filter(case=case).count() == 1


def test_oversized_mail_is_refused_with_a_logged_reason(client, settings, case, caplog):
    settings.INBOUND_EMAIL_MAX_BYTES = 2000
    response = reply_to_case(client, case, body="x" * 5000)
    assert response.status_code == 413
    assert "inbound email refused" in caplog.text
    assert not CaseEvent.objects.exists()


def test_malformed_mail_is_refused_with_a_logged_reason(caplog):
    from channels_routing.email_in import email_receive

    email = email_receive(raw=b"this is not an email at all")
    assert email.status == InboundEmailStatus.REFUSED and email.reason == "no sender address"
    assert "inbound email refused" in caplog.text
    assert not Customer.objects.exists()


def test_emails_count_as_contacts_on_the_email_channel_in_the_reports(client, case):
    from datetime import timedelta

    from django.utils import timezone

    from reporting import selectors as reports
    from reporting.services import rollups_rebuild

    reply_to_case(client, case, body="One more question.")
    raw = make_email(
        sender="auto@example.net", to="help@example.com", headers={"Precedence": "bulk"}
    )
    post_mailgun(client, raw, recipient="help@example.com", sender="auto@example.net")
    today = timezone.localdate()
    rollups_rebuild(first_day=today, last_day=today)
    now = timezone.now()
    filters = reports.ReportFilters(start=now - timedelta(days=1), end=now + timedelta(days=2))
    volume = {str(row[0]): row[1] for row in reports.contact_volume(filters).rows}
    assert volume == {"Email": 1}  # the automatic one is not a contact


def test_erasing_the_customer_blanks_the_emails_they_sent(client, case, manager):
    from mystuff.services import customer_erase

    reply_to_case(client, case, body="My address is Elm Street 5.")
    customer_erase(customer=case.customer, actor=manager)
    email = InboundEmail.objects.get()
    assert email.text == "" and email.from_address == "" and bytes(email.raw) == b""
    assert email.status == InboundEmailStatus.ACCEPTED  # the count stays for the reports


def test_other_plus_addresses_in_copy_are_not_mistaken_for_forgeries(client, case):
    address = case_reply_address(case.pk)
    raw = make_email(
        sender=case.customer.email,
        to=address,
        body="Copying my husband.",
        headers={"Cc": "bob+c1.news@example.net, reply+c9@elsewhere.example"},
    )
    post_mailgun(client, raw, recipient=address, sender=case.customer.email)
    assert InboundEmail.objects.get().status == InboundEmailStatus.ACCEPTED
