"""Channels and contacts. A contact is one attempt by a customer to reach us, on one channel."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, ChannelKind, Contact
from mystuff.models import Customer


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


class PresenceStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    BUSY = "busy", _("Busy")
    AWAY = "away", _("Away")


class AgentPresence(models.Model):
    """Agents say per channel whether they can take contacts now."""

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presences"
    )
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="presences")
    status = models.CharField(
        _("status"), max_length=10, choices=PresenceStatus.choices, default=PresenceStatus.AWAY
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agent presence")
        verbose_name_plural = _("agent presence")
        constraints = [
            models.UniqueConstraint(fields=["agent", "channel"], name="presence_agent_channel_uniq")
        ]
        indexes = [models.Index(fields=["channel", "status"], name="presence_channel_idx")]

    def __str__(self) -> str:
        return f"{self.agent} · {self.channel} · {self.get_status_display()}"


class RoutingRule(models.Model):
    """Thresholds for ``policy.decide``. The first active rule (by position) applies."""

    name = models.CharField(_("name"), max_length=100)
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    high_value = models.DecimalField(
        _("high item value"), max_digits=12, decimal_places=2, default=Decimal("1000")
    )
    priority_segments = models.JSONField(
        _("priority segments"), default=list, blank=True, help_text=_('For example ["vip"].')
    )
    urgent_urgencies = models.JSONField(
        _("urgent reason urgencies"),
        default=list,
        blank=True,
        help_text=_('For example ["high", "critical"].'),
    )
    repeat_contacts = models.PositiveSmallIntegerField(
        _("earlier contacts that make it urgent"), default=1
    )
    due_soon_hours = models.PositiveSmallIntegerField(_("due soon within (hours)"), default=24)
    callback_within_minutes = models.PositiveSmallIntegerField(
        _("urgent callback within (minutes)"), default=10
    )
    max_wait_minutes = models.PositiveSmallIntegerField(
        _("longest wait offered (minutes)"), default=20
    )
    message_reply_hours = models.PositiveSmallIntegerField(
        _("message reply within (hours)"), default=24
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return self.name


class ReferenceCode(models.Model):
    """The short code a caller says or keys in, so the agent knows who is calling and why."""

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="reference_code")
    code = models.CharField(max_length=12, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phone reference code")
        verbose_name_plural = _("phone reference codes")

    def __str__(self) -> str:
        return self.code

    def is_valid(self, now=None) -> bool:
        return self.used_at is None and (now or timezone.now()) < self.expires_at


class CallbackSlot(models.Model):
    starts_at = models.DateTimeField(_("starts"), unique=True)
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(_("callbacks in this slot"), default=3)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("callback slot")
        verbose_name_plural = _("callback slots")

    def __str__(self) -> str:
        # Read by agents in the admin: local time, in their language's style (not UTC ISO).
        return formats.date_format(timezone.localtime(self.starts_at), "SHORT_DATETIME_FORMAT")


class CallbackStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    TRIED = "tried", _("Tried, no answer")
    DONE = "done", _("Called back")
    FAILED = "failed", _("Could not reach")
    CANCELLED = "cancelled", _("Cancelled")


class CallbackRequest(models.Model):
    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="callback")
    slot = models.ForeignKey(
        CallbackSlot, null=True, blank=True, on_delete=models.PROTECT, related_name="callbacks"
    )
    phone = models.CharField(_("phone number"), max_length=32)
    due_at = models.DateTimeField(_("call at"))
    status = models.CharField(
        max_length=10, choices=CallbackStatus.choices, default=CallbackStatus.WAITING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    tried_at = models.DateTimeField(null=True, blank=True)
    customer_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("callback request")
        verbose_name_plural = _("callback requests")
        indexes = [models.Index(fields=["status", "due_at"], name="callback_queue_idx")]

    def __str__(self) -> str:
        when = formats.date_format(timezone.localtime(self.due_at), "SHORT_DATETIME_FORMAT")
        return f"{self.phone} @ {when}"


class ChatAuthor(models.TextChoices):
    CUSTOMER = "customer", _("Customer")
    AGENT = "agent", _("Agent")
    SYSTEM = "system", _("System")


class ChatMessage(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="chat_messages")
    author_kind = models.CharField(max_length=10, choices=ChatAuthor.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["contact", "created_at"], name="chat_message_idx")]


class ContactAttachment(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="contact-attachments/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name


class CallRecord(models.Model):
    """One phone call as the phone system reported it through the CTI webhook."""

    call_id = models.CharField(max_length=100, unique=True)
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="calls"
    )
    # Outbound calls are not contacts (the customer did not try to reach us): they are kept
    # on the customer and the case they belong to.
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="calls"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="calls"
    )
    direction = models.CharField(max_length=10, default="in")
    from_number = models.CharField(max_length=64, blank=True)
    to_number = models.CharField(max_length=64, blank=True)
    queue = models.CharField(max_length=100, blank=True)
    users = models.JSONField(default=list, blank=True)
    answering_number = models.CharField(max_length=64, blank=True)
    cause = models.CharField(max_length=40, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("phone call")
        verbose_name_plural = _("phone calls")
        indexes = [models.Index(fields=["ended_at", "started_at"], name="call_live_idx")]

    def __str__(self) -> str:
        return self.call_id


class InboundEmailStatus(models.TextChoices):
    ACCEPTED = "accepted", _("On a case")
    THIRD_PARTY = "third_party", _("From someone else (flagged)")
    AUTOMATIC = "automatic", _("Automatic reply, bounce or list mail")
    REFUSED = "refused", _("Refused")


class InboundEmail(models.Model):
    """Every email that reached us, as it arrived: the full original stays here (the case
    timeline shows only the new text), with what we did with it and why."""

    message_id = models.CharField(max_length=255, blank=True)
    from_address = models.CharField(_("from"), max_length=254, blank=True)
    to_address = models.CharField(_("to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    status = models.CharField(_("outcome"), max_length=20, choices=InboundEmailStatus.choices)
    reason = models.CharField(_("why"), max_length=200, blank=True)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails"
    )
    contact = models.OneToOneField(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="email"
    )
    text = models.TextField(_("full text"), blank=True)
    html = models.TextField(_("HTML (sanitised)"), blank=True)
    raw = models.BinaryField(_("original message"), blank=True, editable=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("inbound email")
        verbose_name_plural = _("inbound emails")
        indexes = [
            models.Index(fields=["message_id"], name="inbound_email_msgid_idx"),
            models.Index(fields=["case", "received_at"], name="inbound_email_case_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.from_address}: {self.subject}"
