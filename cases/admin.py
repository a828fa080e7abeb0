"""Agent case views in the Django admin, made for working cases all day.

The case list is a set of queues (mine, my team, unassigned, overdue promises, breaching SLA)
with search by reference, customer name or email. The case page is a work view: the context
panel (customer, item with live details, reason, what they wrote, articles read and searches,
earlier cases and contacts, feedback) next to the timeline, with forms to reply, add a note,
assign, change status, promise and merge. Every change goes through ``cases.services``.
"""

from functools import cached_property
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cases import rules, selectors, services
from cases.forms import AssignForm, MergeForm, NoteForm, PromiseForm, ReplyForm, StatusForm
from cases.models import (
    AgentProfile,
    Attachment,
    Case,
    Promise,
    PromiseStatus,
    SlaPolicy,
    Team,
    TeamRule,
    parse_case_reference,
)
from core.hours import HOURS_FIELDS, BusinessHoursAdmin, business_hours_form

# Cases an agent found by an exact reference, email or phone number (in the session): they may
# read those and take them over, whatever team they are in. Not by guessing ids.
FOUND_KEY = "cases_found"
FOUND_LIMIT = 50


def _remember_found(request: HttpRequest, found: list[int]) -> None:
    earlier = [pk for pk in request.session.get(FOUND_KEY, []) if pk not in found]
    request.session[FOUND_KEY] = (found + earlier)[:FOUND_LIMIT]


class CappedCountPaginator(Paginator):
    """Counting a million-row queue exactly costs more than the page itself; agents work a
    queue from the top and only need to know there are "many" (20 pages of 50)."""

    cap = 1_000

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        rows = self.object_list.order_by()  # type: ignore[union-attr,attr-defined]
        return rows[: self.cap].count()


class QueueFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("mine", _("Mine")),
            ("team", _("My teams")),
            ("unassigned", _("Unassigned")),
            ("overdue", _("Overdue promises")),
            ("breaching", _("Breaching SLA")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Case]) -> QuerySet[Case]:
        value = self.value()
        if value not in selectors.QUEUES:
            return queryset
        return queryset.filter(selectors.queue_filter(value, user=request.user, now=timezone.now()))


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = [
        "reference_link",
        "subject",
        "customer_name",
        "status",
        "priority",
        "assigned",
        "sla",
        "created_at",
    ]
    list_display_links = None
    # No filter on free-text columns: their choices would be a DISTINCT over every case.
    list_filter = [QueueFilter, "status", "priority", "team"]
    list_select_related = ["customer", "team", "owner"]
    search_fields = ["customer__name"]  # shows the box; the search itself is below
    search_help_text = _(
        "A case reference like C-000123, a customer's email, phone number or name."
    )
    ordering = ["-created_at", "-id"]
    list_per_page = 50
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    paginator = CappedCountPaginator
    work_template = "cases/admin/case_work.html"
    change_list_template = "cases/admin/case_change_list.html"

    # --- the list ---------------------------------------------------------------------------

    def get_queryset(self, request: HttpRequest) -> QuerySet[Case]:
        return selectors.cases_visible_to(request.user, super().get_queryset(request))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Case], search_term: str
    ) -> tuple[QuerySet[Case], bool]:
        """By reference, exact email or phone, or part of the name, each served by an index: a
        ``LIKE '%...%'`` over every case would read the whole table.

        What a customer says on the phone (an exact reference, email or phone number) finds
        their cases in every team; the agent may then read those and take them over."""
        term = search_term.strip()
        if not term:
            return queryset, False
        exact = selectors.case_exact_lookup(term)
        if exact is None:
            return queryset.filter(selectors.case_search(term)), False
        found = list(
            Case.objects.filter(exact)
            .order_by("-created_at", "-id")
            .values_list("pk", flat=True)[:FOUND_LIMIT]
        )
        _remember_found(request, found)
        return self.model._default_manager.filter(pk__in=found).order_by(*self.ordering), False

    def get_urls(self):  # type: ignore[override]
        wrap = self.admin_site.admin_view
        return [
            path("next/", wrap(self.next_case_view), name="cases_case_next"),
            *self._work_urls(),
        ]

    def next_case_view(self, request: HttpRequest) -> HttpResponse:
        """Next case: the most urgent unassigned case of my teams is now mine."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        case = services.case_take_next(agent=request.user)  # type: ignore[arg-type]
        if case is None:
            messages.info(request, _("No unassigned case is waiting in your teams."))
            return redirect("admin:cases_case_changelist")
        messages.success(request, _("%(ref)s is yours now.") % {"ref": case.reference})
        return redirect("admin:cases_case_change", case.pk)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # every case starts from a contact (channels call case_open_or_join)

    class Media:
        css = {"all": ["css/cases_admin.css"]}

    @admin.display(description=_("reference"), ordering="id")
    def reference_link(self, case: Case) -> str:
        url = reverse("admin:cases_case_change", args=[case.pk])
        if self._overdue(case):
            return format_html(
                '<a href="{}">{}</a> <span class="case-overdue">{}</span>',
                url,
                case.reference,
                _("Overdue"),
            )
        return format_html('<a href="{}">{}</a>', url, case.reference)

    @staticmethod
    def _overdue(case: Case) -> bool:
        """Open and past its resolution time or a promise's due time."""
        if not case.is_open:
            return False
        now = timezone.now()
        return any(
            due is not None and due < now for due in (case.resolution_due, case.open_promise_due)
        )

    @admin.display(description=_("customer"), ordering="customer__name")
    def customer_name(self, case: Case) -> str:
        return str(case.customer)

    @admin.display(description=_("team / agent"), ordering="team__name")
    def assigned(self, case: Case) -> str:
        agent = (case.owner.get_full_name() or case.owner.email) if case.owner else "-"
        return f"{case.team or '-'} / {agent}"

    @admin.display(description=_("SLA"))
    def sla(self, case: Case) -> str:
        if not case.is_open:
            return "-"
        now = timezone.now()
        first = rules.sla_state(
            due=case.first_response_due, done_at=case.first_responded_at, now=now
        )
        resolution = rules.sla_state(due=case.resolution_due, done_at=None, now=now)
        if "breached" in (first, resolution):
            return format_html('<span class="sla sla-breached">{}</span>', _("breached"))
        if case.resolution_due:
            return format_html(
                '<span class="sla">{}</span>',
                _("due %(when)s")
                % {
                    "when": date_format(
                        timezone.localtime(case.resolution_due), "SHORT_DATETIME_FORMAT"
                    )
                },
            )
        return "-"

    # --- the work view ----------------------------------------------------------------------

    def _work_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/act/<str:action>/", wrap(self.act_view), name="cases_case_act"),
            path(
                "<int:pk>/promise/<int:promise_pk>/<str:outcome>/",
                wrap(self.promise_view),
                name="cases_case_promise",
            ),
            path(
                "<int:pk>/files/<int:attachment_pk>/",
                wrap(self.attachment_view),
                name="cases_case_attachment",
            ),
            *super().get_urls(),
        ]

    def _case_or_404(self, request: HttpRequest, pk: Any, *, found: bool = False) -> Case:
        """A case the agent may work on; with ``found``, also one outside their teams that
        they found by what the customer said (read and take over only)."""
        related = ("customer", "item", "reason", "team", "owner", "merged_into")
        try:
            pk = int(pk)
            case = self.get_queryset(request).select_related(*related).filter(pk=pk).first()
        except (ValueError, TypeError):
            raise Http404 from None
        if case is not None:
            case.outside_teams = False  # type: ignore[attr-defined]
            return case
        if found and request.user.is_staff and pk in request.session.get(FOUND_KEY, []):
            case = Case.objects.select_related(*related).filter(pk=pk).first()
            if case is not None:
                case.outside_teams = True  # type: ignore[attr-defined]
                return case
        raise Http404

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[override]
        case = self._case_or_404(request, object_id, found=True)
        if not self.has_view_or_change_permission(request, case):
            raise Http404
        if case.outside_teams:  # type: ignore[attr-defined]
            from core.audit import record

            record("case_read_outside_teams", request=request, target=case, team=case.team_id)
        return self.render_work(request, case)

    def work_context(self, case: Case) -> selectors.CaseContext:
        """What the page shows around the case (pages.admin adds the customer's feedback)."""
        return selectors.case_context(case=case)

    def render_work(
        self, request: HttpRequest, case: Case, bound: dict[str, forms.Form] | None = None
    ) -> HttpResponse:
        bound = bound or {}
        # Each form has its own prefix, so field ids (and the labels pointing at them) are
        # unique on the page.
        forms_by_name: dict[str, forms.Form] = {
            "reply": ReplyForm(case=case, prefix="reply"),
            "note": NoteForm(prefix="note"),
            "assign": AssignForm(
                initial={"team": case.team_id, "owner": case.owner_id}, prefix="assign"
            ),
            "status": StatusForm(case=case, prefix="status"),
            "promise": PromiseForm(initial={"team": case.team_id}, prefix="promise"),
            "merge": MergeForm(prefix="merge"),
        }
        forms_by_name.update(bound)
        now = timezone.now()
        first = rules.sla_state(
            due=case.first_response_due, done_at=case.first_responded_at, now=now
        )
        resolution = rules.sla_state(due=case.resolution_due, done_at=case.resolved_at, now=now)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{case.reference} · {case.subject}",
            "case": case,
            "ctx": self.work_context(case),
            "forms": forms_by_name,
            "can_change": self.has_change_permission(request, case)
            and not getattr(case, "outside_teams", False),
            "outside_teams": getattr(case, "outside_teams", False),
            "can_take_over": case.is_open
            and case.owner_id != request.user.pk
            and self.has_view_or_change_permission(request),
            "first_response_state": first,
            "resolution_state": resolution,
            # The states in the agent's words (the states are CSS classes too).
            "first_response_label": rules.SLA_STATE_LABELS.get(first, ""),
            "resolution_label": rules.SLA_STATE_LABELS.get(resolution, ""),
            "has_errors": bool(bound),
        }
        return TemplateResponse(request, self.work_template, context, status=400 if bound else 200)

    def act_view(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action == "take_over":
            return self.take_over(request, pk)
        if action == "hand_to_team":
            return self.hand_to_team(request, pk)
        case = self._case_or_404(request, pk)
        if not self.has_change_permission(request, case):
            raise Http404
        user = request.user
        form: forms.Form
        if action == "reply":
            form = ReplyForm(request.POST, case=case, prefix=action)
        elif action == "note":
            form = NoteForm(request.POST, prefix=action)
        elif action == "assign":
            form = AssignForm(request.POST, prefix=action)
        elif action == "status":
            form = StatusForm(request.POST, case=case, prefix=action)
        elif action == "promise":
            form = PromiseForm(request.POST, prefix=action)
        elif action == "merge":
            form = MergeForm(request.POST, prefix=action)
        else:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "reply":
                    services.case_reply(
                        case=case, by=user, body=data["body"], status=data["status"]
                    )
                    done = _("Reply sent to the customer.")
                elif action == "note":
                    services.case_add_note(case=case, by=user, body=data["body"])
                    done = _("Note added.")
                elif action == "assign":
                    services.case_assign(case=case, by=user, team=data["team"], owner=data["owner"])
                    done = _("Case assigned.")
                elif action == "status":
                    services.case_change_status(
                        case=case, status=data["status"], by=user, summary=data["summary"]
                    )
                    done = _("Status changed.")
                elif action == "promise":
                    services.promise_make(
                        case=case,
                        by=user,
                        description=data["description"],
                        team=data["team"],
                        owner=data["owner"],
                        due_at=data["due_at"],
                        hand_off=data["hand_off"],
                    )
                    done = _("Promise recorded; the customer can see it.")
                else:
                    into_pk = parse_case_reference(data["into"])
                    into = (
                        self.get_queryset(request).filter(pk=into_pk).first() if into_pk else None
                    )
                    if into is None:
                        form.add_error("into", _("No case with that reference."))
                        return self.render_work(request, case, {action: form})
                    services.case_merge(duplicate=case, into=into, by=user)
                    messages.success(request, _("Merged into %(ref)s.") % {"ref": into.reference})
                    return redirect("admin:cases_case_change", into.pk)
            except services.CaseError as exc:
                field = "summary" if action == "status" else None
                form.add_error(field, exc.messages[0])
            else:
                messages.success(request, done)
                return redirect("admin:cases_case_change", case.pk)
        return self.render_work(request, case, {action: form})

    def take_over(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Take over a case, also one outside my teams that I found by what the customer said;
        the timeline and the audit log record it."""
        case = self._case_or_404(request, pk, found=True)
        if not self.has_view_or_change_permission(request):
            raise Http404
        try:
            services.case_take_over(case=case, by=request.user)  # type: ignore[arg-type]
        except services.CaseError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("You took over %(ref)s.") % {"ref": case.reference})
        return redirect("admin:cases_case_change", case.pk)

    def hand_to_team(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Leave a found case with its team, with a note of what the customer said."""
        case = self._case_or_404(request, pk, found=True)
        if not self.has_view_or_change_permission(request):
            raise Http404
        try:
            services.case_hand_to_team(
                case=case,
                by=request.user,  # type: ignore[arg-type]
                note=request.POST.get("hand-note", ""),
            )
        except services.CaseError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request, _("Your note is on %(ref)s for its team.") % {"ref": case.reference}
            )
        return redirect("admin:cases_case_change", case.pk)

    def promise_view(
        self, request: HttpRequest, pk: int, promise_pk: int, outcome: str
    ) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        case = self._case_or_404(request, pk)
        if not self.has_change_permission(request, case) or outcome not in ("kept", "cancelled"):
            raise Http404
        promise = get_object_or_404(Promise, pk=promise_pk, case=case)
        try:
            services.promise_complete(
                promise=promise, by=request.user, cancelled=outcome == "cancelled"
            )  # type: ignore[arg-type]
        except services.CaseError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Promise updated."))
        return redirect("admin:cases_case_change", case.pk)

    @staticmethod
    def _attachment_response(found: Attachment) -> FileResponse:
        return FileResponse(
            found.file.open("rb"),
            as_attachment=True,
            filename=found.name,
            content_type=found.content_type,
        )

    def attachment_view(
        self, request: HttpRequest, pk: int, attachment_pk: int
    ) -> HttpResponse | FileResponse:
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        case = self._case_or_404(request, pk)
        return self._attachment_response(get_object_or_404(Attachment, pk=attachment_pk, case=case))


@admin.register(Promise)
class PromiseAdmin(admin.ModelAdmin):
    list_display = ["description", "case_link", "team", "owner", "due_at", "status", "late"]
    list_filter = ["status", "team"]
    list_select_related = ["case", "team", "owner"]
    search_fields = ["description"]
    ordering = ["due_at", "id"]
    readonly_fields = [
        "case",
        "status",
        "completed_at",
        "reminded_at",
        "overdue_at",
        "escalated_at",
        "customer_told_late_at",
    ]
    fields = ["case", "description", "team", "owner", "due_at", *readonly_fields[1:]]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Promise]:
        visible = selectors.cases_visible_to(request.user).values("pk")
        return super().get_queryset(request).filter(case__in=visible)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # promises are made on the case page, so the customer is told

    def has_change_permission(self, request: HttpRequest, obj: Promise | None = None) -> bool:
        return False  # kept or cancelled on the case page, so the timeline records it

    @admin.display(description=_("case"))
    def case_link(self, promise: Promise) -> str:
        url = reverse("admin:cases_case_change", args=[promise.case_id])
        return format_html('<a href="{}">{}</a>', url, promise.case.reference)

    @admin.display(description=_("late"), boolean=True)
    def late(self, promise: Promise) -> bool:
        return promise.status == PromiseStatus.OPEN and promise.due_at < timezone.now()


class ManagersEditAdmin(admin.ModelAdmin):
    """Agents may look, only managers change: team membership decides which cases an agent
    sees, so an agent must not be able to add themselves to a team."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return selectors.is_manager(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return selectors.is_manager(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return selectors.is_manager(request.user) and super().has_delete_permission(request, obj)


@admin.register(Team)
class TeamAdmin(ManagersEditAdmin):
    list_display = ["name", "slug", "lead", "email", "is_default", "assignment", "capacity"]
    filter_horizontal = ["members"]
    prepopulated_fields = {"slug": ["name"]}


# Channels a case can be opened on: the customer's channels, the web (My data) and feedback.
ROUTING_CHANNELS = [
    ("message", _("Send a message")),
    ("phone", _("Call us")),
    ("callback", _("Request a callback")),
    ("chat", _("Chat now")),
    ("web", _("Web (My data)")),
    ("feedback", _("Feedback follow-up")),
]


def _language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


class TeamRuleForm(forms.ModelForm):
    language = forms.ChoiceField(label=capfirst(_("customer language")), required=False, choices=())
    channel = forms.ChoiceField(label=capfirst(_("channel")), required=False, choices=())

    class Meta:
        model = TeamRule
        fields = [
            "name",
            "position",
            "active",
            "team",
            "reason",
            "item_kind",
            "language",
            "segment",
            "min_lifetime_value",
            "channel",
            "priority",
            "skill",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("any"))]
        if "language" in self.fields:
            self.fields["language"].choices = any_choice + _language_choices()  # type: ignore[attr-defined]
        if "channel" in self.fields:
            self.fields["channel"].choices = any_choice + ROUTING_CHANNELS  # type: ignore[attr-defined]


@admin.register(TeamRule)
class TeamRuleAdmin(ManagersEditAdmin):
    """Which team gets a new case: first active rule that matches, by position."""

    form = TeamRuleForm
    list_display = [
        "position",
        "name",
        "team",
        "reason",
        "language",
        "segment",
        "channel",
        "active",
    ]
    list_display_links = ["name"]
    list_editable = ["position", "active"]
    list_select_related = ["team", "reason"]
    list_filter = ["team", "active"]
    ordering = ["position", "id"]


class AgentProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=capfirst(_("languages")),
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple,
    )
    skills = forms.CharField(
        label=capfirst(_("skills")),
        required=False,
        help_text=_("Separated by commas, e.g. installation, billing."),
    )

    class Meta:
        model = AgentProfile
        fields = ["user", "languages", "skills"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A read-only view (an agent looking) has no form fields to set up.
        if "languages" in self.fields:
            self.fields["languages"].choices = _language_choices()  # type: ignore[attr-defined]
        if "user" in self.fields:
            staff = self.fields["user"].queryset.filter(is_staff=True)  # type: ignore[attr-defined]
            self.fields["user"].queryset = staff  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["skills"] = ", ".join(self.instance.skills or [])

    def clean_skills(self) -> list[str]:
        raw = self.cleaned_data.get("skills") or ""
        return sorted({part.strip().lower() for part in raw.split(",") if part.strip()})


@admin.register(AgentProfile)
class AgentProfileAdmin(ManagersEditAdmin):
    form = AgentProfileForm
    list_display = ["user", "language_list", "skill_list"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]

    @admin.display(description=_("languages"))
    def language_list(self, profile: AgentProfile) -> str:
        return ", ".join(profile.languages or []) or "-"

    @admin.display(description=_("skills"))
    def skill_list(self, profile: AgentProfile) -> str:
        return ", ".join(profile.skills or []) or "-"


@admin.register(SlaPolicy)
class SlaPolicyAdmin(BusinessHoursAdmin, ManagersEditAdmin):
    list_display = ["priority", "first_response_hours", "resolution_hours", "timezone"]
    form = business_hours_form(forms.ModelForm)
    fieldsets = [
        (None, {"fields": ["priority", "first_response_hours", "resolution_hours"]}),
        (_("Business hours"), {"fields": ["timezone", *HOURS_FIELDS, "holidays"]}),
    ]
