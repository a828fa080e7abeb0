"""While the customer types a message, articles that answer it appear under the form."""

import pytest

from cases.models import ChannelKind, Contact
from channels_routing.models import AgentPresence, Channel, PresenceStatus
from knowledge import meaning
from tests.factories import ContactReasonFactory, CustomerFactory, ItemFactory, UserFactory
from tests.knowledge.factories import make_article

ALWAYS = {str(d): [["00:00", "24:00"]] for d in range(7)}


@pytest.mark.django_db(transaction=True)
def test_typing_a_message_shows_an_article_that_answers_it_before_sending(
    page, live_server, sign_in, password, settings, django_capture_on_commit_callbacks
):
    settings.KNOWLEDGE_MEANING = True
    meaning.bump()
    with django_capture_on_commit_callbacks(execute=True):
        make_article(
            "washing-machine-not-draining",
            "Washing machine not draining",
            "Water left in the drum after a wash? Clean the pump filter at the bottom front.",
        )
        make_article("invoice-vat", "Invoice with VAT", "Download an invoice from My Stuff.")
    customer = CustomerFactory()
    item = ItemFactory(customer=customer, title="Washing machine WM-8")
    reason = ContactReasonFactory(slug="fault", name="It does not work", urgency="normal")
    agent = UserFactory(role="agent")
    for kind in ChannelKind.values:
        channel = Channel.objects.create(kind=kind, business_hours=ALWAYS)
        AgentPresence.objects.create(agent=agent, channel=channel, status=PresenceStatus.AVAILABLE)

    sign_in(page, customer.user.email, password)
    page.goto(f"{live_server.url}/contact/choose/?item={item.pk}&reason={reason.slug}")
    page.get_by_role("button", name="Send a message").click()
    page.get_by_label("Your message").fill("")
    page.get_by_label("Your message").press_sequentially("there is still water in the drum")

    region = page.locator("#suggestions")
    region.get_by_role("heading", name="These may answer it").wait_for(timeout=10_000)
    first = region.get_by_role("link").first
    assert first.inner_text() == "Washing machine not draining"

    page.get_by_role("button", name="Send message").click()
    page.wait_for_load_state()
    contact = Contact.objects.get(customer=customer)
    assert [a["slug"] for a in contact.context["suggested_while_typing"]][0] == (
        "washing-machine-not-draining"
    )


@pytest.mark.django_db(transaction=True)
def test_past_the_limit_the_region_says_to_wait(page, live_server, sign_in, password, monkeypatch):
    from knowledge import views

    monkeypatch.setattr(views, "SUGGESTIONS_PER_MINUTE", 0)
    customer = CustomerFactory()
    sign_in(page, customer.user.email, password)
    page.goto(f"{live_server.url}/help/community/ask/")
    page.get_by_label("Your question").press_sequentially("there is still water in the drum")
    page.locator("#suggestions").get_by_text("Suggestions pause for a minute").wait_for(
        timeout=10_000
    )


@pytest.mark.django_db(transaction=True)
def test_reading_a_suggestion_and_leaving_is_recorded_on_the_contacts_journey(
    page, live_server, sign_in, password
):
    """The suggestion's link names the journey of the contact being written (sent by htmx with
    the typed text), so the read lands there even when the browser's session names none."""
    from knowledge.models import Journey, JourneyOutcome

    make_article(
        "washing-machine-not-draining",
        "Washing machine not draining",
        "Water left in the drum after a wash? Clean the pump filter at the bottom front.",
    )
    customer = CustomerFactory()
    item = ItemFactory(customer=customer, title="Washing machine WM-8")
    reason = ContactReasonFactory(slug="fault", name="It does not work", urgency="normal")
    journey = Journey.objects.create(customer=customer, item=item, reason=reason)
    for kind in ChannelKind.values:
        Channel.objects.create(kind=kind, business_hours=ALWAYS)

    sign_in(page, customer.user.email, password)
    page.goto(f"{live_server.url}/contact/choose/?journey={journey.pk}")
    page.get_by_role("button", name="Send a message").click()
    page.get_by_label("Your message").press_sequentially("washing machine not draining water")
    region = page.locator("#suggestions")
    region.get_by_role("heading", name="These may answer it").wait_for(timeout=10_000)
    region.get_by_role("link", name="Washing machine not draining").click()
    page.get_by_role("heading", name="Washing machine not draining", level=1).wait_for()

    journey.refresh_from_db()
    read = journey.events.get(kind="article_opened")
    assert read.suggested and read.article.slug == "washing-machine-not-draining"
    assert journey.outcome == JourneyOutcome.OPEN  # nothing sent: self-service
