from django.contrib import admin
from django.http import HttpRequest

from notices.models import Notice, NoticeRule


@admin.register(NoticeRule)
class NoticeRuleAdmin(admin.ModelAdmin):
    """Managers tune when each problem is told and who takes over the customer's choice."""

    list_display = ["kind", "enabled", "offset_hours", "reason", "team", "promise_hours"]
    list_editable = ["enabled", "offset_hours"]
    fields = [
        "kind",
        "enabled",
        "offset_hours",
        "look_back_hours",
        "reason",
        "team",
        "promise_hours",
    ]
    readonly_fields = ["kind"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one rule per problem, made by the migration

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """What went out, to whom, and what the customer chose; a record, not edited by hand."""

    list_display = [
        "pk",
        "kind",
        "customer",
        "item",
        "created_at",
        "sent_at",
        "choice",
        "cleared_at",
    ]
    list_filter = ["kind", "choice", "channel"]
    list_select_related = ["customer", "item"]
    raw_id_fields = ["customer", "item", "promise", "case"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
