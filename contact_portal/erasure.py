"""When a customer is erased, every app blanks the personal text it holds about them.

mystuff erases the customer record and item details, then sends ``customer_erased`` inside the
same transaction; these receivers blank what cases, contacts, chats and feedback keep and
delete the files the customer and agents attached. Counts, dates, channels, ratings and
statuses stay, so the reports do not change.
"""

import logging
from typing import Any

from django.db import transaction

from core import pagecache

logger = logging.getLogger(__name__)

ERASED = ""


def blank_cases(*, customer: Any, **kwargs: Any) -> None:
    from cases.models import Case, CaseEvent, CaseEventKind

    Case.objects.filter(customer=customer).update(description=ERASED, summary=ERASED)
    # Free text written by or about the customer: their messages, our replies (which greet
    # and quote them) and internal notes. The note that records the erasure itself stays.
    CaseEvent.objects.filter(
        case__customer=customer,
        kind__in=[
            CaseEventKind.CUSTOMER_MESSAGE,
            CaseEventKind.CONTACT,
            CaseEventKind.FEEDBACK,
            CaseEventKind.REPLY,
            CaseEventKind.NOTE,
            CaseEventKind.ATTACHMENT,
        ],
    ).exclude(data__has_key="erased").update(body=ERASED)
    pagecache.bump(customer.pk)


def _delete_files_on_commit(files: list[Any]) -> None:
    """Remove the stored files once the rows are gone for good: a rollback keeps both."""

    def delete() -> None:
        for file in files:
            try:
                file.storage.delete(file.name)
            except Exception:  # one unreadable file must not keep the others
                logger.exception("erasure: could not delete %s", file.name)

    transaction.on_commit(delete)


def delete_attachments(*, customer: Any, **kwargs: Any) -> None:
    """Photos, receipts and letters are personal data: the files and their rows go."""
    from cases.models import Attachment
    from channels_routing.models import ContactAttachment

    files = []
    for model, owner in ((Attachment, "case__customer"), (ContactAttachment, "contact__customer")):
        rows = model.objects.filter(**{owner: customer})
        files += [row.file for row in rows.only("id", "file") if row.file]
        rows.delete()
    _delete_files_on_commit(files)


def blank_contacts(*, customer: Any, **kwargs: Any) -> None:
    from cases.models import Contact

    for contact in Contact.objects.filter(customer=customer).only("id", "context"):
        context = dict(contact.context or {})
        if "customer" in context:
            context["customer"] = {"id": customer.pk, "segment": customer.segment}
        context["description"] = ERASED
        Contact.objects.filter(pk=contact.pk).update(description=ERASED, context=context)
    pagecache.bump(customer.pk)


def blank_chats(*, customer: Any, **kwargs: Any) -> None:
    from channels_routing.models import ChatMessage

    ChatMessage.objects.filter(contact__customer=customer).update(body=ERASED)


def blank_emails(*, customer: Any, **kwargs: Any) -> None:
    """Emails they sent us: the sender, subject, text and original go; the outcome stays."""
    from django.db.models import Q

    from channels_routing.models import InboundEmail

    InboundEmail.objects.filter(Q(case__customer=customer) | Q(contact__customer=customer)).update(
        from_address=ERASED, to_address=ERASED, subject=ERASED, text=ERASED, html=ERASED, raw=b""
    )


def blank_feedback(*, customer: Any, **kwargs: Any) -> None:
    from feedback.models import Feedback, FeedbackVersion

    Feedback.objects.filter(customer=customer).update(comment=ERASED)
    FeedbackVersion.objects.filter(feedback__customer=customer).update(comment=ERASED)
    pagecache.bump(customer.pk)


def connect() -> None:
    from mystuff.services import customer_erased

    for receiver in (
        blank_cases,
        delete_attachments,
        blank_contacts,
        blank_chats,
        blank_emails,
        blank_feedback,
    ):
        customer_erased.connect(
            lambda sender, _r=receiver, **kw: _r(**kw), weak=False, dispatch_uid=receiver.__name__
        )
