from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from cases.models import Attachment as CaseAttachment
from cases.models import Case, Contact, parse_case_reference
from cases.selectors import cases_visible_to
from channels_routing import selectors, services
from channels_routing.models import (
    AgentPresence,
    CallbackRequest,
    CallbackSlot,
    CallRecord,
    Channel,
    ChatMessage,
    ContactAttachment,
    InboundEmail,
    RoutingRule,
)
from core.hours import HOURS_FIELDS, BusinessHoursAdmin, business_hours_form

# Channel, RoutingRule and CallbackSlot decide what customers are told (the number to call,
# the channels offered, the callback times): agents look, managers change. The rights are the
# groups' model permissions (core/roles.py MANAGER_ONLY_MODELS), which the admin's
# default has_*_permission checks read.


@admin.register(Channel)
class ChannelAdmin(BusinessHoursAdmin, admin.ModelAdmin):
    list_display = ["kind", "enabled", "timezone", "capacity", "phone_number"]
    list_editable = ["enabled"]
    form = business_hours_form(forms.ModelForm)
    fieldsets = [
        (None, {"fields": ["kind", "enabled", "phone_number", "capacity"]}),
        (_("Opening hours"), {"fields": ["timezone", *HOURS_FIELDS, "holidays"]}),
    ]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "active",
        "position",
        "high_value",
        "repeat_contacts",
        "due_soon_hours",
        "callback_within_minutes",
        "max_wait_minutes",
    ]
    list_editable = ["active", "position"]


@admin.register(AgentPresence)
class AgentPresenceAdmin(admin.ModelAdmin):
    list_display = ["agent", "channel", "status", "updated_at"]
    list_filter = ["channel", "status"]
    list_select_related = ["agent", "channel"]


@admin.register(CallbackSlot)
class CallbackSlotAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "ends_at", "capacity"]
    date_hierarchy = "starts_at"


class ChatMessageInline(admin.TabularInline):
    model = ChatMessage
    extra = 0
    readonly_fields = ["author_kind", "author", "body", "created_at"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AttachmentInline(admin.TabularInline):
    """Files open through the case's checked view; nothing links to /media/."""

    model = ContactAttachment
    extra = 0
    fields = ["open", "content_type", "size"]
    readonly_fields = ["open", "content_type", "size"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("file"))
    def open(self, attachment: ContactAttachment) -> str:
        contact = attachment.contact
        if contact.case_id is None:
            return attachment.name
        copy = (
            CaseAttachment.objects.filter(case_id=contact.case_id, file=attachment.file.name)
            .values_list("pk", flat=True)
            .first()
        )
        if copy is None:
            return attachment.name
        url = reverse("admin:cases_case_attachment", args=[contact.case_id, copy])
        return format_html('<a href="{}">{}</a>', url, attachment.name)


# A contact is what the customer did: who, about which case, what they wrote. None of it is
# edited by hand (a changed customer would show one customer's chat to another).
CONTACT_FIELDS: list[Any] = [
    "channel",
    "customer",
    "case",
    "item",
    "journey",
    "description",
    "context",
    "requested_at",
    "answered_at",
    "ended_at",
    "abandoned_at",
    "agent",
    "guest_email",
    "message_sent_at",
    "customer_emailed_at",
    "idempotency_key",
]


class VisibleWithTheirCase:
    """Contacts, calls and callbacks are seen by whoever sees their case, like the case."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # made by customers and the phone system, never by hand


@admin.register(Contact)
class ContactAdmin(VisibleWithTheirCase, admin.ModelAdmin):
    list_display = ["id", "channel", "customer", "case", "requested_at", "answered_at", "ended_at"]
    list_filter = ["channel"]
    list_select_related = ["customer", "case"]
    fields = list(CONTACT_FIELDS)
    readonly_fields = list(CONTACT_FIELDS)
    date_hierarchy = "requested_at"
    inlines = [ChatMessageInline, AttachmentInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Contact]:
        return selectors.contacts_visible_to(request.user, super().get_queryset(request))


@admin.register(CallbackRequest)
class CallbackRequestAdmin(VisibleWithTheirCase, admin.ModelAdmin):
    list_display = ["phone", "due_at", "status", "attempts", "contact"]
    list_filter = ["status"]
    readonly_fields = ["contact", "slot"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CallbackRequest]:
        return selectors.callbacks_visible_to(request.user, super().get_queryset(request))


class CallRecordForm(forms.ModelForm):
    link_case = forms.CharField(
        label=_("Link this caller to a case"),
        required=False,
        max_length=40,
        help_text=_("The case reference, for example C-001234. Recorded in the audit log."),
    )

    class Meta:
        model = CallRecord
        fields: list[str] = []

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_link_case(self) -> Case | None:
        reference = self.cleaned_data["link_case"]
        if not reference.strip():
            return None
        if self.instance.contact_id is not None:
            raise forms.ValidationError(_("This call is already linked."))
        assert self.request is not None
        pk = parse_case_reference(reference)
        case = cases_visible_to(self.request.user).filter(pk=pk).first() if pk else None
        if case is None:
            raise forms.ValidationError(_("No case of yours has this reference."))
        return case


@admin.register(CallRecord)
class CallRecordAdmin(VisibleWithTheirCase, admin.ModelAdmin):
    """Calls are what the phone system reported. An unknown caller is linked to a case with
    the form's one field, through ``services.call_link`` (audited), never by editing."""

    form = CallRecordForm
    list_display = ["call_id", "direction", "from_number", "started_at", "answered_at", "ended_at"]
    readonly_fields = [
        "call_id",
        "contact",
        "direction",
        "from_number",
        "to_number",
        "queue",
        "users",
        "answering_number",
        "cause",
        "started_at",
        "answered_at",
        "ended_at",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CallRecord]:
        return selectors.calls_visible_to(request.user, super().get_queryset(request))

    def get_fields(self, request: HttpRequest, obj: CallRecord | None = None) -> list[Any]:
        fields: list[Any] = list(self.readonly_fields)
        # An incoming call from a number we did not know: the agent says whose it was.
        if (
            obj is not None
            and obj.direction == "in"
            and (obj.contact is None or obj.contact.customer_id is None)
            and self.has_change_permission(request, obj)
        ):
            fields.append("link_case")
        return fields

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form_class = super().get_form(request, obj, change, **kwargs)

        class WithRequest(form_class):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **inner: Any) -> None:
                super().__init__(*args, request=request, **inner)

        return WithRequest

    def save_model(self, request: HttpRequest, obj: CallRecord, form: Any, change: bool) -> None:
        case = form.cleaned_data.get("link_case")
        if case is not None:
            services.call_link(
                call=obj, customer=case.customer, case=case, by=cast(User, request.user)
            )
            messages.success(
                request, _("The call is linked to %(case)s.") % {"case": case.reference}
            )


@admin.register(InboundEmail)
class InboundEmailAdmin(admin.ModelAdmin):
    """Every email that reached us, whole, with what happened to it. Read only: it is the
    record of what arrived. Agents see the emails of the cases they may see; managers also
    the ones that opened nothing (automatic, refused)."""

    list_display = ["received_at", "from_address", "subject", "status", "reason", "case"]
    list_filter = ["status"]
    list_select_related = ["case"]
    search_fields = ["from_address", "message_id"]
    date_hierarchy = "received_at"
    readonly_fields = (
        "received_at",
        "status",
        "reason",
        "from_address",
        "to_address",
        "subject",
        "message_id",
        "case",
        "contact",
        "text",
        "sanitised_html",
    )
    fields = readonly_fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[InboundEmail]:
        from cases.selectors import cases_visible_to, is_manager

        queryset = super().get_queryset(request)
        if is_manager(request.user):
            return queryset
        return queryset.filter(
            Q(case__in=cases_visible_to(request.user).values("pk")), case__isnull=False
        )

    @admin.display(description=_("HTML (sanitised)"))
    def sanitised_html(self, email: InboundEmail) -> SafeString:
        from channels_routing.email_in import clean_html

        # Cleaned again on the way out, so a stored value can never carry markup through.
        return mark_safe(clean_html(email.html))  # noqa: S308  # nosec B308 B703: nh3-cleaned

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
