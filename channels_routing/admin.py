from django import forms
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from channels_routing.models import (
    AgentPresence,
    CallbackRequest,
    CallbackSlot,
    CallRecord,
    Channel,
    ChatMessage,
    Contact,
    ContactAttachment,
    InboundEmail,
    RoutingRule,
)
from contact_portal.hours import HOURS_FIELDS, BusinessHoursAdmin, business_hours_form


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


class AttachmentInline(admin.TabularInline):
    model = ContactAttachment
    extra = 0
    readonly_fields = ["file", "name", "content_type", "size"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["id", "channel", "customer", "case", "requested_at", "answered_at", "ended_at"]
    list_filter = ["channel"]
    list_select_related = ["customer", "case"]
    raw_id_fields = ["customer", "case", "item", "journey", "agent"]
    readonly_fields = ["context", "idempotency_key"]
    date_hierarchy = "requested_at"
    inlines = [ChatMessageInline, AttachmentInline]


@admin.register(CallbackRequest)
class CallbackRequestAdmin(admin.ModelAdmin):
    list_display = ["phone", "due_at", "status", "attempts", "contact"]
    list_filter = ["status"]
    raw_id_fields = ["contact", "slot"]


@admin.register(CallRecord)
class CallRecordAdmin(admin.ModelAdmin):
    list_display = ["call_id", "direction", "from_number", "started_at", "answered_at", "ended_at"]
    raw_id_fields = ["contact"]


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
