"""Reads for feedback."""

from django.core import signing
from django.db.models import QuerySet
from django.http import Http404

from cases.models import Case
from feedback.models import Feedback, FeedbackVersion, Target
from mystuff.models import Customer, Item

INVITATION_SALT = "feedback.invitation"
INVITATION_MAX_AGE = 60 * 60 * 24 * 90  # a link in an email works for 90 days


def feedback_target_for_customer(
    *, customer: Customer, target: str, pk: int
) -> tuple[Item | None, Case | None]:
    """The customer's own item or case; anything else (another customer's, unknown) is a 404."""
    if target == Target.ITEM:
        item = Item.objects.filter(customer=customer, pk=pk).first()
        if item is None:
            raise Http404
        return item, None
    if target == Target.CASE:
        case = Case.objects.select_related("item").filter(customer=customer, pk=pk).first()
        if case is None:
            raise Http404
        return None, case
    raise Http404


def feedback_for_target(
    *, customer: Customer, item: Item | None, case: Case | None
) -> Feedback | None:
    qs = Feedback.objects.select_related("picked_up_by", "follow_up_case")
    if case is not None:
        return qs.filter(customer=customer, case=case).first()
    return qs.filter(customer=customer, item=item).first()


def feedback_versions(*, feedback: Feedback) -> QuerySet[FeedbackVersion]:
    return feedback.versions.order_by("-version")


def feedback_list_for_customer(*, customer: Customer) -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(customer=customer)
        .select_related("item", "case", "picked_up_by")
        .order_by("-answered_at", "-id")
    )


def invitation_token(*, case: Case) -> str:
    return signing.dumps({"case": case.pk, "customer": case.customer_id}, salt=INVITATION_SALT)


def case_from_invitation_token(*, token: str, pk: int) -> Case | None:
    """The case a signed email link is for, if the link is genuine, fresh and for this case."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("case") != pk:
        return None
    customer_id = data.get("customer")
    if not isinstance(customer_id, int):
        return None
    return (
        Case.objects.select_related("customer", "item")
        .filter(pk=pk, customer_id=customer_id)
        .first()
    )


def case_feedback(*, case: Case) -> Feedback | None:
    """The case owner's feedback on it, if they gave some (the customer's case page)."""
    return Feedback.objects.filter(customer_id=case.customer_id, case=case).first()


def latest_feedback_on_case(*, case: Case) -> list[Feedback]:
    """The latest feedback about this case (one row per customer; versions are kept apart):
    the agent's case page."""
    return list(Feedback.objects.filter(case=case).order_by("-pk")[:10])
