"""Two-question feedback about a case or anything in My Stuff.

One ``Feedback`` row per customer and thing holds the latest answers (reports read it);
every submission is also kept as a ``FeedbackVersion``, so an edit never loses history.
Channel, reason, team and item kind are copied onto the row when it is written so the
reporting pages can filter 300,000 answers without joining four tables.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from mystuff.models import Customer, Item


class Satisfaction(models.IntegerChoices):
    VERY_DISSATISFIED = 1, _("Very dissatisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    NEUTRAL = 3, _("Neither satisfied nor dissatisfied")
    SATISFIED = 4, _("Satisfied")
    VERY_SATISFIED = 5, _("Very satisfied")


class Feeling(models.IntegerChoices):
    FRUSTRATED = 1, _("Frustrated")
    LET_DOWN = 2, _("Let down")
    OKAY = 3, _("Okay")
    LOOKED_AFTER = 4, _("Looked after")
    VALUED = 5, _("Really valued")


class Target(models.TextChoices):
    ITEM = "item", _("Something in My Stuff")
    CASE = "case", _("Case")


class FollowUpStatus(models.TextChoices):
    NOT_REQUESTED = "", _("Not requested")
    REQUESTED = "requested", _("Waiting to be picked up")
    PICKED_UP = "picked_up", _("Picked up")


class Feedback(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="feedback")
    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback"
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("How satisfied are you with the outcome?"), choices=Satisfaction.choices
    )
    feeling = models.PositiveSmallIntegerField(
        _("How did we make you feel?"), choices=Feeling.choices
    )
    comment = models.TextField(_("comment"), blank=True)
    follow_up_requested = models.BooleanField(_("I'd like someone to follow this up"))
    follow_up_status = models.CharField(
        _("follow-up"),
        max_length=12,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.NOT_REQUESTED,
        blank=True,
    )
    follow_up_case = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up_feedback",
        verbose_name=_("follow-up case"),
    )
    picked_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("picked up by"),
    )
    picked_up_at = models.DateTimeField(_("picked up at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # Copied from the case / item when written, for the reporting filters.
    channel = models.CharField(_("channel"), max_length=20, blank=True)
    reason_slug = models.CharField(_("reason"), max_length=80, blank=True)
    team_slug = models.CharField(_("team"), max_length=50, blank=True)
    item_kind = models.CharField(_("item kind"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("first given"), default=timezone.now)
    answered_at = models.DateTimeField(_("last answered"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(item__isnull=False, case__isnull=True))
                | (models.Q(item__isnull=True, case__isnull=False)),
                name="feedback_one_target",
            ),
            models.UniqueConstraint(
                fields=["customer", "item"],
                condition=models.Q(item__isnull=False),
                name="feedback_customer_item_uniq",
            ),
            models.UniqueConstraint(
                fields=["customer", "case"],
                condition=models.Q(case__isnull=False),
                name="feedback_customer_case_uniq",
            ),
        ]
        indexes = [
            models.Index(fields=["answered_at"], name="feedback_answered_idx"),
            models.Index(fields=["follow_up_status", "answered_at"], name="feedback_follow_up_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.target_label}: {self.satisfaction}/5"

    @property
    def target(self) -> str:
        return Target.CASE if self.case_id else Target.ITEM

    @property
    def target_pk(self) -> int:
        return self.case_id or self.item_id  # type: ignore[return-value]

    @property
    def target_label(self) -> str:
        if self.case_id and self.case is not None:
            return self.case.reference
        return self.item.reference if self.item is not None else ""


class FeedbackVersion(models.Model):
    """What the customer sent, each time they sent it."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    satisfaction = models.PositiveSmallIntegerField(choices=Satisfaction.choices)
    feeling = models.PositiveSmallIntegerField(choices=Feeling.choices)
    comment = models.TextField(blank=True)
    follow_up_requested = models.BooleanField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("earlier answer")
        verbose_name_plural = _("earlier answers")
        constraints = [
            models.UniqueConstraint(fields=["feedback", "version"], name="feedback_version_uniq")
        ]


class FeedbackInvitation(models.Model):
    """One email per resolution of a case: ``resolution`` is the case's reopen count then."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="feedback_invitations")
    resolution = models.PositiveIntegerField()
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "resolution"], name="feedback_invitation_uniq")
        ]


class FollowUpRequest(Feedback):
    """The agents' queue: feedback whose customer asked for someone to follow it up."""

    class Meta:
        proxy = True
        verbose_name = _("follow-up request")
        verbose_name_plural = _("follow-up queue")
