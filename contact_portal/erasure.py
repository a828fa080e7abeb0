"""When a customer is erased, every app blanks the personal text it holds about them.

mystuff erases the customer record and item details, then sends ``customer_erased`` inside the
same transaction; these receivers blank what cases, contacts and feedback keep. Counts, dates,
channels, ratings and statuses stay, so the reports do not change.
"""

from typing import Any

from contact_portal import pagecache

ERASED = ""


def blank_cases(*, customer: Any, **kwargs: Any) -> None:
    from cases.models import Case, CaseEvent, CaseEventKind

    Case.objects.filter(customer=customer).update(description=ERASED, summary=ERASED)
    CaseEvent.objects.filter(
        case__customer=customer,
        kind__in=[CaseEventKind.CUSTOMER_MESSAGE, CaseEventKind.CONTACT, CaseEventKind.FEEDBACK],
    ).update(body=ERASED)
    pagecache.bump(customer.pk)


def blank_contacts(*, customer: Any, **kwargs: Any) -> None:
    from channels_routing.models import Contact

    for contact in Contact.objects.filter(customer=customer).only("id", "context"):
        context = dict(contact.context or {})
        if "customer" in context:
            context["customer"] = {"id": customer.pk, "segment": customer.segment}
        context["description"] = ERASED
        Contact.objects.filter(pk=contact.pk).update(description=ERASED, context=context)


def blank_feedback(*, customer: Any, **kwargs: Any) -> None:
    from feedback.models import Feedback, FeedbackVersion

    Feedback.objects.filter(customer=customer).update(comment=ERASED)
    FeedbackVersion.objects.filter(feedback__customer=customer).update(comment=ERASED)


def connect() -> None:
    from mystuff.services import customer_erased

    for receiver in (blank_cases, blank_contacts, blank_feedback):
        customer_erased.connect(
            lambda sender, _r=receiver, **kw: _r(**kw), weak=False, dispatch_uid=receiver.__name__
        )
