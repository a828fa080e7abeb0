import pytest

from cases.models import ChannelKind
from channels_routing.models import AgentPresence, Channel, PresenceStatus
from tests.factories import ContactReasonFactory, CustomerFactory, ItemFactory, UserFactory

ALWAYS = {str(d): [["00:00", "24:00"]] for d in range(7)}


@pytest.mark.django_db(transaction=True)
def test_a_customer_sends_a_message_from_an_item_and_sees_the_case_reference(
    page, live_server, sign_in, password
):
    customer = CustomerFactory()
    item = ItemFactory(customer=customer, title="Dishwasher DW-45")
    reason = ContactReasonFactory(slug="return-it", name="Return or refund", urgency="normal")
    agent = UserFactory(role="agent")
    for kind in ChannelKind.values:
        channel = Channel.objects.create(kind=kind, business_hours=ALWAYS)
        AgentPresence.objects.create(agent=agent, channel=channel, status=PresenceStatus.AVAILABLE)

    sign_in(page, customer.user.email, password)
    page.goto(f"{live_server.url}/contact/choose/?item={item.pk}&reason={reason.slug}")
    assert page.get_by_role("heading", name="How would you like to contact us?").is_visible()
    page.get_by_label("In a few words, what do you need? (optional)").fill("It does not fit")
    page.get_by_role("button", name="Send a message").click()

    assert page.get_by_label("Your message").input_value() == "It does not fit"
    page.get_by_role("button", name="Send message").click()

    reference = customer.cases.get().reference
    assert page.get_by_text(f"Your case reference is {reference}").is_visible()


@pytest.mark.django_db(transaction=True)
def test_a_customer_chats_and_sees_the_agents_reply_without_reloading(
    page, live_server, sign_in, password
):
    from cases.models import Contact
    from channels_routing.services import chat_answer, chat_post

    customer = CustomerFactory()
    item = ItemFactory(customer=customer)
    reason = ContactReasonFactory(slug="where", name="Where is my order?", urgency="high")
    agent = UserFactory(role="agent")
    for kind in ChannelKind.values:
        channel = Channel.objects.create(kind=kind, business_hours=ALWAYS)
        AgentPresence.objects.create(agent=agent, channel=channel, status=PresenceStatus.AVAILABLE)

    sign_in(page, customer.user.email, password)
    page.goto(f"{live_server.url}/contact/choose/?item={item.pk}&reason={reason.slug}")
    page.get_by_role("button", name="Chat now").click()
    page.get_by_label("Your message").fill("Is it coming today?")
    page.get_by_role("button", name="Send", exact=True).click()
    # Sent without a reload: the line comes back by push, or here (a WSGI live server, no
    # push) by the poll the send starts at once.
    page.get_by_text("Is it coming today?").wait_for(timeout=5000)

    contact = Contact.objects.get()
    chat_answer(contact=contact, agent=agent)
    chat_post(contact=contact, body="Yes, before 18:00.", author_kind="agent", author=agent)
    page.get_by_text("Yes, before 18:00.").wait_for(timeout=8000)
