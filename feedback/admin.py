from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.models import ChannelKind, Team
from feedback.models import Feedback, FeedbackVersion, FollowUpRequest, FollowUpStatus
from feedback.services import feedback_pick_up
from mystuff.models import ItemKind


class FeedbackVersionInline(admin.TabularInline):
    model = FeedbackVersion
    extra = 0
    can_delete = False
    fields = ["version", "created_at", "satisfaction", "feeling", "comment", "follow_up_requested"]
    readonly_fields = ["version", "created_at", "satisfaction", "feeling", "comment"]
    readonly_fields += ["follow_up_requested"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


READ_ONLY = [
    "customer",
    "item",
    "case",
    "satisfaction",
    "feeling",
    "comment",
    "follow_up_requested",
    "follow_up_status",
    "follow_up_case",
    "picked_up_by",
    "picked_up_at",
    "version",
    "channel",
    "reason_slug",
    "team_slug",
    "item_kind",
    "created_at",
    "answered_at",
]


@admin.action(description=_("Pick up: join the case it is about, or open one"))
def pick_up(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    picked = 0
    for feedback in queryset.filter(follow_up_status=FollowUpStatus.REQUESTED):
        feedback_pick_up(feedback=feedback, agent=request.user)  # type: ignore[arg-type]
        picked += 1
    modeladmin.message_user(
        request,
        ngettext("%d follow-up picked up.", "%d follow-ups picked up.", picked) % picked,
        messages.SUCCESS,
    )


class _ValueFilter(admin.SimpleListFilter):
    """A filter on a plain text column that offers the values' names, never the stored keys."""

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        return queryset.filter(**{str(self.parameter_name): value}) if value else queryset


class ChannelFilter(_ValueFilter):
    title = _("channel")
    parameter_name = "channel"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(str(k), str(v)) for k, v in ChannelKind.choices]


class TeamFilter(_ValueFilter):
    title = _("team")
    parameter_name = "team_slug"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return list(Team.objects.order_by("name").values_list("slug", "name"))


class ItemKindFilter(_ValueFilter):
    title = _("item kind")
    parameter_name = "item_kind"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(str(k), str(v)) for k, v in ItemKind.choices]


class _FeedbackAdminBase(admin.ModelAdmin):
    list_display = [
        "id",
        "target_label",
        "customer",
        "satisfaction",
        "feeling",
        "follow_up_status",
        "answered_at",
        "picked_up_by",
    ]
    list_filter = [
        "follow_up_status",
        "satisfaction",
        "feeling",
        ItemKindFilter,
        ChannelFilter,
        TeamFilter,
        "answered_at",
    ]
    list_select_related = ["customer", "item", "case", "picked_up_by"]
    search_fields = ["customer__name", "customer__email", "comment"]
    readonly_fields = READ_ONLY
    inlines = [FeedbackVersionInline]
    actions = [pick_up]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Feedback)
class FeedbackAdmin(_FeedbackAdminBase):
    date_hierarchy = "answered_at"
    ordering = ["-answered_at", "-id"]


@admin.register(FollowUpRequest)
class FollowUpRequestAdmin(_FeedbackAdminBase):
    """Oldest waiting first, so nobody's request sits at the bottom."""

    ordering = ["follow_up_status", "answered_at", "id"]
    list_filter = ["follow_up_status", *_FeedbackAdminBase.list_filter[1:]]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).filter(follow_up_requested=True)
