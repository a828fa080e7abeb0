import base64
import re
import uuid

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import CaseEvent, Contact
from channels_routing.models import ContactAttachment
from channels_routing.services import guest_case_token
from tests.channels_routing.factories import ContactFactory
from tests.factories import CaseFactory, CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def message_contact(customer_client, channels, item, calm_reason):
    customer_client.post(
        reverse("channels_routing:choose") + f"?item={item.pk}&reason={calm_reason.slug}",
        {"channel": "message", "description": "Box was open", "idempotency_key": uuid.uuid4().hex},
    )
    return Contact.objects.get()


def test_the_form_starts_with_what_the_customer_already_wrote(customer_client, message_contact):
    html = customer_client.get(
        reverse("channels_routing:message", args=[message_contact.pk])
    ).content.decode()
    assert html.count("<h1") == 1
    assert "Box was open</textarea>" in html
    assert '<label for="id_body">Your message</label>' in html


def test_a_sent_message_goes_to_the_case_and_the_customer_gets_the_reference(
    customer_client, message_contact, customer, django_capture_on_commit_callbacks
):
    photo = SimpleUploadedFile("box.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = customer_client.post(
            reverse("channels_routing:message", args=[message_contact.pk]),
            {"body": "The box was open and the door is dented.", "attachments": [photo]},
            follow=True,
        )
    message_contact.refresh_from_db()
    reference = message_contact.case.reference
    assert f"Your case reference is <strong>{reference}</strong>" in response.content.decode()
    event = CaseEvent.objects.get(case=message_contact.case, kind="customer_message")
    assert event.public
    assert event.body == "The box was open and the door is dented."
    assert event.data["attachments"] == ["box.png"]
    assert ContactAttachment.objects.get().content_type == "image/png"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [customer.email]
    assert reference in mail.outbox[0].subject
    assert reverse("cases:detail", args=[message_contact.case_id]) in mail.outbox[0].body


def test_a_message_without_files_reads_the_customer_and_their_sign_in_once(
    customer_client, message_contact
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = customer_client.post(
            reverse("channels_routing:message", args=[message_contact.pk]),
            {"body": "The box was open and the door is dented."},
        )
    assert response.status_code == 302
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    # Once for the signed-in request each; nothing more to look up when no file came with it.
    assert sum('FROM "auth_user"' in sql for sql in reads) == 1
    assert sum('FROM "mystuff_customer"' in sql for sql in reads) == 1


def test_files_sent_with_a_message_open_from_the_case_for_the_agent_and_the_customer(
    customer_client, manager_client, other_customer, message_contact
):
    """/media/ is not served in production: the files must open through the case views."""
    png = b"\x89PNG\r\n\x1a\n" + b"photo of the dent"
    pdf = b"%PDF-1.4\n" + b"delivery note"
    customer_client.post(
        reverse("channels_routing:message", args=[message_contact.pk]),
        {
            "body": "Photo and delivery note attached.",
            "attachments": [
                SimpleUploadedFile("dent.png", png, content_type="image/png"),
                SimpleUploadedFile("note.pdf", pdf, content_type="application/pdf"),
            ],
        },
    )
    message_contact.refresh_from_db()
    case = message_contact.case
    files = {a.name: a for a in case.attachments.all()}
    assert set(files) == {"dent.png", "note.pdf"}
    for name, content in (("dent.png", png), ("note.pdf", pdf)):
        found = files[name]
        agent_view = manager_client.get(
            reverse("admin:cases_case_attachment", args=[case.pk, found.pk])
        )
        assert agent_view.status_code == 200
        assert b"".join(agent_view.streaming_content) == content
        own = customer_client.get(reverse("cases:attachment", args=[case.pk, found.pk]))
        assert b"".join(own.streaming_content) == content
    work_page = manager_client.get(reverse("admin:cases_case_change", args=[case.pk]))
    assert "dent.png" in work_page.content.decode()
    assert "note.pdf" in work_page.content.decode()
    customer_page = customer_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "dent.png" in customer_page and "note.pdf" in customer_page

    customer_client.force_login(other_customer.user)
    stranger = customer_client.get(
        reverse("cases:attachment", args=[case.pk, files["dent.png"].pk])
    )
    assert stranger.status_code == 404


def test_sending_twice_adds_the_message_once(
    customer_client, message_contact, django_capture_on_commit_callbacks
):
    url = reverse("channels_routing:message", args=[message_contact.pk])
    with django_capture_on_commit_callbacks(execute=True):
        customer_client.post(url, {"body": "Hello"})
        customer_client.post(url, {"body": "Hello"})
    assert CaseEvent.objects.filter(kind="customer_message").count() == 1
    assert len(mail.outbox) == 1


def test_a_file_too_large_is_refused_and_the_text_is_kept(
    customer_client, message_contact, settings
):
    settings.UPLOAD_MAX_BYTES = 10
    big = SimpleUploadedFile("scan.pdf", b"x" * 11, content_type="application/pdf")
    response = customer_client.post(
        reverse("channels_routing:message", args=[message_contact.pk]),
        {"body": "My words stay", "attachments": [big]},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "scan.pdf is too large" in html
    assert "My words stay</textarea>" in html
    assert CaseEvent.objects.filter(kind="customer_message").count() == 0


def test_a_file_of_the_wrong_type_is_refused(customer_client, message_contact):
    script = SimpleUploadedFile("run.exe", b"MZ", content_type="application/x-msdownload")
    response = customer_client.post(
        reverse("channels_routing:message", args=[message_contact.pk]),
        {"body": "Here", "attachments": [script]},
    )
    assert response.status_code == 400
    assert "run.exe is not a type we accept" in response.content.decode()


def test_an_empty_message_says_what_is_missing(customer_client, message_contact):
    response = customer_client.post(
        reverse("channels_routing:message", args=[message_contact.pk]), {"body": ""}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_another_customers_contact_is_not_found(customer_client, other_customer, channels):
    contact = ContactFactory(customer=other_customer, case=CaseFactory(customer=other_customer))
    for name in ("message", "sent", "phone", "callback", "chat"):
        url = reverse(f"channels_routing:{name}", args=[contact.pk])
        assert customer_client.get(url).status_code == 404, name


# --- Guests


def test_a_guest_confirms_their_email_and_follows_the_case_by_a_signed_link(
    client, channels, django_capture_on_commit_callbacks
):
    response = client.post(
        reverse("channels_routing:guest_start"), {"name": "Pat", "email": "pat@example.net"}
    )
    assert response.url == reverse("channels_routing:guest_confirm")
    code = re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)

    wrong_code = "111111" if code != "111111" else "222222"
    wrong = client.post(reverse("channels_routing:guest_confirm"), {"code": wrong_code})
    assert "That code is not right" in wrong.content.decode()
    response = client.post(reverse("channels_routing:guest_confirm"), {"code": code})
    assert response.url == reverse("channels_routing:guest_message")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("channels_routing:guest_message"), {"body": "Do you deliver to Utrecht?"}
        )
    contact = Contact.objects.get()
    assert contact.customer.lifecycle == "prospect"
    assert contact.customer.email == "pat@example.net"
    assert contact.guest_email == "pat@example.net"
    page = client.get(response.url).content.decode()
    assert contact.case.reference in page
    assert "Do you deliver to Utrecht?" in page
    confirmation = mail.outbox[-1]
    assert contact.case.reference in confirmation.subject
    assert response.url in confirmation.body


def test_a_known_email_links_the_message_to_that_customer(client, channels):
    known = CustomerFactory(user=None, email="old@example.net", lifecycle="former")
    session = client.session
    session["channels_guest_email"] = "old@example.net"
    session.save()
    client.post(reverse("channels_routing:guest_message"), {"body": "Hello again"})
    assert Contact.objects.get().customer == known


def test_a_guest_cannot_write_without_confirming(client, channels):
    response = client.get(reverse("channels_routing:guest_message"))
    assert response.url == reverse("channels_routing:guest_start")


def test_asking_for_codes_is_rate_limited(client, channels):
    for _ in range(3):
        client.post(reverse("channels_routing:guest_start"), {"email": "spam@example.net"})
    response = client.post(reverse("channels_routing:guest_start"), {"email": "spam@example.net"})
    assert response.status_code == 400
    assert "Too many codes" in response.content.decode()
    assert len(mail.outbox) == 3


def test_a_tampered_case_link_is_not_found(client):
    case = CaseFactory()
    ContactFactory(case=case, customer=case.customer, guest_email="x@example.net")
    token = guest_case_token(case_id=case.pk, email="x@example.net")
    assert client.get(reverse("channels_routing:guest_case", args=[token])).status_code == 200
    assert client.get(reverse("channels_routing:guest_case", args=[token + "x"])).status_code == 404


def guest_writes(client, body):
    session = client.session
    session["channels_guest_email"] = "guest@example.net"
    session.save()
    return client.post(reverse("channels_routing:guest_message"), {"body": body})


def test_the_guest_link_is_an_opaque_token_without_the_email(client, channels):
    response = guest_writes(client, "Hello")
    link = response.url
    token = link.rstrip("/").rsplit("/", 1)[-1]
    for piece in (token, token + "=", token + "=="):
        try:
            decoded = base64.urlsafe_b64decode(piece.split(":")[0] + "==")
        except ValueError:
            continue
        assert b"guest@example.net" not in decoded and b"example" not in decoded
    assert Contact.objects.get().guest_token == token
    assert client.get(link).status_code == 200


def test_a_guest_reads_the_full_subject_and_adds_a_message_from_the_link(client, channels):
    words = "My dishwasher leaks from the door every time it runs the long eco programme at night"
    link = guest_writes(client, words).url
    page = client.get(link).content.decode()
    case = Contact.objects.get().case
    assert not case.subject.endswith(("progr", "programm"))  # no word cut in half
    assert case.subject.endswith(" …") and words.startswith(case.subject[:-2])
    assert case.subject in page
    assert 'name="body"' in page
    empty = client.post(link, {"body": "  "})
    assert empty.status_code == 400 and b'class="errorlist' in empty.content
    page = client.post(link, {"body": "A photo follows tomorrow."}, follow=True).content.decode()
    assert "A photo follows tomorrow." in page
    assert "Your message is added to the case." in page
    assert case.events.filter(kind="customer_message", body="A photo follows tomorrow.").exists()


def test_a_guest_can_book_a_callback_and_follow_it_by_the_link(
    client, channels, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from channels_routing.models import CallbackRequest
    from tests.channels_routing.factories import CallbackSlotFactory

    slot = CallbackSlotFactory(starts_at=timezone.now() + timedelta(days=1))
    page = client.get(reverse("channels_routing:choose")).content.decode()
    assert "?then=callback" in page and "Request a callback" in page
    client.get(reverse("channels_routing:guest_start") + "?then=callback")
    client.post(
        reverse("channels_routing:guest_start") + "?then=callback",
        {"email": "guest@example.net", "name": "Gus"},
    )
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    response = client.post(reverse("channels_routing:guest_confirm"), {"code": code})
    assert response.url == reverse("channels_routing:guest_callback")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("channels_routing:guest_callback"),
            {"phone": "+31 6 1234 5678", "when": str(slot.pk)},
        )
    booking = CallbackRequest.objects.get()
    assert booking.slot == slot and booking.contact.guest_email == "guest@example.net"
    assert booking.contact.case is not None
    assert response.url == reverse(
        "channels_routing:guest_case", args=[booking.contact.guest_token]
    )
    assert booking.contact.guest_token in mail.outbox[-1].body  # the confirmation links the case


def _guest_books_a_callback(client, email, slot, capture):
    from channels_routing.models import CallbackRequest

    client.post(
        reverse("channels_routing:guest_start") + "?then=callback", {"email": email, "name": "Gus"}
    )
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    client.post(reverse("channels_routing:guest_confirm"), {"code": code})
    with capture(execute=True):
        client.post(
            reverse("channels_routing:guest_callback"),
            {"phone": "+31 6 1234 5678", "when": str(slot.pk)},
        )
    return CallbackRequest.objects.get(contact__guest_email=email)


def test_a_guest_moves_and_cancels_their_callback_from_the_case_link(
    client, channels, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    from tests.channels_routing.factories import CallbackSlotFactory

    first = CallbackSlotFactory(starts_at=timezone.now() + timedelta(days=1, hours=2))
    later = CallbackSlotFactory(starts_at=timezone.now() + timedelta(days=2, hours=2))
    booking = _guest_books_a_callback(
        client, "guest@example.net", first, django_capture_on_commit_callbacks
    )
    token = booking.contact.guest_token
    case_url = reverse("channels_routing:guest_case", args=[token])
    # The confirmation email sends the guest to the place where they can change it.
    assert case_url + "#callback" in mail.outbox[-1].body
    page = client.get(case_url).content.decode()
    weekday = timezone.localtime(first.starts_at).strftime("%A")
    assert weekday in page and "Move the callback" in page and "Cancel the callback" in page

    change_url = reverse("channels_routing:guest_callback_change", args=[token])
    bad = Client().post(change_url, {"when": "nonsense"})  # a new browser: the link is enough
    assert bad.status_code == 400 and b'class="errorlist' in bad.content
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(change_url, {"when": str(later.pk)}, follow=True).content.decode()
    booking.refresh_from_db()
    assert booking.slot == later and booking.due_at == later.starts_at
    assert "The callback is moved." in page
    assert timezone.localtime(later.starts_at).strftime("%A") in mail.outbox[-1].body

    page = client.post(
        reverse("channels_routing:guest_callback_cancel", args=[token]), follow=True
    ).content.decode()
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert "Callback cancelled" in page and "Move the callback" not in page
    assert "You cancelled the callback." in page


def test_a_guest_reads_their_case_and_callback_in_their_language(
    client, channels, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from tests.channels_routing.factories import CallbackSlotFactory

    slot = CallbackSlotFactory(starts_at=timezone.now() + timedelta(days=1, hours=2))
    booking = _guest_books_a_callback(
        client, "guest@example.net", slot, django_capture_on_commit_callbacks
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get(
        reverse("channels_routing:guest_case", args=[booking.contact.guest_token])
    ).content.decode()
    assert "طلبت منا معاودة الاتصال بك." in page and "ألغِ معاودة الاتصال" in page
    assert "You asked us to call you back." not in page and "We will call you back" not in page


def test_a_guest_link_changes_only_the_callback_on_its_own_case(
    client, channels, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    from tests.channels_routing.factories import CallbackSlotFactory

    slot = CallbackSlotFactory(starts_at=timezone.now() + timedelta(days=1, hours=2), capacity=5)
    other = CallbackSlotFactory(starts_at=timezone.now() + timedelta(days=2, hours=2))
    mine = _guest_books_a_callback(
        client, "gus@example.net", slot, django_capture_on_commit_callbacks
    )
    theirs = _guest_books_a_callback(
        Client(), "ann@example.net", slot, django_capture_on_commit_callbacks
    )
    client.post(
        reverse("channels_routing:guest_callback_change", args=[mine.contact.guest_token]),
        {"when": str(other.pk)},
    )
    client.post(reverse("channels_routing:guest_callback_cancel", args=[mine.contact.guest_token]))
    theirs.refresh_from_db()
    assert theirs.slot == slot and theirs.status == "waiting"
    # A link that is not one of ours (forged, or one character off) changes nothing.
    for token in ("forged", theirs.contact.guest_token[:-1] + "x"):
        for name, data in (
            ("guest_callback_change", {"when": str(other.pk)}),
            ("guest_callback_cancel", {}),
        ):
            response = client.post(reverse(f"channels_routing:{name}", args=[token]), data)
            assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.slot == slot and theirs.status == "waiting"


def test_a_guest_case_without_a_callback_has_nothing_to_change(client, channels):
    link = guest_writes(client, "My dishwasher leaks").url
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert "Cancel the callback" not in client.get(link).content.decode()
    response = client.post(reverse("channels_routing:guest_callback_cancel", args=[token]))
    assert response.status_code == 404


def test_outside_opening_hours_guests_see_the_number_and_when_the_phone_opens(client, channels):
    from channels_routing.models import Channel

    phone = Channel.objects.get(kind="phone")
    phone.business_hours = {str(day): [["00:00", "00:01"]] for day in range(7)}
    phone.save()  # (signals: the routing inputs every visitor shares are read again)
    page = client.get(reverse("channels_routing:choose")).content.decode()
    assert "Our phone lines are closed now; we answer again tomorrow at" in page
    assert "+31 20 123 4567" in page
    assert "?then=callback" not in page  # no free slot: no callback offered
