from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.models import AuditLog

admin.site.site_header = _("Need Help: agents and managers")
admin.site.site_title = _("Need Help admin")
admin.site.index_title = _("Work cases, contacts and content")


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "target_type", "target_id", "ip", "path"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_id", "actor__email", "path"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
