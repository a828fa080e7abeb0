"""The case timeline: one entry per thing the customer or an agent did, with the right author,
in the reader's language."""

import pytest
from django.conf import settings
from django.urls import reverse

from cases.models import Attachment, CaseEventKind
from cases.services import case_add_event
from cases.timeline import stored_text
from tests.factories import CaseFactory, ContactReasonFactory, ItemFactory

pytestmark = pytest.mark.django_db


def _message_with_two_files(case):
    """What sending a message with two files writes (channels_routing.services.message_send)."""
    case_add_event(
        case=case,
        kind=CaseEventKind.CONTACT,
        public=True,
        body="You chose to send us a message.",
        data={"contact_id": 7, "channel": "message"},
    )
    message = case_add_event(
        case=case,
        kind=CaseEventKind.CUSTOMER_MESSAGE,
        public=True,
        body="The door seal is torn.",
        data={"contact_id": 7, "attachments": ["seal.png", "receipt.pdf"]},
    )
    second = case_add_event(
        case=case, kind=CaseEventKind.ATTACHMENT, public=True, data={"contact_id": 7}
    )
    for event, name in ((message, "seal.png"), (second, "receipt.pdf")):
        Attachment.objects.create(
            case=case, event=event, file=f"x/{name}", name=name, content_type="image/png", size=9
        )


def test_a_message_with_files_is_one_entry_on_the_customers_case_page(customer_client, customer):
    case = CaseFactory(customer=customer, description="The door seal is torn.")
    _message_with_two_files(case)
    html = customer_client.get(case.get_absolute_url()).content.decode()
    entries = html.split('<ol class="case-timeline">')[1].split("</ol>")[0]
    assert entries.count('class="timeline-entry') == 1
    assert "You wrote" in entries and "The door seal is torn." in entries
    assert "seal.png" in entries and "receipt.pdf" in entries
    assert "You chose to send us a message" not in entries
    assert "You contacted us" not in entries


def test_the_agent_sees_the_customer_as_the_author_of_their_message(agent_client, customer, team):
    customer.name = "Alex Jansen"
    customer.save()
    case = CaseFactory(customer=customer, team=team)
    _message_with_two_files(case)
    html = agent_client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    timeline = html.split('class="case-timeline admin-timeline"')[1].split("</ol>")[0]
    assert timeline.count('class="timeline-entry') == 1
    assert "Alex Jansen (customer)" in timeline and "system" not in timeline


def test_system_entries_and_subjects_read_in_the_readers_language(customer_client, customer):
    reason = ContactReasonFactory(
        name="Where is my order?", translations={"nl": "Waar is mijn bestelling?"}
    )
    item = ItemFactory(customer=customer, reference="ORD-1")
    case = CaseFactory(
        customer=customer, item=item, reason=reason, subject="Where is my order? · ORD-1"
    )
    case_add_event(
        case=case,
        kind=CaseEventKind.CONTACT,
        public=True,
        body="You asked us to call you back.",
        data={"contact_id": 8, "channel": "callback"},
    )
    case_add_event(
        case=case,
        kind=CaseEventKind.CONTACT,
        public=True,
        body="We will call you back on 0612345678 (2026-12-04 11:00).",
        data={"contact_id": 8, "callback_id": 1} | stored_text("callback.now", phone="0612345678"),
    )
    customer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    html = customer_client.get(case.get_absolute_url()).content.decode()
    assert "Waar is mijn bestelling? · ORD-1" in html
    assert "You asked us to call you back." not in html
    assert "We will call you back" not in html
    assert "0612345678" in html


def test_a_case_with_nothing_to_name_it_by_is_titled_in_the_readers_language():
    from django.template import Context, Template
    from django.utils import translation

    from cases.timeline import FALLBACK_SUBJECT, case_subject

    assert case_subject(FALLBACK_SUBJECT, "nl") == "Contact"  # the same word in Dutch
    assert case_subject(FALLBACK_SUBJECT, "de") == "Kontakt"
    assert case_subject(FALLBACK_SUBJECT, "ar") not in ("", FALLBACK_SUBJECT)
    assert case_subject(FALLBACK_SUBJECT, "en") == "Contact"

    class Case:
        subject = FALLBACK_SUBJECT

    with translation.override("de"):
        shown = Template("{% load case_tags %}{{ case|subject }}").render(Context({"case": Case()}))
    assert shown == "<bdi>Kontakt</bdi>"  # isolated: it may be the customer's own words
