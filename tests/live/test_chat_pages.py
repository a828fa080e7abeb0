"""The chat pages: sending without a reload, names on both sides, and nothing lost at the end."""

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import CaseEvent, CaseEventKind
from cases.traffic import TRAFFIC_LIMITS
from channels_routing import services
from channels_routing.models import ChatMessage

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def agent_client(agent):
    client = Client()
    client.force_login(agent)
    return client


def test_a_scripted_send_answers_204_and_the_line_is_stored_once(customer_client, chat):
    url = reverse("channels_routing:chat_send", args=[chat.pk])
    response = customer_client.post(url, {"body": "Hello?"}, headers=HTMX)
    assert response.status_code == 204
    assert list(ChatMessage.objects.values_list("body", flat=True)) == ["Hello?"]


def test_each_side_sees_the_others_name(customer_client, agent_client, chat, agent):
    services.chat_answer(contact=chat, agent=agent)
    services.chat_post(contact=chat, body="Hi, Sam here", author_kind="agent", author=agent)
    services.chat_post(contact=chat, body="Hello", author_kind="customer", author=None)
    customer_page = customer_client.get(reverse("channels_routing:chat", args=[chat.pk]))
    html = customer_page.content.decode()
    assert "You are chatting with Sam." in html and "Visser" not in html
    desk_page = agent_client.get(reverse("channels_routing:desk_chat", args=[chat.pk]))
    assert '<span class="chat-who">Sanne Jansen</span>' in desk_page.content.decode()


def test_the_chat_pages_cost_a_fixed_number_of_queries(
    customer_client, agent_client, chat, agent, django_assert_max_num_queries
):
    services.chat_answer(contact=chat, agent=agent)
    for n in range(20):
        services.chat_post(contact=chat, body=f"line {n}", author_kind="agent", author=agent)
    with django_assert_max_num_queries(8):
        customer_client.get(reverse("channels_routing:chat", args=[chat.pk]))
    with django_assert_max_num_queries(9):
        agent_client.get(reverse("channels_routing:desk_chat", args=[chat.pk]))


def test_a_line_sent_after_the_end_is_kept_in_the_form_for_the_case(customer_client, chat):
    services.chat_end(contact=chat)
    url = reverse("channels_routing:chat_send", args=[chat.pk])

    scripted = customer_client.post(url, {"body": "One more thing"}, headers=HTMX)
    assert scripted["HX-Retarget"] == "#chat-compose"
    assert "One more thing</textarea>" in scripted.content.decode()

    plain = customer_client.post(url, {"body": "One more thing"})
    assert plain.status_code == 409
    html = plain.content.decode()
    assert "One more thing</textarea>" in html and "Add to my case" in html
    assert not ChatMessage.objects.exists()


def test_the_kept_line_goes_on_the_case_as_the_customers_message(customer_client, chat):
    services.chat_end(contact=chat)
    response = customer_client.post(
        reverse("channels_routing:chat_leftover", args=[chat.pk]), {"body": "One more thing"}
    )
    assert response.status_code == 302 and response["Location"] == chat.case.get_absolute_url()
    event = CaseEvent.objects.get(case=chat.case, kind=CaseEventKind.CUSTOMER_MESSAGE)
    assert event.body == "One more thing" and event.public


def test_the_agents_kept_line_goes_on_the_case_as_a_reply(agent_client, chat, agent):
    services.chat_answer(contact=chat, agent=agent)
    services.chat_end(contact=chat)
    agent_client.post(
        reverse("channels_routing:desk_chat_leftover", args=[chat.pk]), {"body": "We call you"}
    )
    reply = CaseEvent.objects.get(case=chat.case, kind=CaseEventKind.REPLY)
    assert reply.body == "We call you" and reply.author == agent


def test_a_polled_log_of_an_ended_chat_closes_the_form(customer_client, chat):
    services.chat_end(contact=chat)
    html = customer_client.get(
        reverse("channels_routing:chat", args=[chat.pk]), headers=HTMX
    ).content.decode()
    assert 'id="chat-compose"' in html and 'hx-swap-oob="true"' in html
    assert reverse("channels_routing:chat_send", args=[chat.pk]) not in html


def test_the_page_tells_the_stream_where_it_is(customer_client, chat):
    line = services.chat_post(contact=chat, body="seen", author_kind="customer")
    html = customer_client.get(reverse("channels_routing:chat", args=[chat.pk])).content.decode()
    assert f'sse-connect="{reverse("live:chat", args=[chat.pk])}?after={line.pk}"' in html


def test_a_line_sent_again_with_its_key_is_posted_once(customer_client, agent_client, chat):
    """The answer to a send was lost (the connection dropped): the page sends the same line
    with the same key, and it is not posted twice. Another key is another line."""
    url = reverse("channels_routing:chat_send", args=[chat.pk])
    for _ in range(2):
        response = customer_client.post(url, {"body": "Hello?", "key": "a1b2"}, headers=HTMX)
        assert response.status_code == 204
    customer_client.post(url, {"body": "Hello?", "key": "c3d4"}, headers=HTMX)
    desk_url = reverse("channels_routing:desk_chat_send", args=[chat.pk])
    for _ in range(2):
        agent_client.post(desk_url, {"body": "Yes?", "key": "a1b2"}, headers=HTMX)
    bodies = list(ChatMessage.objects.order_by("pk").values_list("body", flat=True))
    assert bodies == ["Hello?", "Hello?", "Yes?"]


def test_a_refused_line_comes_back_in_the_form_with_the_reason(customer_client, chat, monkeypatch):
    """htmx swaps no 4xx answer: the traffic limit's reason reaches the page as the form."""
    monkeypatch.setitem(TRAFFIC_LIMITS, "chat", (1, 60))
    url = reverse("channels_routing:chat_send", args=[chat.pk])
    customer_client.post(url, {"body": "one"}, headers=HTMX)
    response = customer_client.post(url, {"body": "two, kept"}, headers=HTMX)
    assert response.status_code == 200 and response["HX-Retarget"] == "#chat-compose"
    html = response.content.decode()
    assert "faster than we can read them" in html and "two, kept</textarea>" in html
    assert ChatMessage.objects.count() == 1


def test_a_line_kept_from_a_chat_that_ended_unanswered_opens_the_case(customer_client, customer):
    """Nobody answered and nothing was sent (so no case yet): what the customer typed as it
    ended is offered all the same, and sending it opens the case."""
    from tests.channels_routing.factories import ContactFactory

    contact = ContactFactory(channel="chat", customer=customer, case=None)
    services.chat_end(contact=contact)
    page = customer_client.get(reverse("channels_routing:chat", args=[contact.pk]))
    assert "Add to my case" in page.content.decode()
    customer_client.post(
        reverse("channels_routing:chat_leftover", args=[contact.pk]), {"body": "Ring me"}
    )
    contact.refresh_from_db()
    assert contact.case is not None
    event = CaseEvent.objects.get(case=contact.case, kind=CaseEventKind.CUSTOMER_MESSAGE)
    assert event.body == "Ring me"
