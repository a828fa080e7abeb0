"""Erasing a customer blanks the personal text every app holds and keeps what reports count."""

import pytest

from cases.models import Case, CaseEvent, Contact
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


def test_erasure_deletes_attached_files_and_blanks_chats_replies_and_notes(
    customer, customer_client, agent, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile
    from django.urls import reverse

    from cases.models import Attachment
    from channels_routing.models import ChatMessage, ContactAttachment

    case = CaseFactory(customer=customer)
    photo = Attachment(case=case, name="receipt.png", content_type="image/png", size=4)
    photo.file.save("receipt.png", ContentFile(b"\x89PNG"), save=True)
    contact = Contact.objects.create(customer=customer, case=case, channel="chat")
    letter = ContactAttachment(contact=contact, name="letter.pdf", content_type="application/pdf")
    letter.size = 8
    letter.file.save("letter.pdf", ContentFile(b"%PDF-1.4"), save=True)
    stored = [(photo.file.storage, photo.file.name), (letter.file.storage, letter.file.name)]
    assert all(storage.exists(name) for storage, name in stored)
    ChatMessage.objects.create(contact=contact, author_kind="customer", body="I am at Dam 1")
    ChatMessage.objects.create(contact=contact, author_kind="agent", body="Thanks Ana, Dam 1")
    CaseEvent.objects.create(case=case, kind="reply", public=True, body="Dear Ana Jansen")
    CaseEvent.objects.create(case=case, kind="note", body="Ana's neighbour has it")
    CaseEvent.objects.create(
        case=case, kind="contact", body="Ana asks to be erased", data={"erasure_request": True}
    )
    download = reverse("cases:attachment", args=[case.pk, photo.pk])
    assert customer_client.get(download).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        customer_erase(customer=customer, actor=agent)

    assert not any(storage.exists(name) for storage, name in stored)
    assert not Attachment.objects.exists() and not ContactAttachment.objects.exists()
    assert list(ChatMessage.objects.values_list("body", flat=True)) == ["", ""]
    assert ChatMessage.objects.count() == 2  # the chat's length still counts in reports
    bodies = set(CaseEvent.objects.filter(case=case).values_list("body", flat=True))
    assert not any("Ana" in body for body in bodies)
    # The note that records the erasure is written before the blanking, and stays.
    assert CaseEvent.objects.filter(case=case, body__startswith="Personal data erased").exists()


def test_a_failed_erasure_keeps_the_files(customer, agent, django_capture_on_commit_callbacks):
    """The files go only when the erasure commits: a rollback leaves rows and files as they were."""
    from django.core.files.base import ContentFile
    from django.db import transaction

    from cases.models import Attachment

    case = CaseFactory(customer=customer)
    photo = Attachment(case=case, name="door.png", content_type="image/png", size=4)
    photo.file.save("door.png", ContentFile(b"\x89PNG"), save=True)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        customer_erase(customer=customer, actor=agent)
        raise RuntimeError("the database went away")
    assert photo.file.storage.exists(photo.file.name)
    assert Attachment.objects.filter(pk=photo.pk).exists()
