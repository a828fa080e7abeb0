"""Customers and their My Stuff items.

Items of every kind live in one table with a ``kind`` and typed ``details``. The My Stuff
timeline is the page customers open most, and a single table lets it be one index range scan
on (customer, occurred_at, id) with keyset pagination, whatever the mix of kinds; a table per
kind would need a UNION over seven tables that the database cannot serve from one index.
Fields that any kind may need for display, search or routing (reference, status, value,
currency, due date) are real columns; what only one kind has (order lines, tracking,
engineer, campaign) lives in ``details``, validated per kind by ``mystuff.schemas``.
"""

import hashlib
import re
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.languages import language_choices
from mystuff.phones import normalised


class Segment(models.TextChoices):
    STANDARD = "standard", _("Standard")
    PREMIUM = "premium", _("Premium")
    VIP = "vip", _("VIP")


class Lifecycle(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    ACTIVE = "active", _("Customer")
    FORMER = "former", _("Former customer")


class Customer(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="customer",
    )
    source = models.CharField(_("source system"), max_length=50, default="portal")
    external_id = models.CharField(_("external reference"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, db_index=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=language_choices, default="en"
    )
    segment = models.CharField(
        _("segment"), max_length=20, choices=Segment.choices, default=Segment.STANDARD
    )
    lifecycle = models.CharField(
        _("lifecycle"), max_length=20, choices=Lifecycle.choices, default=Lifecycle.ACTIVE
    )
    lifetime_value = models.DecimalField(
        _("lifetime value"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    erasure_requested_at = models.DateTimeField(_("erasure requested at"), null=True, blank=True)

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        permissions = [("erase_customer", _("Can erase a customer's personal data"))]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="customer_source_external_id_uniq",
            )
        ]

    def __str__(self) -> str:
        return self.name or self.email or f"#{self.pk}"

    def save(self, *args, **kwargs) -> None:
        # Stored in E.164, so a caller's number matches however it was typed in.
        self.phone = normalised(self.phone)
        super().save(*args, **kwargs)


class ItemKind(models.TextChoices):
    ORDER = "order", _("Order")
    QUOTE = "quote", _("Quote")
    ENQUIRY = "enquiry", _("Enquiry")
    SUBSCRIPTION = "subscription", _("Subscription")
    APPOINTMENT = "appointment", _("Engineer visit")
    MARKETING = "marketing", _("Marketing")
    INTERACTION = "interaction", _("Interaction")


# Statuses after which no due date of an item matters any more (notices.rules.SETTLED, plus a
# visit the back office marked missed); kept here because the detection index is built on them.
NOTICE_UNWATCHED_STATUSES = [
    "accepted",
    "cancelled",
    "completed",
    "declined",
    "delivered",
    "ended",
    "expired",
    "missed",
    "refunded",
    "returned",
]


class Item(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    source = models.CharField(_("source system"), max_length=50, default="portal")
    external_id = models.CharField(_("external id"), max_length=100)
    reference = models.CharField(_("reference"), max_length=64)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=40, blank=True)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    # When it happened: order placed, quote issued, visit booked, message sent. The timeline key.
    occurred_at = models.DateTimeField(_("date"))
    # The next date that matters: expected delivery, quote expiry, renewal, visit start.
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="item_source_external_uniq"
            )
        ]
        indexes = [
            models.Index(fields=["customer", "-occurred_at", "-id"], name="item_timeline_idx"),
            models.Index(
                fields=["customer", "kind", "-occurred_at", "-id"], name="item_kind_timeline_idx"
            ),
            models.Index(fields=["customer", "reference"], name="item_reference_idx"),
            # Proactive notices (notices.services): items still waiting for something, by due
            # time, so detection reads only what crossed its due time since the last run.
            models.Index(
                fields=["kind", "due_at"],
                condition=models.Q(
                    kind__in=["order", "appointment", "quote", "subscription"],
                    due_at__isnull=False,
                )
                & ~models.Q(status__in=NOTICE_UNWATCHED_STATUSES),
                name="item_due_watch_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("mystuff:item", args=[self.pk])


class ItemStatusChange(models.Model):
    """Every change of an item's status, as the back-office system reported it."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=40, blank=True)
    to_status = models.CharField(max_length=40)
    changed_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["item", "changed_at"], name="item_status_change_idx")]


class ApiScope(models.TextChoices):
    INGEST = "ingest", _("Ingest customers and items")
    CTI = "cti", _("Phone system events")
    READ = "read", _("Read customers and items")


_KEY_PREFIX = re.compile(r"[0-9a-f]{8}")


def _hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKey(models.Model):
    """A key per integration. Only a SHA-256 of the secret is stored; the secret is shown once."""

    name = models.CharField(_("integration"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, name: str, scopes: list[str]) -> tuple["ApiKey", str]:
        """Create a key and return it with the secret, which is never stored in clear."""
        key = cls(name=name, scopes=scopes)
        raw = key.new_secret()
        key.save()
        return key, raw

    def new_secret(self) -> str:
        """Give this (unsaved) key a fresh secret; returns it, keeps only its hash."""
        self.prefix = secrets.token_hex(4)
        raw = f"nh_{self.prefix}_{secrets.token_urlsafe(32)}"
        self.key_hash = _hash_key(raw)
        return raw

    @classmethod
    def authenticate(cls, raw: str) -> "ApiKey | None":
        parts = raw.split("_")
        # The prefix is what new_secret makes; anything else (a NUL from a %00 in the CTI
        # path, which PostgreSQL refuses in a query) is not a key and never reaches the database.
        if len(parts) < 3 or parts[0] != "nh" or not _KEY_PREFIX.fullmatch(parts[1]):
            return None
        key = cls.objects.filter(prefix=parts[1], revoked_at__isnull=True).first()
        if key is None or not secrets.compare_digest(key.key_hash, _hash_key(raw)):
            return None
        return key

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


# --- Contact reasons: what customers contact us about. Edited with the articles (knowledge's
# admin) and read by cases, routing and notices, so they live on this floor, below them all.

MAX_TOP_LEVEL_REASONS_PER_KIND = 6


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class ReasonItemState(models.TextChoices):
    ANY = "any", _("in any state")
    OPEN = "open", _("still in progress")
    DONE = "done", _("delivered or completed")


class ReasonAction(models.TextChoices):
    UNSUBSCRIBE = "unsubscribe", _("Unsubscribe from these messages")


# Item statuses that mean it has happened: delivered, visited, completed (any source system).
ITEM_DONE_STATUSES = frozenset(
    {
        "delivered",
        "completed",
        "done",
        "closed",
        "resolved",
        "installed",
        "collected",
        "sent",
        "cancelled",
        "refunded",
        "returned",
    }
)


class ContactReason(models.Model):
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    # Names in other languages, {"nl": "...", "de": "..."}; English is ``name``.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    item_kinds = models.JSONField(
        _("item kinds"), default=list, blank=True, help_text=_("Kinds of item this reason fits.")
    )
    urgency = models.CharField(
        _("default urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)
    # Offered only while the item is in this state: "Where is my order?" before delivery, a
    # fault or warranty reason after it.
    item_state = models.CharField(
        _("offered while the item is"),
        max_length=10,
        choices=ReasonItemState.choices,
        default=ReasonItemState.ANY,
    )
    within_days = models.PositiveSmallIntegerField(
        _("only within days of the item's date"),
        null=True,
        blank=True,
        help_text=_("For example 30 for 'It arrived damaged'. Empty: at any age."),
    )
    # Done in one click instead of contacting us (see knowledge.services.reason_action).
    action = models.CharField(
        _("one-click action"), max_length=20, choices=ReasonAction.choices, blank=True
    )

    class Meta:
        db_table = "knowledge_contactreason"  # moved from knowledge, table kept
        ordering = ["position", "name"]
        verbose_name = _("contact reason")
        verbose_name_plural = _("contact reasons")

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def localized_name(self, language: str) -> str:
        return self.translations.get(language) or self.name

    def clean(self) -> None:
        unknown = set(self.item_kinds) - set(ItemKind.values)
        if unknown:
            raise ValidationError({"item_kinds": _("Unknown item kinds: %s") % ", ".join(unknown)})
        if self.parent is not None and self.parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("Reasons have two levels: choose a top-level reason as parent.")}
            )
        if self.parent_id is None and self.active:
            others = ContactReason.objects.filter(parent__isnull=True, active=True).exclude(
                pk=self.pk
            )
            any_state = ReasonItemState.ANY
            for kind in self.item_kinds:
                # Reasons for different states of an item are never offered together.
                count = sum(
                    1
                    for r in others
                    if kind in r.item_kinds
                    and any_state in (r.item_state, self.item_state)
                    or r.item_state == self.item_state
                    and kind in r.item_kinds
                )
                if count >= MAX_TOP_LEVEL_REASONS_PER_KIND:
                    raise ValidationError(
                        {
                            "item_kinds": _(
                                "%(kind)s already has %(max)d top-level reasons; "
                                "customers choose best from a handful."
                            )
                            % {"kind": kind, "max": MAX_TOP_LEVEL_REASONS_PER_KIND}
                        }
                    )
