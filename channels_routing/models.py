"""Channels and contacts. A contact is one attempt by a customer to reach us, on one channel."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from knowledge.models import Journey
from mystuff.models import Customer, Item


class ChannelKind(models.TextChoices):
    PHONE = "phone", _("Call us")
    CALLBACK = "callback", _("Request a callback")
    CHAT = "chat", _("Chat now")
    MESSAGE = "message", _("Send a message")


class Channel(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices, unique=True)
    enabled = models.BooleanField(_("switched on"), default=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Amsterdam")
    # {"0": [["08:00", "20:00"]], ..., "6": []}: Monday is "0". Empty list: closed that day.
    business_hours = models.JSONField(_("business hours"), default=dict, blank=True)
    holidays = models.JSONField(_("holidays"), default=list, blank=True)
    capacity = models.PositiveIntegerField(_("capacity per agent"), default=1)
    phone_number = models.CharField(_("phone number"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return self.get_kind_display()


class Contact(models.Model):
    """Requested, answered, ended and abandoned times are stored, so speed of answer and
    abandonment are measured rather than estimated."""

    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.SET_NULL)
    journey = models.ForeignKey(Journey, null=True, blank=True, on_delete=models.SET_NULL)
    channel = models.CharField(_("channel"), max_length=20, choices=ChannelKind.choices)
    description = models.TextField(_("what the customer wrote"), blank=True)
    # Customer, item, reason, description, articles opened and searches made, frozen at the time.
    context = models.JSONField(default=dict, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    abandoned_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["requested_at", "channel"], name="contact_requested_idx"),
            models.Index(fields=["case", "requested_at"], name="contact_case_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="contact_idempotency_uniq",
            )
        ]

    @property
    def speed_of_answer(self):  # -> timedelta | None
        return self.answered_at - self.requested_at if self.answered_at else None
