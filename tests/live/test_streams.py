"""What a page hears on its event stream: the same rights as the page, each event once, and
what it missed when it reconnects."""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.services import case_add_note, case_reply, promise_make
from channels_routing import services
from channels_routing.models import ChatAuthor
from channels_routing.selectors import Target
from tests.channels_routing.factories import ContactFactory

pytestmark = pytest.mark.django_db(transaction=True)


def post(contact, body, kind, author=None):
    return sync_to_async(services.chat_post)(
        contact=contact, body=body, author_kind=kind, author=author
    )


def test_the_agent_hears_the_customers_line_with_their_name(
    run, open_stream, chat, agent, customer
):
    async def scenario():
        stream = await open_stream(agent, reverse("live:desk_chat", args=[chat.pk]))
        message = await post(chat, "Is it coming today?", ChatAuthor.CUSTOMER, customer.user)
        event = await stream.next()
        await stream.close()
        return message, event

    message, event = run(scenario)
    assert event["event"] == "message" and event["id"] == str(message.pk)
    assert "Is it coming today?" in event["data"] and "Sanne Jansen" in event["data"]
    assert f'id="chat-msg-{message.pk}"' in event["data"]


def test_the_customer_sees_the_agents_first_name_answer_and_typing(
    run, open_stream, chat, agent, customer
):
    async def scenario():
        stream = await open_stream(customer.user, reverse("live:chat", args=[chat.pk]))
        await sync_to_async(services.chat_typing)(
            contact=chat, author_kind=ChatAuthor.CUSTOMER, author=None
        )
        await sync_to_async(services.chat_typing)(
            contact=chat, author_kind=ChatAuthor.AGENT, author=agent
        )
        typing = await stream.next()
        await sync_to_async(services.chat_answer)(contact=chat, agent=agent)
        answered = await stream.next()
        await post(chat, "Yes, before 18:00.", ChatAuthor.AGENT, agent)
        line = await stream.next()
        await stream.close()
        return typing, answered, line

    typing, answered, line = run(scenario)
    # Their own typing is not echoed back to the customer; the agent's is, by first name.
    assert typing["event"] == "typing" and "Sam is typing" in typing["data"]
    assert answered["event"] == "answered" and "You are chatting with Sam." in answered["data"]
    assert "Sam" in line["data"] and "Visser" not in line["data"]


def test_a_reconnecting_page_gets_what_it_missed_once_then_live_lines(
    run, open_stream, chat, agent, customer
):
    first = services.chat_post(contact=chat, body="one", author_kind="customer")
    services.chat_post(contact=chat, body="two", author_kind="customer")
    services.chat_post(contact=chat, body="three", author_kind="customer")

    async def scenario():
        url = reverse("live:desk_chat", args=[chat.pk])
        stream = await open_stream(agent, url, **{"Last-Event-ID": str(first.pk)})
        missed = [await stream.next(), await stream.next()]
        await post(chat, "four", ChatAuthor.CUSTOMER)
        live = await stream.next()
        quiet = await stream.nothing_within(0.3)
        await stream.close()
        return missed, live, quiet

    missed, live, quiet = run(scenario)
    assert [e["data"].count(">two</p>") + e["data"].count(">three</p>") for e in missed] == [1, 1]
    assert ">four</p>" in live["data"]
    assert quiet


def test_the_first_connection_starts_after_the_lines_the_page_already_shows(
    run, open_stream, chat, agent
):
    shown = services.chat_post(contact=chat, body="on the page", author_kind="customer")

    async def scenario():
        url = reverse("live:desk_chat", args=[chat.pk]) + f"?after={shown.pk}"
        stream = await open_stream(agent, url)
        quiet = await stream.nothing_within(0.3)
        await stream.close()
        return quiet

    assert run(scenario)


def test_the_end_of_the_chat_closes_the_customers_form_and_offers_the_case(
    run, open_stream, chat, agent, customer
):
    services.chat_answer(contact=chat, agent=agent)

    async def scenario():
        stream = await open_stream(customer.user, reverse("live:chat", args=[chat.pk]))
        await stream.next()  # answered, from the catch-up
        await sync_to_async(services.chat_end)(contact=chat)
        ended = await stream.next()
        await stream.close()
        return ended

    ended = run(scenario)
    assert ended["event"] == "ended"
    assert "This chat has ended" in ended["data"]
    assert reverse("channels_routing:chat_leftover", args=[chat.pk]) in ended["data"]
    assert reverse("channels_routing:chat_send", args=[chat.pk]) not in ended["data"]


def test_a_page_opened_on_an_ended_chat_hears_the_end_at_once(
    run, open_stream, chat, agent, customer
):
    services.chat_end(contact=chat)

    async def scenario():
        stream = await open_stream(customer.user, reverse("live:chat", args=[chat.pk]))
        event = await stream.next()
        await stream.close()
        return event

    assert run(scenario)["event"] == "ended"


def test_the_desk_hears_a_new_chat_and_a_ringing_call(run, open_stream, agent, customer):
    async def scenario():
        stream = await open_stream(agent, reverse("live:desk"))
        await sync_to_async(ContactFactory)(channel="chat", customer=customer)
        new_chat = await stream.next()
        await sync_to_async(services.cti_event)(
            payload={
                "event": "newCall",
                "direction": "in",
                "from": "+31600000001",
                "to": "+31201234567",
                "callId": "call-1",
            }
        )
        call = await stream.next()
        await stream.close()
        return new_chat, call

    new_chat, call = run(scenario)
    assert new_chat["event"] == "desk" and call["event"] == "desk"


def test_the_case_page_hears_a_reply_and_a_promise_but_not_a_note(
    run, open_stream, chat, agent, customer
):
    case = chat.case

    async def scenario():
        stream = await open_stream(customer.user, reverse("live:cases", args=[case.pk]))
        await sync_to_async(case_add_note)(case=case, by=agent, body="internal")
        after_note = await stream.nothing_within(0.3)
        await sync_to_async(case_reply)(case=case, by=agent, body="We are on it")
        reply = await stream.next()
        await sync_to_async(promise_make)(
            case=case,
            by=agent,
            description="We call you",
            team=case.team,
            due_at=timezone.now() + timedelta(hours=2),
        )
        promise = await stream.next()
        await stream.close()
        return after_note, reply, promise

    after_note, reply, promise = run(scenario)
    assert after_note
    assert reply["event"] == "case" and promise["event"] == "case"


def _guest_link(case) -> str:
    """The link a guest gets: for the contact they confirmed (by a code) on that case."""
    ContactFactory(case=case, customer=case.customer, guest_email="pat@example.net")
    return services.guest_case_token(case_id=case.pk, email="pat@example.net")


def test_a_guest_with_the_case_link_hears_their_case(run, open_stream, chat, agent):
    token = _guest_link(chat.case)

    async def scenario():
        stream = await open_stream(None, reverse("live:guest_case", args=[token]))
        await sync_to_async(case_reply)(case=chat.case, by=agent, body="Yes we deliver")
        event = await stream.next()
        await stream.close()
        return event

    assert run(scenario)["event"] == "case"


def test_a_reconnecting_desk_refreshes_once(run, open_stream, agent):
    async def scenario():
        stream = await open_stream(agent, reverse("live:desk"), **{"Last-Event-ID": "1"})
        event = await stream.next()
        await stream.close()
        return event

    assert run(scenario)["event"] == "desk"


# --- The same rights as the pages (the WSGI test client: an allowed user gets 204)


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_another_customer_cannot_listen_to_a_chat_or_case(chat, other_customer):
    client = _client(other_customer.user)
    assert client.get(reverse("channels_routing:chat", args=[chat.pk])).status_code == 404
    assert client.get(reverse("live:chat", args=[chat.pk])).status_code == 404
    assert client.get(reverse("live:cases", args=[chat.case_id])).status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in(chat):
    for url in (
        reverse("live:chat", args=[chat.pk]),
        reverse("live:cases", args=[chat.case_id]),
        reverse("live:desk"),
        reverse("live:desk_chat", args=[chat.pk]),
    ):
        response = _client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_customer_cannot_listen_to_the_desk(chat, customer):
    client = _client(customer.user)
    assert client.get(reverse("live:desk")).status_code == 403
    assert client.get(reverse("live:desk_chat", args=[chat.pk])).status_code == 403


def test_a_guest_needs_a_valid_case_link(chat):
    token = _guest_link(chat.case)
    assert _client().get(reverse("channels_routing:guest_case", args=[token])).status_code == 200
    assert _client().get(reverse("live:guest_case", args=[token])).status_code == 204
    forged = token[:-4] + "AAAA"
    other_case = f"{chat.case_id + 1}:x:y"
    # A link signed for an address that never wrote on the case (the development key leaks).
    signed = signing.dumps(
        {"case": chat.case_id, "email": "mallory@example.net"}, salt=services.GUEST_CASE_SALT
    )
    for bad in (forged, other_case, signed):
        assert _client().get(reverse("channels_routing:guest_case", args=[bad])).status_code == 404
        assert _client().get(reverse("live:guest_case", args=[bad])).status_code == 404


def test_an_agent_hears_a_chat_only_where_they_may_open_it(chat, agent):
    """Whatever rule decides which agents open a chat (desk_chat), the stream follows it."""
    from tests.factories import UserFactory

    outsider = UserFactory(role="agent")  # in no team: the chat's case is not theirs
    seen = {}
    for user in (agent, outsider):
        client = _client(user)
        page = client.get(reverse("channels_routing:desk_chat", args=[chat.pk])).status_code
        stream = client.get(reverse("live:desk_chat", args=[chat.pk])).status_code
        assert (page == 200) == (stream == 204), (user, page, stream)
        seen[user] = (page, stream)
    assert seen[agent] == (200, 204)
    assert seen[outsider] == (404, 404)


def test_a_customer_on_the_chat_is_seen_while_the_stream_is_open(
    run, open_stream, chat, customer, monkeypatch
):
    """Pushed pages do not poll, and a waiting chat whose customer went away is abandoned
    (tasks.chats_abandoned): the open stream marks the customer as there, at each keep-alive."""
    from django.core.cache import cache

    from channels_routing.tasks import chat_seen_key, chats_abandoned
    from live import streams

    monkeypatch.setattr(streams, "KEEPALIVE_SECONDS", 0.05)
    cache.delete(chat_seen_key(chat.pk))

    async def scenario():
        stream = await open_stream(customer.user, reverse("live:chat", args=[chat.pk]))
        opened = await sync_to_async(cache.get)(chat_seen_key(chat.pk))
        await sync_to_async(cache.delete)(chat_seen_key(chat.pk))
        await stream.nothing_within(0.3)  # keep-alives only
        again = await sync_to_async(cache.get)(chat_seen_key(chat.pk))
        await stream.close()
        return opened, again

    opened, again = run(scenario)
    assert opened is not None and again is not None
    services.Contact.objects.filter(pk=chat.pk).update(
        requested_at=timezone.now() - timedelta(minutes=10)
    )
    assert chats_abandoned() == 0


def test_an_agent_outside_the_team_stops_hearing_a_chat_once_it_is_a_case(
    run, open_stream, customer
):
    """A waiting chat (no case yet) is open to every agent; its first line makes it a case of
    the default team, and the stream of an agent outside that team ends there."""
    from cases.services import default_team
    from tests.factories import UserFactory

    default_team()
    outsider = UserFactory(role="agent", first_name="Olga")
    chat = ContactFactory(channel="chat", customer=customer, case=None)

    async def scenario():
        stream = await open_stream(outsider, reverse("live:desk_chat", args=[chat.pk]))
        assert await stream.nothing_within(0.2)  # caught up: nothing yet
        await post(chat, "My address is Keizersgracht 1", ChatAuthor.CUSTOMER)
        try:
            event = await stream.next(timeout=2)
        except StopAsyncIteration:
            event = None  # the stream ended
        await stream.close()
        return event

    assert run(scenario) is None
    chat.refresh_from_db()
    assert chat.case is not None
    page = Client()
    page.force_login(outsider)
    assert page.get(reverse("channels_routing:desk_chat", args=[chat.pk])).status_code == 404


def test_the_agent_hears_the_case_the_answer_gave_the_chat(run, open_stream, customer, agent):
    """A waiting chat has no case; answering opens it, and the agent's panel about the
    customer shows it (with its link) without a reload."""
    from cases.services import default_team

    default_team()
    context = services.contact_context(
        target=Target(customer), channel="chat", description="Where is it?", repeat_contacts=0
    )
    chat = ContactFactory(channel="chat", customer=customer, case=None, context=context)

    async def scenario():
        stream = await open_stream(agent, reverse("live:desk_chat", args=[chat.pk]))
        await sync_to_async(services.chat_answer)(contact=chat, agent=agent)
        event = await stream.next()
        await stream.close()
        return event

    event = run(scenario)
    chat.refresh_from_db()
    assert event["event"] == "context"
    assert chat.case.reference in event["data"]
    assert reverse("admin:cases_case_change", args=[chat.case_id]) in event["data"]
