from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mystuff.models import ApiKey, ApiScope, Customer, Item, ItemStatusChange
from mystuff.services import customer_erase


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "email",
        "segment",
        "lifecycle",
        "source",
        "external_id",
        "erasure_requested_at",
        "erased_at",
    )
    list_filter = (
        "segment",
        "lifecycle",
        "source",
        ("erasure_requested_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("name", "email", "phone", "external_id")
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "updated_at", "erased_at", "erasure_requested_at")
    actions = ["erase_personal_data"]

    def has_erase_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("mystuff.erase_customer")

    @admin.action(
        description=_("Erase personal data (keeps order values and counts)"),
        permissions=["erase"],
    )
    def erase_personal_data(
        self, request: HttpRequest, queryset: QuerySet[Customer]
    ) -> HttpResponse | None:
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Erase personal data?"),
                "customers": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(
                request, "admin/mystuff/customer/erase_confirmation.html", context
            )
        count = 0
        for customer in queryset:
            customer_erase(customer=customer, actor=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "Erased the personal data of %(count)d customer.",
                "Erased the personal data of %(count)d customers.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        return None


class StatusChangeInline(admin.TabularInline):
    model = ItemStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "changed_at", "source")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ("reference", "kind", "title", "customer", "status", "value", "occurred_at")
    list_filter = ("kind", "source")
    search_fields = ("reference", "external_id", "title")
    list_select_related = ("customer",)
    raw_id_fields = ("customer",)
    date_hierarchy = "occurred_at"
    inlines = [StatusChangeInline]
    show_full_result_count = False


class ApiKeyForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What this integration may do. Ingest: send customers and items."),
    )

    class Meta:
        model = ApiKey
        fields = ("name", "scopes")


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    form = ApiKeyForm
    list_display = ("name", "prefix", "scopes", "created_at", "last_used_at", "is_active")
    readonly_fields = ("prefix", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    @admin.display(boolean=True, description=_("active"))
    def is_active(self, obj: ApiKey) -> bool:
        return obj.is_active

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        if not change:
            # Shown once by response_add, never stored in clear.
            obj._raw_secret = obj.new_secret()  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def response_add(
        self, request: HttpRequest, obj: ApiKey, post_url_continue: str | None = None
    ) -> HttpResponse:
        raw = getattr(obj, "_raw_secret", None)
        if raw is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Copy the key now"),
            "key": obj,
            "secret": raw,
            "opts": self.model._meta,
        }
        response = TemplateResponse(request, "admin/mystuff/apikey/issued.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Revoke selected keys"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("Revoked %(count)d key.", "Revoked %(count)d keys.", count) % {"count": count},
            messages.SUCCESS,
        )
