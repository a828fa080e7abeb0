"""Erasing a customer blanks the personal text every app holds and keeps what reports count."""

import pytest

from cases.models import Case, CaseEvent
from channels_routing.models import Contact
from feedback.models import Feedback, FeedbackVersion
from mystuff.services import customer_erase
from tests.factories import CaseFactory, ItemFactory

pytestmark = pytest.mark.django_db


def test_erasure_reaches_cases_contacts_and_feedback(customer, agent):
    item = ItemFactory(customer=customer)
    case = CaseFactory(
        customer=customer,
        item=item,
        description="I live at Home 1",
        summary="We called Ana at +31 6 1234",
    )
    CaseEvent.objects.create(
        case=case, kind="customer_message", public=True, body="My neighbour Piet has the parcel"
    )
    CaseEvent.objects.create(case=case, kind="status", public=True, body="", data={"to": "open"})
    Contact.objects.create(
        customer=customer,
        case=case,
        channel="message",
        description="Call me on 0612345678",
        context={
            "customer": {
                "id": customer.pk,
                "name": customer.name,
                "email": customer.email,
                "segment": "standard",
            },
            "description": "Call me on 0612345678",
        },
    )
    feedback = Feedback.objects.create(
        customer=customer,
        item=item,
        satisfaction=2,
        feeling=2,
        follow_up_requested=False,
        comment="The driver, Jan, was rude",
    )
    FeedbackVersion.objects.create(
        feedback=feedback,
        version=1,
        satisfaction=2,
        feeling=2,
        follow_up_requested=False,
        comment="The driver, Jan, was rude",
    )

    customer_erase(customer=customer, actor=agent)

    case.refresh_from_db()
    assert (case.description, case.summary) == ("", "")
    assert not CaseEvent.objects.filter(case=case, body__contains="Piet").exists()
    assert CaseEvent.objects.filter(case=case).count() == 2  # the timeline's shape stays
    contact = Contact.objects.get()
    assert contact.description == "" and contact.context["description"] == ""
    assert contact.context["customer"] == {"id": customer.pk, "segment": "standard"}
    feedback.refresh_from_db()
    assert feedback.comment == "" and feedback.satisfaction == 2
    assert not FeedbackVersion.objects.filter(comment__contains="Jan").exists()
    assert Case.objects.filter(customer=customer).count() == 1
