import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import CaseEvent, Contact
from knowledge.models import Article, ArticleTranslation, JourneyEvent, JourneyOutcome
from tests.factories import CaseFactory, CustomerFactory, ItemFactory

pytestmark = pytest.mark.django_db

URL = reverse("channels_routing:choose")


def offered_buttons(html: str) -> list[str]:
    return re.findall(r'<button type="submit" name="channel" value="(\w+)"', html)


def test_it_offers_immediate_channels_first_for_an_urgent_reason(
    customer_client, channels, item, urgent_reason
):
    response = customer_client.get(URL, {"item": item.pk, "reason": urgent_reason.slug})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "How would you like to contact us?" in html
    assert offered_buttons(html) == ["phone", "callback", "chat", "message"]
    for label in ("Call us", "Request a callback", "Chat now", "Send a message"):
        assert label in html
    assert "This needs a quick answer, so we will call you back within 10 minutes." in html
    assert "Expected wait:" in html


def test_it_offers_only_slow_channels_when_nothing_is_urgent(
    customer_client, channels, item, calm_reason
):
    html = customer_client.get(URL, {"item": item.pk, "reason": calm_reason.slug}).content.decode()
    assert offered_buttons(html) == ["message"]
    assert "Call us" not in html
    assert "Chat now" not in html


def test_it_never_offers_a_channel_nobody_can_answer(
    customer_client, channels, item, urgent_reason
):
    channels["phone"].enabled = False
    channels["phone"].save()
    channels["chat"].presences.update(status="away")
    html = customer_client.get(
        URL, {"item": item.pk, "reason": urgent_reason.slug}
    ).content.decode()
    assert offered_buttons(html) == ["callback", "message"]


@pytest.mark.parametrize("param", ["journey", "case", "item"])
def test_another_customers_journey_case_or_item_is_not_found(
    customer_client, other_customer, channels, param
):
    from knowledge.models import Journey

    other = {
        "journey": lambda: Journey.objects.create(customer=other_customer),
        "case": lambda: CaseFactory(customer=other_customer),
        "item": lambda: ItemFactory(customer=other_customer),
    }[param]()
    assert customer_client.get(URL, {param: other.pk}).status_code == 404


def test_an_unknown_reason_or_garbage_id_is_not_found(customer_client, channels, item):
    assert customer_client.get(URL, {"item": item.pk, "reason": "nope"}).status_code == 404
    assert customer_client.get(URL, {"item": "abc"}).status_code == 404


def test_the_page_runs_a_fixed_number_of_queries(
    customer_client, channels, journey, django_assert_num_queries, session_queries
):
    for _ in range(5):
        Contact.objects.create(customer=journey.customer, channel="chat")
        Contact.objects.create(customer=journey.customer, channel="phone")
    # (session,) user, customer, journey, earlier contacts; then the routing inputs every
    # customer shares: channels, presence, recent contacts, live calls, next slot, rules;
    # and what Contact Us already knows: the item's active notice and open case.
    with django_assert_num_queries(session_queries + 4 + 6 + 2):
        response = customer_client.get(URL, {"journey": journey.pk})
    assert response.status_code == 200
    # Then the page is kept (the offers are worked out again from the kept routing inputs)
    # until something of the customer's changes: (session,) user.
    with django_assert_num_queries(session_queries + 1):
        again = customer_client.get(URL, {"journey": journey.pk})
    assert offered_buttons(again.content.decode()) == offered_buttons(response.content.decode())
    # Another customer's first visit pays only for their own data: the inputs are shared.
    other = Client()
    other.force_login(CustomerFactory().user)
    with django_assert_num_queries(session_queries + 2):  # user, customer
        assert other.get(URL).status_code == 200


def test_choosing_a_channel_makes_a_contact_with_the_whole_context(
    customer_client, customer, channels, journey
):
    article = Article.objects.create(slug="track-order", status="published")
    ArticleTranslation.objects.create(
        article=article, language="en", title="Track your order", body="..."
    )
    JourneyEvent.objects.create(journey=journey, kind="search", term="late delivery", results=3)
    JourneyEvent.objects.create(journey=journey, kind="article_opened", article=article)
    JourneyEvent.objects.create(journey=journey, kind="solved_no", article=article)

    response = customer_client.post(
        f"{URL}?journey={journey.pk}",
        {
            "channel": "message",
            "description": "Still not here",
            "idempotency_key": uuid.uuid4().hex,
        },
    )

    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("channels_routing:message", args=[contact.pk])
    context = contact.context
    assert context["customer"] == {
        "id": customer.pk,
        "name": customer.name,
        "email": customer.email,
        "segment": "standard",
    }
    assert context["item"]["reference"] == "ORD-55501"
    assert context["item"]["value"] == "649.00"
    assert context["reason"]["slug"] == "where-is-it"
    assert context["description"] == "Still not here"
    assert context["articles_opened"] == [
        {"id": article.pk, "slug": "track-order", "title": "Track your order"}
    ]
    assert context["searches"] == [{"term": "late delivery", "results": 3}]
    assert context["solved_answers"] == [{"article": "track-order", "answer": "no"}]
    assert context["channel"] == "message"
    assert context["repeat_contacts"] == 0
    # Only a choice so far: the case comes with the message, and the journey is still open
    # (reading a suggested article and leaving now would be self-service).
    journey.refresh_from_db()
    assert journey.outcome == JourneyOutcome.OPEN
    assert contact.case is None
    customer_client.post(
        reverse("channels_routing:message", args=[contact.pk]), {"body": "Still not here"}
    )
    journey.refresh_from_db()
    assert journey.outcome == JourneyOutcome.CONTACTED
    assert journey.ended_at is not None
    contact.refresh_from_db()
    assert contact.case.item == journey.item
    assert contact.case.reason == journey.reason
    event = CaseEvent.objects.filter(case=contact.case, public=True).first()
    assert (event.kind, event.public) == ("contact", True)


@pytest.mark.parametrize("channel", ["message", "callback", "chat", "phone"])
def test_walking_away_after_choosing_a_channel_leaves_no_case_but_counts_the_choice(
    customer_client, customer, channels, item, urgent_reason, channel
):
    from django.utils import timezone

    from reporting.models import ContactDay
    from reporting.services import rollup_contact_days

    customer_client.post(
        f"{URL}?item={item.pk}&reason={urgent_reason.slug}",
        {"channel": channel, "idempotency_key": uuid.uuid4().hex},
    )
    assert not customer.cases.exists()
    assert not CaseEvent.objects.exists()
    cases_page = customer_client.get(reverse("cases:home")).content.decode()
    assert "You asked us to call you back" not in cases_page
    today = timezone.localdate()
    rollup_contact_days(first_day=today, last_day=today)
    day = ContactDay.objects.get()
    assert (day.channel, day.reason_slug, day.contacts) == (channel, "where-is-it", 1)


def test_the_case_comes_when_the_callback_is_booked(
    customer_client, customer, channels, item, calm_reason
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.channels_routing.factories import CallbackSlotFactory

    slot = CallbackSlotFactory(starts_at=timezone.now() + timedelta(hours=3))
    customer_client.post(
        f"{URL}?item={item.pk}&reason={calm_reason.slug}",
        {"channel": "callback", "idempotency_key": uuid.uuid4().hex},
    )
    contact = Contact.objects.get()
    assert contact.case is None
    customer_client.post(
        reverse("channels_routing:callback", args=[contact.pk]),
        {"phone": "0612345678", "when": str(slot.pk)},
    )
    contact.refresh_from_db()
    assert contact.case.reason == calm_reason
    assert "You asked us to call you back." in [e.body for e in contact.case.events.all()]


def test_a_second_contact_about_the_same_thing_joins_the_open_case(
    customer_client, channels, item, urgent_reason
):
    for _ in range(2):
        customer_client.post(
            f"{URL}?item={item.pk}&reason={urgent_reason.slug}",
            {"channel": "message", "idempotency_key": uuid.uuid4().hex},
        )
        sent = Contact.objects.order_by("id").last()
        customer_client.post(reverse("channels_routing:message", args=[sent.pk]), {"body": "Hi"})
    first, second = Contact.objects.order_by("id")
    assert first.case == second.case
    assert second.context["repeat_contacts"] == 1


def test_a_contact_about_a_case_joins_that_case(customer_client, customer, channels):
    case = CaseFactory(customer=customer)
    customer_client.post(
        f"{URL}?case={case.pk}", {"channel": "message", "idempotency_key": uuid.uuid4().hex}
    )
    contact = Contact.objects.get()
    customer_client.post(reverse("channels_routing:message", args=[contact.pk]), {"body": "Hi"})
    assert Contact.objects.get().case == case


def test_a_double_clicked_button_makes_one_contact(customer_client, channels, item, urgent_reason):
    data = {"channel": "chat", "idempotency_key": uuid.uuid4().hex}
    url = f"{URL}?item={item.pk}&reason={urgent_reason.slug}"
    first = customer_client.post(url, data)
    second = customer_client.post(url, data)
    assert Contact.objects.count() == 1
    assert first.url == second.url


def test_a_second_click_goes_to_the_first_contact_even_when_the_offers_changed(
    customer_client,
    channels,
    item,
    urgent_reason,
    calm_reason,
    django_assert_num_queries,
    session_queries,
):
    data = {"channel": "chat", "idempotency_key": uuid.uuid4().hex}
    first = customer_client.post(f"{URL}?item={item.pk}&reason={urgent_reason.slug}", data)
    # The same form sent again from a page where chat is no longer offered (a slow answer
    # retried, the back button): no "not available" error, the chat the first click started.
    # (session,) user, customer, the contact with that key; nothing is decided again.
    with django_assert_num_queries(session_queries + 3):
        second = customer_client.post(f"{URL}?item={item.pk}&reason={calm_reason.slug}", data)
    assert second.status_code == 302 and second.url == first.url
    assert Contact.objects.count() == 1


def test_a_channel_that_is_not_offered_cannot_be_chosen(
    customer_client, channels, item, calm_reason
):
    response = customer_client.post(
        f"{URL}?item={item.pk}&reason={calm_reason.slug}",
        {"channel": "phone", "description": "keep me", "idempotency_key": uuid.uuid4().hex},
    )
    assert response.status_code == 400
    assert "not available right now" in response.content.decode()
    assert "keep me" in response.content.decode()
    assert Contact.objects.count() == 0


def test_a_guest_is_offered_to_send_a_message(client, channels):
    html = client.get(URL).content.decode()
    assert "How would you like to contact us?" in html
    assert reverse("channels_routing:guest_start") in html


def test_people_who_chose_to_call_but_did_not_ring_do_not_lengthen_the_queue(
    customer_client, channels, item, urgent_reason
):
    for _ in range(10):
        Contact.objects.create(customer=item.customer, channel="phone")
    html = customer_client.get(
        URL, {"item": item.pk, "reason": urgent_reason.slug}
    ).content.decode()
    assert offered_buttons(html)[0] == "phone"


def test_a_reason_that_does_not_fit_the_item_is_not_used(customer_client, customer):
    from tests.factories import ContactReasonFactory, ItemFactory

    leaflet = ItemFactory(customer=customer, kind="marketing", reference="MKT-1")
    ContactReasonFactory(slug="parcel-late", name="Where is my parcel?", item_kinds=["order"])
    response = customer_client.get(f"{URL}?item={leaflet.pk}&reason=parcel-late")
    assert response.status_code == 200
    assert "Where is my parcel?" not in response.content.decode()


def test_the_channel_page_names_the_reason_in_the_readers_language(customer_client, item):
    from django.conf import settings as django_settings

    from tests.factories import ContactReasonFactory

    reason = ContactReasonFactory(
        slug="late-order", name="Where is my order?", translations={"ar": "أين طلبي؟"}
    )
    customer_client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "ar"
    url = reverse("channels_routing:choose") + f"?item={item.pk}&reason={reason.slug}"
    html = customer_client.get(url).content.decode()
    assert "أين طلبي؟" in html and "Where is my order?" not in html


def test_outside_opening_hours_the_page_says_when_phone_and_chat_open_and_the_number(
    customer_client, channels, item, urgent_reason
):
    from channels_routing.models import Channel

    for kind in ("phone", "chat"):
        channel = Channel.objects.get(kind=kind)
        channel.business_hours = {str(day): [["00:00", "00:01"]] for day in range(7)}
        channel.save()
    html = customer_client.get(
        URL, {"item": item.pk, "reason": urgent_reason.slug}
    ).content.decode()
    assert "phone" not in offered_buttons(html) and "chat" not in offered_buttons(html)
    assert 'data-testid="reopens"' in html
    assert "Phone: we answer again tomorrow at" in html
    assert 'href="tel:+31201234567"' in html and "+31 20 123 4567" in html
    assert "Chat: open again tomorrow at" in html
