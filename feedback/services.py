"""Writes for feedback. Keyword-only, typed, atomic."""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import Case, CaseEventKind, CaseStatus
from cases.services import case_add_event, case_open_or_join, case_thread_headers
from feedback.models import (
    Feedback,
    FeedbackInvitation,
    FeedbackVersion,
    Feeling,
    FollowUpStatus,
    Satisfaction,
)
from feedback.selectors import invitation_token
from mystuff.models import Customer, Item

FOLLOW_UP_CHANNEL = "feedback"


def follow_up_status_after(*, current: str, requested: bool) -> str:
    """A request can be withdrawn until someone picks it up; after that it stays picked up."""
    if current == FollowUpStatus.PICKED_UP:
        return current
    return FollowUpStatus.REQUESTED if requested else FollowUpStatus.NOT_REQUESTED


def _snapshot(*, item: Item | None, case: Case | None) -> dict[str, str]:
    if case is not None:
        kind_item = case.item
        return {
            "channel": case.channel,
            "reason_slug": case.reason.slug if case.reason_id and case.reason else "",
            "team_slug": case.team.slug if case.team_id and case.team else "",
            "item_kind": kind_item.kind if kind_item is not None else "",
        }
    return {
        "channel": "",
        "reason_slug": "",
        "team_slug": "",
        "item_kind": item.kind if item else "",
    }


@transaction.atomic
def feedback_submit(
    *,
    customer: Customer,
    item: Item | None = None,
    case: Case | None = None,
    satisfaction: int,
    feeling: int,
    comment: str = "",
    follow_up_requested: bool = False,
) -> Feedback:
    """Give or change feedback about one thing; every submission is kept as a version."""
    if (item is None) == (case is None):
        raise ValueError("Feedback is about exactly one item or one case.")
    target_owner = case.customer_id if case is not None else item.customer_id  # type: ignore[union-attr]
    if target_owner != customer.pk:
        raise PermissionError("Customers give feedback only about their own things.")
    if satisfaction not in Satisfaction.values or feeling not in Feeling.values:
        raise ValueError("Answers are on a scale of 1 to 5.")
    now = timezone.now()
    lookup = {"case": case} if case is not None else {"item": item}
    feedback = Feedback.objects.select_for_update().filter(customer=customer, **lookup).first()
    snapshot = _snapshot(item=item, case=case)
    if feedback is None:
        feedback = Feedback.objects.create(
            customer=customer,
            satisfaction=satisfaction,
            feeling=feeling,
            comment=comment,
            follow_up_requested=follow_up_requested,
            follow_up_status=follow_up_status_after(
                current=FollowUpStatus.NOT_REQUESTED, requested=follow_up_requested
            ),
            created_at=now,
            answered_at=now,
            **lookup,
            **snapshot,
        )
    else:
        feedback.version += 1
        feedback.satisfaction = satisfaction
        feedback.feeling = feeling
        feedback.comment = comment
        feedback.follow_up_requested = follow_up_requested
        feedback.follow_up_status = follow_up_status_after(
            current=feedback.follow_up_status, requested=follow_up_requested
        )
        feedback.answered_at = now
        for field, value in snapshot.items():
            setattr(feedback, field, value)
        feedback.save(
            update_fields=[
                "version",
                "satisfaction",
                "feeling",
                "comment",
                "follow_up_requested",
                "follow_up_status",
                "answered_at",
                *snapshot.keys(),
            ]
        )
    FeedbackVersion.objects.create(
        feedback=feedback,
        version=feedback.version,
        satisfaction=satisfaction,
        feeling=feeling,
        comment=comment,
        follow_up_requested=follow_up_requested,
        created_at=now,
    )
    if case is not None:
        case_add_event(
            case=case,
            kind=CaseEventKind.FEEDBACK,
            public=True,
            body=comment,
            data={
                "feedback": feedback.pk,
                "version": feedback.version,
                "satisfaction": satisfaction,
                "feeling": feeling,
                "follow_up_requested": follow_up_requested,
            },
        )
    return feedback


@transaction.atomic
def feedback_pick_up(*, feedback: Feedback, agent: User) -> Feedback:
    """An agent takes a follow-up request: it joins the case it is about, or opens one."""
    feedback = (
        Feedback.objects.select_for_update(of=("self",))
        .select_related("case", "item")
        .get(pk=feedback.pk)
    )
    if feedback.follow_up_status != FollowUpStatus.REQUESTED:
        return feedback
    note = feedback.comment or "The customer asked for a follow-up on their feedback."
    data = {
        "feedback": feedback.pk,
        "satisfaction": feedback.satisfaction,
        "feeling": feedback.feeling,
        "follow_up": True,
    }
    if feedback.case is not None:
        case = feedback.case
    else:
        item = feedback.item
        case, _created = case_open_or_join(
            customer=feedback.customer,
            item=item,
            reason=None,
            channel=FOLLOW_UP_CHANNEL,
            description=note,
            subject=f"Feedback follow-up · {item.reference}" if item else "Feedback follow-up",
        )
    case_add_event(
        case=case, kind=CaseEventKind.FEEDBACK, public=True, body=note, author=agent, data=data
    )
    feedback.follow_up_case = case
    feedback.follow_up_status = FollowUpStatus.PICKED_UP
    feedback.picked_up_by = agent
    feedback.picked_up_at = timezone.now()
    feedback.save(
        update_fields=["follow_up_case", "follow_up_status", "picked_up_by", "picked_up_at"]
    )
    return feedback


def feedback_link(*, case: Case) -> str:
    path = reverse("feedback:give", kwargs={"target": "case", "pk": case.pk})
    return f"{settings.SITE_URL}{path}?t={invitation_token(case=case)}"


@transaction.atomic
def feedback_send_invitation(*, case_id: int) -> bool:
    """Email the customer a link to the feedback form, once per resolution. True if sent."""
    case = Case.objects.select_related("customer").filter(pk=case_id).first()
    if case is None or case.status != CaseStatus.RESOLVED:
        return False
    invitation, _created = FeedbackInvitation.objects.get_or_create(
        case=case, resolution=case.reopened_count
    )
    invitation = FeedbackInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.sent_at is not None:
        return False
    customer = case.customer
    email = customer.email or (customer.user.email if customer.user else "")
    if not email:
        return False
    language = customer.preferred_language or "en"
    with translation.override(language):
        context = {"case": case, "customer": customer, "link": feedback_link(case=case)}
        subject = render_to_string("feedback/email/invitation_subject.txt", context).strip()
        body = render_to_string("feedback/email/invitation.txt", context)
    headers = {
        "Content-Language": language,
        **case_thread_headers(case_id=case.pk, message=f"feedback-{invitation.pk}"),
    }
    EmailMessage(subject, body, to=[email], headers=headers).send()
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return True
