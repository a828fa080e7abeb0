"""Proactive notices: we tell the customer that something of theirs runs late before they ask.

A ``NoticeRule`` per kind of problem (tuned by managers in the admin) says when an item or a
promise counts as late or at risk; detection (``notices.services``) makes one ``Notice`` per
lateness and clears it when the item recovers. The notice is what the banner on My Stuff and
the item page shows, what the email says, and where the customer's one-click choice is kept.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Promise, Team
from mystuff.models import ContactReason, Customer, Item


class NoticeKind(models.TextChoices):
    ORDER_LATE = "order_late", _("Order past its expected delivery")
    VISIT_MOVED = "visit_moved", _("Engineer visit moved")
    VISIT_MISSED = "visit_missed", _("Engineer visit missed")
    QUOTE_EXPIRING = "quote_expiring", _("Quote about to expire")
    SUBSCRIPTION_RENEWING = "subscription_renewing", _("Subscription about to renew")
    PROMISE_LATE = "promise_late", _("Promise on a case that will be late")


class NoticeChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")
    PUSH = "push", _("Push notification")


class NoticeChoice(models.TextChoices):
    WAIT = "wait", _("I'll wait for the new date")
    REBOOK = "rebook", _("Choose another day")
    CANCEL = "cancel", _("Cancel and refund")
    STOP = "stop", _("Stop the renewal")
    EXTEND = "extend", _("Ask for more time")
    TALK = "talk", _("Talk to us")


class NoticeRule(models.Model):
    """When a kind of problem counts, and who takes over when the customer chooses a way out."""

    kind = models.CharField(_("problem"), max_length=30, choices=NoticeKind.choices, unique=True)
    enabled = models.BooleanField(_("send notices"), default=True)
    # The notice is due at the item's (or promise's) due time plus this: positive is "late by",
    # negative is "ahead of" (a quote expiring in 48 hours: -48).
    offset_hours = models.IntegerField(
        _("hours after the due time"),
        default=0,
        help_text=_("Negative: that many hours before it (a quote about to expire)."),
    )
    look_back_hours = models.PositiveIntegerField(
        _("first run looks back (hours)"),
        default=72,
        help_text=_("How far back the very first run looks, so old problems are not announced."),
    )
    reason = models.ForeignKey(
        ContactReason,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact reason"),
        help_text=_("Offered first on Need Help, and the reason of the case a choice opens."),
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("team for the customer's choice"),
    )
    promise_hours = models.PositiveIntegerField(_("we act on a choice within (hours)"), default=24)
    # Detection has looked at every due time up to here (plus the offset): the next run reads
    # only what crossed the line since, off an index, never every item.
    checked_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notice rule")
        verbose_name_plural = _("notice rules")

    def __str__(self) -> str:
        return str(self.get_kind_display())


class Notice(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="notices")
    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    promise = models.ForeignKey(
        Promise, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("problem"), max_length=30, choices=NoticeKind.choices)
    channel = models.CharField(
        _("channel"), max_length=10, choices=NoticeChannel.choices, default=NoticeChannel.EMAIL
    )
    due_at = models.DateTimeField(_("was due"), null=True, blank=True)
    new_due_at = models.DateTimeField(_("new date"), null=True, blank=True)
    created_at = models.DateTimeField(_("noticed"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    cleared_at = models.DateTimeField(_("cleared"), null=True, blank=True)
    choice = models.CharField(
        _("customer chose"), max_length=10, choices=NoticeChoice.choices, blank=True
    )
    chosen_at = models.DateTimeField(_("chosen"), null=True, blank=True)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Once per lateness: one active notice per item (or promise) and problem.
            models.UniqueConstraint(
                fields=["item", "kind"],
                condition=models.Q(cleared_at__isnull=True, item__isnull=False),
                name="notice_active_item_uniq",
            ),
            models.UniqueConstraint(
                fields=["promise", "kind"],
                condition=models.Q(cleared_at__isnull=True, promise__isnull=False),
                name="notice_active_promise_uniq",
            ),
        ]
        indexes = [
            # The banners: a customer's active notices, newest first.
            models.Index(
                fields=["customer", "-created_at"],
                condition=models.Q(cleared_at__isnull=True),
                name="notice_active_customer_idx",
            ),
            # The recovery sweep reads only the active ones.
            models.Index(
                fields=["kind", "id"],
                condition=models.Q(cleared_at__isnull=True),
                name="notice_active_kind_idx",
            ),
            models.Index(fields=["created_at"], name="notice_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.cleared_at is None
