"""Demo feedback: on the demo customer's delivered order, and on resolved cases if any."""

from typing import TextIO

from cases.models import Case, CaseStatus
from feedback.models import Feedback
from feedback.services import feedback_submit
from mystuff.models import Customer, Item


def seed(stdout: TextIO) -> None:
    customer = Customer.objects.filter(user__username="customer@example.com").first()
    if customer is None:
        return
    order = Item.objects.filter(customer=customer, source="shop", external_id="ORD-10231").first()
    if order is not None and not Feedback.objects.filter(customer=customer, item=order).exists():
        feedback_submit(
            customer=customer,
            item=order,
            satisfaction=4,
            feeling=5,
            comment="The washing machine arrived on time and the driver carried it in.",
        )
    subscription = Item.objects.filter(
        customer=customer, source="shop", external_id="SUB-3301"
    ).first()
    if (
        subscription is not None
        and not Feedback.objects.filter(customer=customer, item=subscription).exists()
    ):
        feedback_submit(
            customer=customer,
            item=subscription,
            satisfaction=2,
            feeling=2,
            comment="The renewal price went up and nobody told me why.",
            follow_up_requested=True,
        )
    resolved = Case.objects.filter(
        customer__in=Customer.objects.exclude(user=None),
        status__in=[CaseStatus.RESOLVED, CaseStatus.CLOSED],
    ).order_by("id")[:5]
    for index, case in enumerate(resolved):
        if Feedback.objects.filter(customer_id=case.customer_id, case=case).exists():
            continue
        wants_follow_up = index == 0
        feedback_submit(
            customer=case.customer,
            case=case,
            satisfaction=2 if wants_follow_up else 5 - index % 2,
            feeling=2 if wants_follow_up else 4,
            comment="It took three calls before anyone knew what was going on."
            if wants_follow_up
            else "",
            follow_up_requested=wants_follow_up,
        )
    stdout.write(f"Feedback: {Feedback.objects.count()} answers.\n")
