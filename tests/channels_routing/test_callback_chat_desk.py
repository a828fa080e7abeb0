import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation

from cases.models import CaseEvent, Contact
from cases.services import case_reply_address
from cases.timeline import event_text
from channels_routing.models import AgentPresence, CallbackRequest, ChatMessage, PresenceStatus
from channels_routing.tasks import callback_reminders, chats_abandoned
from tests.channels_routing.factories import CallbackSlotFactory

pytestmark = pytest.mark.django_db


def choose(client, item, reason, channel):
    client.post(
        reverse("channels_routing:choose") + f"?item={item.pk}&reason={reason.slug}",
        {"channel": channel, "idempotency_key": uuid.uuid4().hex, "description": "Help"},
    )
    return Contact.objects.latest("id")


# --- Callback


def test_an_urgent_callback_can_be_now(customer_client, channels, item, urgent_reason, customer):
    contact = choose(customer_client, item, urgent_reason, "callback")
    url = reverse("channels_routing:callback", args=[contact.pk])
    form = customer_client.get(url).content.decode()
    assert "As soon as possible" in form
    # The number is typed on the phone's number pad, left to right on an Arabic page too.
    assert 'type="tel"' in form and 'dir="ltr"' in form and 'autocomplete="tel"' in form
    response = customer_client.post(url, {"phone": "+31 6 1111 2222", "when": "now"}, follow=True)
    booking = CallbackRequest.objects.get()
    assert booking.slot is None and booking.phone == "+31 6 1111 2222"
    # The number in Unicode isolates, so it reads left to right in Arabic too.
    assert "We will call you on \u2066+31 6 1111 2222\u2069" in response.content.decode()


def test_a_calm_callback_is_booked_in_a_slot_with_room(
    customer_client, channels, item, calm_reason
):
    slot = CallbackSlotFactory(capacity=1)
    contact = choose(customer_client, item, calm_reason, "callback")
    url = reverse("channels_routing:callback", args=[contact.pk])
    html = customer_client.get(url).content.decode()
    assert "As soon as possible" not in html
    customer_client.post(url, {"phone": "+31 6 1111 2222", "when": str(slot.pk)})
    assert CallbackRequest.objects.get().slot == slot


def test_a_full_slot_is_not_offered(customer_client, channels, item, calm_reason, other_customer):
    full = CallbackSlotFactory(capacity=1)
    free = CallbackSlotFactory(capacity=1)
    other = Contact.objects.create(customer=other_customer, channel="callback")
    CallbackRequest.objects.create(contact=other, slot=full, phone="1", due_at=full.starts_at)
    contact = choose(customer_client, item, calm_reason, "callback")
    url = reverse("channels_routing:callback", args=[contact.pk])
    response = customer_client.post(url, {"phone": "+31 6 1111 2222", "when": str(full.pk)})
    assert response.status_code == 400
    assert f'value="{free.pk}"' in response.content.decode()


def test_a_bad_phone_number_is_explained_and_kept(customer_client, channels, item, urgent_reason):
    contact = choose(customer_client, item, urgent_reason, "callback")
    url = reverse("channels_routing:callback", args=[contact.pk])
    response = customer_client.post(url, {"phone": "call me", "when": "now"})
    assert response.status_code == 400
    assert "Enter a phone number" in response.content.decode()
    assert 'value="call me"' in response.content.decode()


def test_a_missed_callback_tells_the_customer_and_tries_again_once(
    customer_client, desk_client, channels, item, urgent_reason, django_capture_on_commit_callbacks
):
    contact = choose(customer_client, item, urgent_reason, "callback")
    customer_client.post(
        reverse("channels_routing:callback", args=[contact.pk]),
        {"phone": "0612345678", "when": "now"},
    )
    booking = CallbackRequest.objects.get()
    url = reverse("channels_routing:desk_callback", args=[booking.pk])
    with django_capture_on_commit_callbacks(execute=True):
        desk_client.post(url, {"outcome": "missed"})
    booking.refresh_from_db()
    assert booking.status == "tried" and booking.attempts == 1
    assert booking.due_at > timezone.now() + timedelta(minutes=10)
    assert mail.outbox[-1].subject == "We tried to reach you"
    assert "We will try once more" in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        desk_client.post(url, {"outcome": "missed"})
    booking.refresh_from_db()
    contact.refresh_from_db()
    assert booking.status == "failed"
    assert contact.abandoned_at is not None
    assert "twice" in mail.outbox[-1].body
    assert len(mail.outbox) == 2


def test_a_reached_callback_records_the_answer(
    customer_client, desk_client, agent, channels, item, urgent_reason
):
    contact = choose(customer_client, item, urgent_reason, "callback")
    customer_client.post(
        reverse("channels_routing:callback", args=[contact.pk]),
        {"phone": "0612345678", "when": "now"},
    )
    booking = CallbackRequest.objects.get()
    desk_client.post(
        reverse("channels_routing:desk_callback", args=[booking.pk]), {"outcome": "reached"}
    )
    contact.refresh_from_db()
    assert contact.answered_at and contact.ended_at and contact.agent == agent


def test_customers_are_reminded_once_before_a_scheduled_callback(
    customer_client, channels, item, calm_reason
):
    slot = CallbackSlotFactory(starts_at=timezone.now() + timedelta(minutes=10))
    contact = choose(customer_client, item, calm_reason, "callback")
    customer_client.post(
        reverse("channels_routing:callback", args=[contact.pk]),
        {"phone": "0612345678", "when": str(slot.pk)},
    )
    assert callback_reminders() == 1
    assert callback_reminders() == 0
    assert mail.outbox[-1].subject == "We will call you soon"
    contact.refresh_from_db()
    assert mail.outbox[-1].extra_headers["Reply-To"] == case_reply_address(contact.case_id)


@pytest.mark.parametrize(
    ("language", "clock"),
    [
        ("nl", lambda t: t.strftime("%H:%M")),
        # Arabic reads 12-hour time with its own morning/afternoon marker: "3:30 م".
        ("ar", lambda t: f"{t.hour % 12 or 12}:{t:%M} {'ص' if t.hour < 12 else 'م'}"),
    ],
)
def test_the_reminder_gives_the_time_in_the_customers_language(
    customer_client, customer, channels, item, calm_reason, language, clock
):
    customer.preferred_language = language
    customer.save(update_fields=["preferred_language"])
    slot = CallbackSlotFactory(starts_at=timezone.now() + timedelta(minutes=10))
    contact = choose(customer_client, item, calm_reason, "callback")
    customer_client.post(
        reverse("channels_routing:callback", args=[contact.pk]),
        {"phone": "0612345678", "when": str(slot.pk)},
    )
    assert callback_reminders() == 1
    assert clock(timezone.localtime(slot.starts_at)) in mail.outbox[-1].body


def test_a_booked_callback_is_confirmed_by_email_and_can_be_moved_or_cancelled(
    customer_client, channels, item, calm_reason, django_capture_on_commit_callbacks
):
    first = CallbackSlotFactory(starts_at=timezone.now() + timedelta(days=1, hours=2))
    later = CallbackSlotFactory(starts_at=timezone.now() + timedelta(days=2, hours=2))
    contact = choose(customer_client, item, calm_reason, "callback")
    form_html = customer_client.get(
        reverse("channels_routing:callback", args=[contact.pk])
    ).content.decode()
    weekday = timezone.localtime(first.starts_at).strftime("%A")
    assert weekday in form_html  # slots name their weekday
    with django_capture_on_commit_callbacks(execute=True):
        page = customer_client.post(
            reverse("channels_routing:callback", args=[contact.pk]),
            {"phone": "0612345678", "when": str(first.pk)},
            follow=True,
        ).content.decode()
    contact.refresh_from_db()
    # The page links to the case and offers to change or cancel.
    assert reverse("cases:detail", args=[contact.case_id]) in page
    assert weekday in page
    assert "Move the callback" in page and "Cancel the callback" in page
    confirmation = mail.outbox[-1]
    assert contact.case.reference in confirmation.subject
    assert weekday in confirmation.body and "0612345678" in confirmation.body
    assert reverse("cases:detail", args=[contact.case_id]) in confirmation.body
    assert reverse("channels_routing:callback_booked", args=[contact.pk]) in confirmation.body
    assert confirmation.extra_headers["Reply-To"] == case_reply_address(contact.case_id)

    with django_capture_on_commit_callbacks(execute=True):
        customer_client.post(
            reverse("channels_routing:callback_change", args=[contact.pk]), {"when": str(later.pk)}
        )
    booking = CallbackRequest.objects.get()
    assert booking.slot == later and booking.due_at == later.starts_at
    later_day = timezone.localtime(later.starts_at).strftime("%A")
    assert later_day in mail.outbox[-1].body and len(mail.outbox) == 2

    bad = customer_client.post(
        reverse("channels_routing:callback_change", args=[contact.pk]), {"when": "nonsense"}
    )
    assert bad.status_code == 400 and b'class="errorlist' in bad.content

    page = customer_client.post(
        reverse("channels_routing:callback_cancel", args=[contact.pk]), follow=True
    ).content.decode()
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert "Callback cancelled" in page and "Move the callback" not in page
    assert "You cancelled the callback." in [e.body for e in contact.case.events.all()]
    assert callback_reminders() == 0


# --- Chat


def test_customer_and_agent_chat_and_the_transcript_goes_to_the_case(
    customer_client, desk_client, channels, item, urgent_reason
):
    contact = choose(customer_client, item, urgent_reason, "chat")
    chat_url = reverse("channels_routing:chat", args=[contact.pk])
    assert "Waiting for someone to answer" in customer_client.get(chat_url).content.decode()
    customer_client.post(reverse("channels_routing:chat_send", args=[contact.pk]), {"body": "Hi?"})

    desk_html = desk_client.get(reverse("channels_routing:desk_chat", args=[contact.pk])).content
    assert b"Where is my order?" in desk_html and b"ORD-55501" in desk_html and b"Help" in desk_html
    desk_client.post(
        reverse("channels_routing:desk_chat_send", args=[contact.pk]), {"body": "Hello, Sam here"}
    )
    poll = customer_client.get(chat_url, headers={"HX-Request": "true"}).content.decode()
    assert "Hello, Sam here" in poll
    assert "<h1" not in poll
    desk_client.post(reverse("channels_routing:desk_chat_end", args=[contact.pk]))

    contact.refresh_from_db()
    assert contact.answered_at and contact.ended_at and not contact.abandoned_at
    transcript = CaseEvent.objects.get(case=contact.case, data__transcript=True)
    assert "Hi?" in transcript.body and "Hello, Sam here" in transcript.body


def test_the_transcript_reads_in_each_readers_language_and_time_format(
    customer_client, desk_client, channels, item, urgent_reason
):
    contact = choose(customer_client, item, urgent_reason, "chat")
    customer_client.post(reverse("channels_routing:chat_send", args=[contact.pk]), {"body": "Hi?"})
    desk_client.post(reverse("channels_routing:desk_chat_send", args=[contact.pk]), {"body": "Yes"})
    desk_client.post(reverse("channels_routing:desk_chat_end", args=[contact.pk]))
    contact.refresh_from_db()
    transcript = CaseEvent.objects.get(case=contact.case, data__transcript=True)
    said = ChatMessage.objects.get(contact=contact, body="Hi?").created_at
    with translation.override("nl"):
        dutch = event_text(transcript)
        dutch_time = formats.time_format(timezone.localtime(said))
    with translation.override("en"):
        english = event_text(transcript)
        english_time = formats.time_format(timezone.localtime(said))
    assert dutch.startswith("Chatverslag\n") and "Customer" not in dutch, dutch
    assert f"[{dutch_time}] Klant: Hi?" in dutch and f"[{english_time}] Customer: Hi?" in english
    assert "Customer: Hi?" in transcript.body  # what searches read is English


def test_an_agent_who_ends_an_unanswered_chat_has_taken_it(
    customer_client, desk_client, channels, item, urgent_reason, agent
):
    contact = choose(customer_client, item, urgent_reason, "chat")
    customer_client.post(reverse("channels_routing:chat_send", args=[contact.pk]), {"body": "Hi?"})
    desk_client.post(reverse("channels_routing:desk_chat_end", args=[contact.pk]))
    contact.refresh_from_db()
    assert contact.answered_at and contact.ended_at and contact.abandoned_at is None
    assert contact.agent_id == agent.pk
    page = customer_client.get(reverse("channels_routing:chat", args=[contact.pk])).content.decode()
    assert "You left the chat" not in page and "This chat has ended" in page


def test_typing_signals_past_the_limit_are_refused_and_the_other_side_keeps_its_own(
    customer_client, desk_client, channels, item, urgent_reason, settings
):
    settings.TRAFFIC_LIMITS = {**settings.TRAFFIC_LIMITS, "typing": (3, 60)}
    contact = choose(customer_client, item, urgent_reason, "chat")
    mine = reverse("channels_routing:chat_typing", args=[contact.pk])
    theirs = reverse("channels_routing:desk_chat_typing", args=[contact.pk])
    assert [customer_client.post(mine).status_code for _ in range(4)] == [204, 204, 204, 429]
    assert desk_client.post(theirs).status_code == 204


def test_a_customer_who_leaves_before_an_answer_is_counted_as_abandoned(
    customer_client, channels, item, urgent_reason
):
    contact = choose(customer_client, item, urgent_reason, "chat")
    customer_client.post(reverse("channels_routing:chat_leave", args=[contact.pk]))
    contact.refresh_from_db()
    assert contact.abandoned_at is not None and contact.answered_at is None


def test_a_chat_nobody_watches_any_more_is_abandoned(customer, channels):
    contact = Contact.objects.create(
        customer=customer, channel="chat", requested_at=timezone.now() - timedelta(minutes=5)
    )
    ChatMessage.objects.create(contact=contact, author_kind="customer", body="hello?")
    assert chats_abandoned() == 1
    contact.refresh_from_db()
    assert contact.abandoned_at is not None
    assert chats_abandoned() == 0


# --- The agent desk


def test_the_desk_is_for_staff_only(customer_client, client):
    url = reverse("channels_routing:desk")
    assert customer_client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_the_desk_shows_who_is_waiting_with_their_context(
    customer_client, desk_client, channels, item, urgent_reason, django_assert_max_num_queries
):
    choose(customer_client, item, urgent_reason, "chat")
    choose(customer_client, item, urgent_reason, "phone")
    # Grew by one with the queue counts (issue 16) and one with the callers to link (17).
    with django_assert_max_num_queries(13):
        html = desk_client.get(reverse("channels_routing:desk")).content.decode()
    assert html.count("<h1") == 1
    assert html.count("Where is my order?") == 2
    assert "Open chat" in html


def test_agents_set_their_availability_per_channel(desk_client, agent, channels):
    chat = channels["chat"]
    desk_client.post(
        reverse("channels_routing:desk_presence"), {f"status-{chat.pk}": PresenceStatus.BUSY}
    )
    assert AgentPresence.objects.get(agent=agent, channel=chat).status == "busy"
    assert AgentPresence.objects.get(agent=agent, channel=channels["phone"]).status == "available"


def test_callback_slots_and_the_booking_say_the_weekday_or_tomorrow(
    customer_client, channels, item, calm_reason
):
    start = timezone.localtime() + timedelta(days=1)
    slot = CallbackSlotFactory(capacity=1, starts_at=start.replace(hour=10, minute=0))
    contact = choose(customer_client, item, calm_reason, "callback")
    url = reverse("channels_routing:callback", args=[contact.pk])
    assert "Tomorrow, 10:00" in customer_client.get(url).content.decode()
    booked = customer_client.post(
        url, {"phone": "+31 6 1111 2222", "when": str(slot.pk)}, follow=True
    )
    from core.dates import weekday_and_datetime

    assert weekday_and_datetime(slot.starts_at) in booked.content.decode()


def test_desk_cards_read_status_segment_and_urgency_as_words(
    customer_client, desk_client, channels, customer, urgent_reason
):
    from tests.factories import ItemFactory

    late = ItemFactory(customer=customer, status="out_for_delivery", kind="order")
    choose(customer_client, late, urgent_reason, "chat")
    html = desk_client.get(reverse("channels_routing:desk")).content.decode()
    assert "Out for delivery today" in html and "out_for_delivery" not in html
    assert ">standard<" not in html and ">high<" not in html


@pytest.mark.parametrize(("language", "month"), [("nl", "maart"), ("ar", "مارس")])
def test_callback_slots_read_in_local_time_and_the_agents_language(db, language, month):
    # 12 March 2026 10:30 UTC is 11:30 in Amsterdam: what the admin's slot lists show.
    starts = datetime(2026, 3, 12, 10, 30, tzinfo=UTC)
    slot = CallbackSlotFactory(starts_at=starts, ends_at=starts + timedelta(minutes=30))
    booking = CallbackRequest(slot=slot, phone="0612345678", due_at=starts)
    with translation.override(language), timezone.override("Europe/Amsterdam"):
        assert month in str(slot) and "11:30" in str(slot) and "2026-03-12" not in str(slot)
        assert str(booking).startswith("0612345678 @ ") and month in str(booking)


def test_the_desk_shows_a_waiting_contact_whose_context_lacks_the_customer(desk_client):
    """A contact whose context names no customer (a guest, older data) is listed; its context
    block once raised on the missing name and failed the whole desk for every agent."""
    Contact.objects.create(channel="phone", context={"description": "My fridge is warm"})
    response = desk_client.get(reverse("channels_routing:desk"))
    assert response.status_code == 200
    assert "My fridge is warm" in response.content.decode()


def test_the_desk_context_reads_in_the_agents_language_and_keeps_each_texts_direction(
    desk_client,
):
    Contact.objects.create(
        channel="chat",
        context={
            "customer": {"name": "Alex", "segment": "standard"},
            "reason": {"name": "When is the engineer coming?", "urgency": "high"},
            "description": "Is it today?",
            # As a call from the phone system keeps it: the status's English label.
            "open_cases": [{"reference": "C-7", "subject": "Fridge?", "status": "Waiting on us"}],
        },
    )
    desk = reverse("channels_routing:desk")
    desk_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = desk_client.get(desk).content.decode()
    assert f"C-7 · <bdi>Fridge?</bdi> ({gettext_in('nl', 'Waiting on us')})" in dutch
    assert "(Waiting on us)" not in dutch
    desk_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    arabic = desk_client.get(desk).content.decode()
    # English words on an Arabic page: "?When is the engineer coming" without the isolation.
    assert "<bdi>When is the engineer coming?</bdi>" in arabic
    assert '<dd dir="auto">Is it today?</dd>' in arabic


def gettext_in(language, text):
    with translation.override(language):
        return translation.gettext(text)
