"""Knowledge pages that compose other apps: the journey on an item (with the notices that tell
which reason is likeliest), the knowledge gaps (with resolved cases to write up) and an article
drafted from a case."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases.models import Case, CaseStatus
from core import pagecache
from core.http import HtmxHttpRequest
from knowledge import gaps as gap_groups
from knowledge import meaning, selectors, services, suggested
from knowledge.models import Article
from knowledge.selectors import Gaps
from knowledge.views import _journey, _language, contact_url, session_journey
from mystuff.models import Item
from mystuff.selectors import customer_for_user
from notices.selectors import notice_reason_slug


@login_required
@require_GET
@pagecache.customer_page(vary=session_journey)
def journey(request: HtmxHttpRequest, item_id: int) -> HttpResponse:
    """Item -> reasons that fit its kind -> Suggested help, with Contact Us on the same screen.

    Served from the page cache (per session journey) only once a visit records nothing: a visit
    that starts a journey or chooses another reason saves the journey, which replaces the
    customer's token, so the page that visit rendered is never served. The Suggested help is a
    hole, kept under the help content's tokens (knowledge.suggested).
    """
    customer = customer_for_user(request.user)
    if customer is None:
        raise Http404
    item = get_object_or_404(Item, pk=item_id, customer=customer)
    language = _language()
    reasons = selectors.reason_tree_for_kind(item.kind, language, item=item)
    # A reason offered only so many days after the order stops fitting then.
    pagecache.valid_until(request, selectors.reasons_fit_until(reasons, item))
    # Something we told them about (a late order) is the likeliest reason they came: first.
    first = notice_reason_slug(customer=customer, item=item)
    reasons.sort(key=lambda option: option.slug != first)
    top, chosen = selectors.find_reason(reasons, request.GET.get("reason", ""))
    journey = _journey(
        request, customer=customer, item=item, reason=chosen.reason if chosen else None
    )
    suggestions: list[selectors.Suggestion] = []
    suggested_html = ""
    if chosen is not None:
        reason = chosen.reason
        suggestions, suggested_html = suggested.region(
            request,
            language=language,
            item_kind=item.kind,
            item_title=item.title,
            reason_ids=[reason.pk] + ([reason.parent_id] if reason.parent_id else []),
            reason_name=chosen.name,
        )
    context = {
        "item": item,
        "reasons": reasons,
        "top": top,
        "chosen": chosen,
        "suggestions": suggestions,
        "suggested_html": suggested_html,
        "journey": journey,
        "contact_url": contact_url(journey),
        "journey_customer": customer,
    }
    if request.htmx:
        return render(request, "knowledge/journey.html#help", context)
    return render(request, "knowledge/journey.html", context)


# --- Knowledge gaps, for content editors


def resolved_cases_to_write_up(limit: int = 20) -> list[Any]:
    """Resolved cases with a summary that no article was started from yet, newest first."""
    started = Article.objects.filter(source_case_id__isnull=False).values("source_case_id")
    return list(
        Case.objects.filter(status__in=[CaseStatus.RESOLVED, CaseStatus.CLOSED])
        .exclude(summary="")
        .exclude(pk__in=started)
        .select_related("reason")
        .order_by("-resolved_at", "-id")[:limit]
    )


def _gaps_with_cases(*, language: str, limit: int = 20) -> Gaps:
    gaps = selectors.knowledge_gaps(language=language, limit=limit)
    gaps.cases_to_write_up = resolved_cases_to_write_up(limit=limit)
    return gaps


@login_required
@permission_required("knowledge.view_knowledge_gaps", raise_exception=True)
@require_GET
def gaps(request: HttpRequest) -> HttpResponse:
    # What arrived since the last beat run is grouped now, so the page is current in every
    # set-up (the zero-config one runs no beat).
    gap_groups.cluster_pending()
    return render(
        request,
        "knowledge/gaps.html",
        {
            "gaps": _gaps_with_cases(language=_language()),
            "by_meaning": gap_groups.gaps_by_meaning(),
            "meaning_on": meaning.available(),
        },
    )


@login_required
@permission_required("knowledge.add_article", raise_exception=True)
@require_POST
def draft_from_case(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_object_or_404(
        Case.objects.select_related("item"),
        pk=case_id,
        status__in=[CaseStatus.RESOLVED, CaseStatus.CLOSED],
    )
    if not case.summary.strip():
        messages.error(request, _("This case has no summary to start an article from."))
        return redirect("knowledge:gaps")
    article = services.article_draft_from_case(
        case=services.CaseSummary(
            pk=case.pk,
            reference=case.reference,
            subject=case.subject,
            summary=case.summary,
            reason_id=case.reason_id,
            item_kind=case.item.kind if case.item else None,
        ),
        editor=request.user,  # type: ignore[arg-type]
    )
    messages.success(request, _("A draft article is ready to edit. Customers cannot see it."))
    return redirect("admin:knowledge_article_change", article.pk)
