"""The customer's case page: the case (cases) with what they told us about it (feedback)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases import rules, selectors, services
from cases.forms import CustomerMessageForm
from cases.models import CaseStatus, PromiseStatus
from cases.traffic import traffic_refusal
from core import pagecache
from core.dates import next_midnight
from feedback import selectors as feedback_selectors


def _detail_context(request: HttpRequest, case, form: CustomerMessageForm | None = None) -> dict:
    # A message on a resolved case reopens it, which the state machine allows only for a while.
    reopenable = rules.can_reopen(
        resolved_at=case.resolved_at, now=timezone.now(), reopen_days=settings.CASE_REOPEN_DAYS
    )
    is_resolved = case.status in (CaseStatus.RESOLVED, CaseStatus.CLOSED)
    return {
        "case": case,
        "timeline": selectors.public_timeline(case=case, before=request.GET.get("before", "")),
        "promises": selectors.case_promises(case=case),
        "form": form or CustomerMessageForm(),
        "can_write": case.is_open or (case.status == CaseStatus.RESOLVED and reopenable),
        "can_say_solved": case.is_open,
        "is_resolved": is_resolved,
        # Already given: say what they told us and offer to change it, not to give it again.
        "feedback": feedback_selectors.case_feedback(case=case) if is_resolved else None,
    }


@require_GET
@login_required
@pagecache.customer_page
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.customer_case(user=request.user, pk=pk)
    if case.resolved_at is not None:
        # A resolved case can be written on (reopened) for a while; then the form goes.
        pagecache.valid_until(request, case.resolved_at + timedelta(days=settings.CASE_REOPEN_DAYS))
    context = _detail_context(request, case)
    if any(promise.status == PromiseStatus.OPEN for promise in context["promises"]):
        # Promises say "due today" or "due tomorrow": true until midnight.
        pagecache.valid_until(request, next_midnight())
    if getattr(request, "htmx", False) and request.GET.get("before"):
        # "Show earlier messages": just the entries before the ones on the page.
        return render(request, "cases/detail.html#timeline-entries", context)
    return render(request, "cases/detail.html", context)


@require_POST
@login_required
def message(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.customer_case(user=request.user, pk=pk)
    form = CustomerMessageForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        upload = form.cleaned_data.get("attachment")
        adding = (upload.size or 0) if upload is not None else 0
        if too_much := services.case_files_problem(case=case, adding=adding):
            form.add_error("attachment", too_much)
        elif refusal := traffic_refusal(kind="message", who=f"customer:{case.customer_id}"):
            form.add_error("body", refusal)
            status = 429
    if form.is_valid():
        try:
            services.case_customer_message(
                case=case,
                user=request.user,  # type: ignore[arg-type]
                body=form.cleaned_data["body"],
                upload=form.cleaned_data.get("attachment"),
            )
        except services.CaseError as exc:
            form.add_error("body", exc.messages[0])
        else:
            from django.contrib import messages

            messages.success(request, _("Your message is on the case. We will answer here."))
            return redirect(case)
    return render(
        request, "cases/detail.html", _detail_context(request, case, form=form), status=status
    )
