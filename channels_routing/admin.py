from django import forms
from django.contrib import admin
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
