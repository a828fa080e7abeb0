"""Cases: every contact is trackable, every promise has an owner and a due date."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mystuff.models import ContactReason, Customer, Item, ItemKind, Segment


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(max_length=50, unique=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_teams",
        verbose_name=_("team lead"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="teams", verbose_name=_("members")
    )
    email = models.EmailField(_("team email"), blank=True)
    is_default = models.BooleanField(
        _("default team"),
        default=False,
        help_text=_("Gets every new case that no routing rule matches."),
    )
    assignment = models.CharField(
        _("assignment"),
        max_length=10,
        choices=[
            ("pull", _("Pull: agents take the next case")),
            ("push", _("Push: offered to an available agent")),
        ],
        default="pull",
    )
    capacity = models.PositiveSmallIntegerField(
        _("open cases per agent"),
        default=10,
        help_text=_("Push assignment offers no more cases to an agent who has this many open."),
    )
    email_new_cases = models.BooleanField(
        _("email the team address about new cases"), default=False
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="team_one_default",
                violation_error_message=_(
                    "Another team is already the default team: untick it there first."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    WAITING_CUSTOMER = "waiting_customer", _("Waiting on you")
    WAITING_US = "waiting_us", _("Waiting on us")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = [
    CaseStatus.NEW,
    CaseStatus.OPEN,
    CaseStatus.WAITING_CUSTOMER,
    CaseStatus.WAITING_US,
]


class TeamRule(models.Model):
    """Which team gets a new case: the first active rule (by position) whose every filled-in
    condition holds; the default team gets the rest. See ``cases.routing.decide``."""

    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="rules", verbose_name=_("team")
    )
    reason = models.ForeignKey(
        ContactReason,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("contact reason"),
        help_text=_("A parent reason covers its children too."),
    )
    item_kind = models.CharField(
        _("item kind"), max_length=20, blank=True, choices=ItemKind.choices
    )
    language = models.CharField(_("customer language"), max_length=10, blank=True)
    segment = models.CharField(_("segment"), max_length=20, blank=True, choices=Segment.choices)
    min_lifetime_value = models.DecimalField(
        _("lifetime value at least"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    channel = models.CharField(_("channel"), max_length=20, blank=True)
    priority = models.CharField(_("priority"), max_length=10, blank=True, choices=Priority.choices)
    skill = models.CharField(
        _("skill needed"),
        max_length=50,
        blank=True,
        help_text=_("Push assignment prefers agents with this skill."),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("team rule")
        verbose_name_plural = _("team rules")

    def __str__(self) -> str:
        return self.name


class AgentProfile(models.Model):
    """What an agent can take on: languages they speak, skills they have."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agent_profile",
        verbose_name=_("agent"),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)

    class Meta:
        verbose_name = _("agent languages and skills")
        verbose_name_plural = _("agent languages and skills")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Case(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="cases")
    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    reason = models.ForeignKey(
        ContactReason, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("what the customer wrote"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    # PROTECT: a team with cases cannot be deleted, so no case drops out of every queue.
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_cases",
        verbose_name=_("agent"),
    )
    channel = models.CharField(_("channel of first contact"), max_length=20, blank=True)
    summary = models.TextField(_("contact summary for the customer"), blank=True)
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    first_response_due = models.DateTimeField(null=True, blank=True)
    first_responded_at = models.DateTimeField(null=True, blank=True)
    resolution_due = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reopened_count = models.PositiveIntegerField(default=0)
    # The earliest due time of the case's open promises (kept by refresh_promise_due), so the
    # "overdue promises" queue is one range read on a small partial index instead of a scan
    # of every open case against the promises table.
    open_promise_due = models.DateTimeField(null=True, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_cases"
    )
    # When an agent first became the owner (push, Next case, take over or by hand).
    first_assigned_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The skill the routing rule asked for, if any; push assignment prefers agents with it.
    skill = models.CharField(_("skill needed"), max_length=50, blank=True)
    # The customer's language when the case opened ("nl", no region): Next case offers an
    # agent the cases in their languages first, push offers a case to a speaker of it first.
    language = models.CharField(_("language"), max_length=8, blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["customer", "-created_at", "-id"], name="case_customer_idx"),
            # The agent's unfiltered list: newest first across everything they may see.
            models.Index(fields=["-created_at", "-id"], name="case_created_idx"),
            models.Index(fields=["status", "-created_at", "-id"], name="case_status_idx"),
            models.Index(fields=["owner", "status", "-created_at"], name="case_owner_idx"),
            models.Index(fields=["team", "status", "-created_at"], name="case_team_idx"),
            models.Index(fields=["status", "resolution_due"], name="case_due_idx"),
            models.Index(fields=["customer", "item", "reason", "status"], name="case_join_idx"),
            # The agent queues only ever look at open cases: partial indexes keep them small
            # and let each queue read its first page straight off one index, newest first.
            models.Index(
                fields=["team", "-created_at", "-id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_open_team_idx",
            ),
            models.Index(
                fields=["owner", "-created_at", "-id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_open_owner_idx",
            ),
            models.Index(
                fields=["-created_at", "-id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_open_idx",
            ),
            models.Index(
                fields=["open_promise_due"],
                condition=models.Q(status__in=OPEN_STATUSES, open_promise_due__isnull=False),
                name="case_open_promise_due_idx",
            ),
            models.Index(
                fields=["-created_at", "-id"],
                condition=models.Q(status__in=OPEN_STATUSES, owner__isnull=True),
                name="case_open_unassigned_idx",
            ),
            models.Index(
                fields=["resolution_due"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_open_resolution_due_idx",
            ),
            models.Index(
                fields=["first_response_due"],
                condition=models.Q(status__in=OPEN_STATUSES, first_responded_at__isnull=True),
                name="case_open_first_due_idx",
            ),
            # Next case: the most urgent case without an owner in a team, straight off one index.
            models.Index(
                fields=["team", "first_response_due", "created_at", "id"],
                condition=models.Q(status__in=OPEN_STATUSES, owner__isnull=True),
                name="case_next_idx",
            ),
            # Next case in the agent's languages first: the same, per language.
            models.Index(
                fields=["team", "language", "first_response_due", "created_at", "id"],
                condition=models.Q(status__in=OPEN_STATUSES, owner__isnull=True),
                name="case_next_language_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    @property
    def reference(self) -> str:
        return format_case_reference(self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.pk])


def format_case_reference(pk: int | None) -> str:
    return f"C-{pk:06d}" if pk else "C-??????"


def parse_case_reference(text: str) -> int | None:
    """'C-000123', 'c000123' or '123' -> 123; anything else -> None."""
    cleaned = text.strip().upper().removeprefix("C").lstrip("-").strip()
    return int(cleaned) if cleaned.isdigit() else None


class CaseEventKind(models.TextChoices):
    CONTACT = "contact", _("Contact")
    CUSTOMER_MESSAGE = "customer_message", _("Message from the customer")
    REPLY = "reply", _("Reply")
    NOTE = "note", _("Internal note")
    STATUS = "status", _("Status change")
    ASSIGNMENT = "assignment", _("Assignment")
    PROMISE = "promise", _("Promise")
    FEEDBACK = "feedback", _("Feedback")
    MERGE = "merge", _("Merge")
    ATTACHMENT = "attachment", _("Attachment")
    ROUTING = "routing", _("Routing")


class CaseEvent(models.Model):
    """The case timeline. ``public`` entries are shown to the customer; the rest only to staff."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=CaseEventKind.choices)
    public = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    body = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set once the customer was emailed about this entry, so a retried task never emails twice.
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"], name="case_event_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.case_id}"

    @property
    def status_label(self) -> str:
        """The label of the status a status-change entry moved the case to."""
        return _status_label((self.data or {}).get("to", ""))

    @property
    def status_from_label(self) -> str:
        return _status_label((self.data or {}).get("from", ""))


def _status_label(value: str) -> str:
    return str(CaseStatus(value).label) if value in CaseStatus.values else value


class PromiseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    KEPT = "kept", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Promise(models.Model):
    """What will happen, by which team, by when. A hand-off to another team is a promise too."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="promises")
    description = models.CharField(_("what will happen"), max_length=300)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="promises")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promises",
    )
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(
        max_length=10, choices=PromiseStatus.choices, default=PromiseStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    customer_told_late_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("promise")
        verbose_name_plural = _("promises")
        indexes = [models.Index(fields=["status", "due_at"], name="promise_due_idx")]

    def __str__(self) -> str:
        return self.description


class SlaPolicy(models.Model):
    """Targets per priority, counted in business hours. A priority without a row uses
    ``cases.rules.DEFAULT_SLA_HOURS`` and ``cases.rules.DEFAULT_BUSINESS_HOURS``."""

    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, unique=True)
    first_response_hours = models.DecimalField(
        _("first response within (business hours)"), max_digits=6, decimal_places=2
    )
    resolution_hours = models.DecimalField(
        _("resolution within (business hours)"), max_digits=6, decimal_places=2
    )
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Amsterdam")
    # {"0": [["08:00", "20:00"]], ..., "6": []}: Monday is "0", like channels' business hours.
    business_hours = models.JSONField(_("business hours"), default=dict, blank=True)
    holidays = models.JSONField(_("holidays"), default=list, blank=True)

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")

    def __str__(self) -> str:
        return str(self.get_priority_display())


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random directory: files are served only through the ownership-checked view, and their
    # path must not be guessable if media is ever served directly (DEBUG serves /media/).
    return f"cases/{instance.case_id}/{uuid.uuid4().hex}/{filename}"


class Attachment(models.Model):
    """A file the customer or an agent added to a case; its type was sniffed from its bytes."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    event = models.OneToOneField(
        CaseEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachment"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cases:attachment", args=[self.case_id, self.pk])


# --- Contacts: one attempt by a customer to reach us, on one channel. Case data: a contact
# joins or opens a case once the customer reaches us; routing (channels_routing) records them.


class ChannelKind(models.TextChoices):
    PHONE = "phone", _("Call us")
    CALLBACK = "callback", _("Request a callback")
    CHAT = "chat", _("Chat now")
    MESSAGE = "message", _("Send a message")
    # Not offered on the Contact Us page: the customer writes to us (a reply to a case email,
    # or a new email to the support address) and the email becomes a contact like the others.
    EMAIL = "email", _("Email")


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
    # The self-help journey that led here (knowledge), named by string: cases imports no
    # knowledge code, the database keeps the link.
    journey = models.ForeignKey(
        "knowledge.Journey", null=True, blank=True, on_delete=models.SET_NULL
    )
    # What the customer chose to contact us about; kept for contacts that never got a case
    # (a channel chosen and walked away from), so reports still count them by reason.
    reason = models.ForeignKey(
        ContactReason, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=ChannelKind.choices)
    description = models.TextField(_("what the customer wrote"), blank=True)
    # Customer, item, reason, description, articles opened and searches made, frozen at the time.
    context = models.JSONField(default=dict, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    abandoned_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=64, blank=True)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_contacts",
        verbose_name=_("agent"),
    )
    # A guest (not signed in) who confirmed this email address with a code.
    guest_email = models.EmailField(_("guest email"), blank=True)
    # The guest's link to follow the case: random, carries nothing about them (see
    # services.contact_guest_token).
    guest_token = models.CharField(max_length=64, blank=True)
    message_sent_at = models.DateTimeField(null=True, blank=True)
    customer_emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "channels_routing_contact"  # moved from channels_routing, table kept
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
            ),
            models.UniqueConstraint(
                fields=["guest_token"],
                condition=~models.Q(guest_token=""),
                name="contact_guest_token_uniq",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk}"

    @property
    def speed_of_answer(self):  # -> timedelta | None
        return self.answered_at - self.requested_at if self.answered_at else None

    @property
    def is_waiting(self) -> bool:
        return self.answered_at is None and self.ended_at is None and self.abandoned_at is None
