"""Reading a suggested article and leaving counts as self-service; sending anyway is a contact.

A channel chosen is not yet a contact (issue 22): the journey stays open until the customer
reaches us, so an article opened from "These may answer it" is recorded on it, and the
self-help report counts the journey as served by self-help when nothing is sent.
"""

import re
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cases.models import Contact
from knowledge.models import Journey, JourneyEvent, JourneyEventKind, JourneyOutcome
from reporting import selectors as reports
from reporting.forms import ReportFilterForm
from tests.factories import CustomerFactory
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def drain(db):
    return make_article(
        "washing-machine-not-draining",
        "Washing machine not draining",
        "Water left in the drum after a wash? Clean the pump filter at the bottom front.",
    )


def this_month():
    today = timezone.localdate()
    form = ReportFilterForm(
        {"date_from": today - timedelta(days=1), "date_to": today + timedelta(days=1)}
    )
    assert form.is_valid(), form.errors
    return form.filters()


def figures(measure):
    return {str(label): value for label, value in measure.summary}


def rows(measure):
    return {str(row[0]): row[1] for row in measure.rows}


def choose_message(client, item, reason):
    """From the item's help page (which starts the journey) to Send a message."""
    client.get(f"/help/item/{item.pk}/?reason={reason.slug}")
    journey = Journey.objects.get()
    client.post(
        f"/contact/choose/?journey={journey.pk}",
        {"channel": "message", "description": "", "idempotency_key": uuid.uuid4().hex},
    )
    return journey, Contact.objects.get()


def suggested_link(client, text, journey_id):
    """The first link "These may answer it" shows, as the message page's field asks for it."""
    html = client.get("/help/suggest/", {"body": text, "journey": journey_id}).content.decode()
    return re.search(r'<a href="([^"]+)"', html).group(1).replace("&amp;", "&")


def test_reading_a_suggested_article_and_leaving_counts_as_self_service(
    customer_client, item, calm_reason, channels, drain
):
    journey, contact = choose_message(customer_client, item, calm_reason)
    journey.refresh_from_db()
    assert journey.outcome == JourneyOutcome.OPEN  # a channel chosen is not a contact yet
    assert contact.case is None

    page = customer_client.get(f"/contact/{contact.pk}/message/").content.decode()
    # The field asking for suggestions names the contact's journey.
    assert f'hx-vals="{{&quot;journey&quot;: {journey.pk}}}"' in page

    link = suggested_link(customer_client, "water stays in the drum of my washer", journey.pk)
    assert link == (
        f"/help/articles/washing-machine-not-draining/?from=suggestion&journey={journey.pk}"
    )
    assert customer_client.get(link).status_code == 200
    read = JourneyEvent.objects.get(kind=JourneyEventKind.ARTICLE_OPENED)
    assert (read.journey_id, read.article, read.suggested) == (journey.pk, drain, True)
    journey.refresh_from_db()
    assert journey.outcome == JourneyOutcome.OPEN

    # The customer leaves without sending: served by self-help in the report.
    success = reports.self_help_success(this_month())
    assert rows(success)["Read a suggested article and did not write to us"] == 1
    assert rows(success)["Contacted us"] == 0
    assert figures(success)["Self-help success rate (%)"] == 100.0
    deflection = figures(reports.deflection(this_month()))
    assert deflection["Suggested articles read without writing to us (%)"] == 100.0
    assert deflection["Assumed self-resolution (%)"] == 100.0
    # The choice walked away from is still counted as a contact of its channel.
    volume = reports.contact_volume(this_month())
    assert [row[1] for row in volume.rows] == [1]


def test_sending_anyway_ends_the_journey_as_a_contact_with_the_read_in_the_trail(
    customer_client, item, calm_reason, channels, drain
):
    journey, contact = choose_message(customer_client, item, calm_reason)
    customer_client.get(suggested_link(customer_client, "water stays in my washer", journey.pk))
    customer_client.post(
        f"/contact/{contact.pk}/message/",
        {"body": "Still water in the drum after cleaning the filter", "suggested": [drain.pk]},
    )
    journey.refresh_from_db()
    contact.refresh_from_db()
    assert journey.outcome == JourneyOutcome.CONTACTED
    assert contact.case is not None
    # The agent sees the article read after the channel was chosen.
    assert [a["slug"] for a in contact.context["articles_opened"]] == [
        "washing-machine-not-draining"
    ]
    success = reports.self_help_success(this_month())
    assert rows(success)["Read a suggested article and did not write to us"] == 0
    assert rows(success)["Contacted us"] == 1
    deflection = figures(reports.deflection(this_month()))
    assert deflection["Suggested articles read without writing to us (%)"] == 0.0
    assert deflection["Assumed self-resolution (%)"] == 0.0


def test_a_link_naming_someone_elses_journey_records_the_read_on_the_readers_own(
    customer_client, customer, drain
):
    theirs = Journey.objects.create(customer=CustomerFactory(), session_key="x")
    customer_client.get(f"/help/articles/{drain.slug}/?from=suggestion&journey={theirs.pk}")
    assert not theirs.events.exists()
    read = JourneyEvent.objects.get()
    assert read.journey.customer == customer and read.suggested


def test_a_guest_who_sends_after_reading_ends_the_journey_as_a_contact(channels, drain):
    guest = Client()
    guest.get(f"/help/articles/{drain.slug}/?from=suggestion")
    journey = Journey.objects.get()
    assert journey.customer is None and journey.events.get().suggested
    session = guest.session
    session["channels_guest_email"] = "guest@example.net"
    session.save()
    guest.post("/contact/guest/message/", {"body": "The drum is still full of water"})
    journey.refresh_from_db()
    contact = Contact.objects.get()
    assert contact.journey == journey
    assert journey.outcome == JourneyOutcome.CONTACTED
    assert [a["slug"] for a in contact.context["articles_opened"]] == [drain.slug]


@pytest.mark.parametrize("channel", ["callback", "chat", "phone"])
def test_choosing_another_channel_and_walking_away_leaves_the_journey_open(
    customer_client, item, urgent_reason, channels, channel
):
    customer_client.get(f"/help/item/{item.pk}/?reason={urgent_reason.slug}")
    journey = Journey.objects.get()
    customer_client.post(
        f"/contact/choose/?journey={journey.pk}",
        {"channel": channel, "idempotency_key": uuid.uuid4().hex},
    )
    journey.refresh_from_db()
    assert journey.outcome == JourneyOutcome.OPEN
    assert Contact.objects.get().journey == journey
