"""My Stuff's pages: the timeline, an item and My data. They compose apps (the customer's items
from mystuff, their cases, the notices about them), so they live in the top layer."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases.selectors import cases_for_my_stuff, erasure_case, item_cases
from cases.services import erasure_request
from core import pagecache, ratelimit
from core.http import HtmxHttpRequest
from core.money import money
from mystuff.display import (
    due_note,
    due_notes_change_at,
    item_facts,
    order_lines,
    status_badge,
)
from mystuff.forms import ErasureRequestForm, TimelineFilterForm
from mystuff.models import Item, ItemKind
from mystuff.selectors import (
    Cursor,
    TimelinePage,
    customer_for_user,
    item_for_customer,
    item_status_history,
    timeline_page,
)
from notices.selectors import banners
from pages.export import customer_export_json


def _query(**params: str) -> str:
    return "?" + urlencode({k: v for k, v in params.items() if v})


def _for_display(items: list[Item]) -> None:
    """What each timeline row shows, worked out once per page instead of once per row in the
    template: the kind's label, the item's address, its badge and its due note; its date and
    value formatted as the ``date`` and ``floatformat`` filters would (the same functions),
    which spares the template a filter call per row, its costliest part."""
    labels = {value: str(label) for value, label in ItemKind.choices}
    # One reverse for the page; each row's address differs only in its id.
    sample = reverse("mystuff:item", args=[987654321])
    now = timezone.localtime()
    for item in items:
        item.kind_label = labels.get(item.kind, item.kind)  # type: ignore[attr-defined]
        item.url = sample.replace("987654321", str(item.pk))  # type: ignore[attr-defined]
        occurred = timezone.localtime(item.occurred_at)
        item.occurred_iso = date_format(occurred, "c")  # type: ignore[attr-defined]
        item.occurred_label = date_format(occurred, "DATE_FORMAT")  # type: ignore[attr-defined]
        item.money = money(item.value, item.currency)  # type: ignore[attr-defined]
        item.badge = status_badge(item.status)  # type: ignore[attr-defined]
        item.due_note = (  # type: ignore[attr-defined]
            due_note(kind=item.kind, status=item.status, due_at=item.due_at, now=now) or ""
        )


@require_GET
@login_required
@pagecache.customer_page
def home(request: HtmxHttpRequest) -> HttpResponse:
    customer = customer_for_user(request.user)
    form = TimelineFilterForm(request.GET)
    form.is_valid()  # invalid filters are dropped one by one, never an error page
    kind: str = form.cleaned_data.get("kind") or ""
    search: str = (form.cleaned_data.get("q") or "").strip()[:64]
    cursor = Cursor.decode(form.cleaned_data.get("cursor"))
    if customer is None:
        page = TimelinePage(items=[], next_cursor=None)
    else:
        page = timeline_page(customer=customer, kind=kind, search=search, cursor=cursor)
    _for_display(page.items)
    more_url = _query(kind=kind, q=search, cursor=page.next_cursor) if page.next_cursor else ""
    context: dict[str, Any] = {
        "customer": customer,
        "form": form,
        "page": page,
        "kind": kind,
        "search": search,
        "is_later_page": cursor is not None,
        "more_url": more_url,
        "first_page_url": _query(kind=kind, q=search) or "?",
        "filtered": bool(kind or search),
    }
    if request.htmx and cursor is not None:
        return render(request, "mystuff/home.html#rows", context)
    context["kinds"] = [
        {
            "value": value,
            "label": label,
            "url": _query(kind=value, q=search) if (value or search) else "?",
            "current": value == kind,
        }
        for value, label in [("", _("Everything")), *ItemKind.choices]
    ]
    context["cases"] = cases_for_my_stuff(customer=customer) if customer else []
    context["notice_banners"] = banners(customer=customer)
    # The due notes ("expected tomorrow") are true until a day or a due date passes.
    due_dates = [item.due_at for item in page.items]
    pagecache.valid_until(request, due_notes_change_at(due_dates, timezone.localtime()))
    return render(request, "mystuff/home.html", context)


@require_GET
@login_required
@pagecache.customer_page
def item(request: HttpRequest, pk: int) -> HttpResponse:
    customer = customer_for_user(request.user)
    found = item_for_customer(customer=customer, pk=pk)
    # Everything here is the customer's own (the item, its status history, their cases about
    # it), so their token covers it; only the due note turns with the clock.
    pagecache.valid_until(request, due_notes_change_at([found.due_at], timezone.localtime()))
    context = {
        "item": found,
        "facts": item_facts(kind=found.kind, due_at=found.due_at, details=found.details),
        "lines": order_lines(found.details),
        "history": item_status_history(item=found),
        "cases": item_cases(item=found),
        "notice_banners": banners(customer=customer, item=found),
    }
    return render(request, "mystuff/item.html", context)


@require_GET
@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    customer = customer_for_user(request.user)
    context = {
        "customer": customer,
        "form": ErasureRequestForm(),
        "erasure_case": erasure_case(customer=customer) if customer else None,
    }
    return render(request, "mystuff/my_data.html", context)


DOWNLOADS_PER_HOUR = 3


@require_GET
@login_required
def my_data_download(request: HttpRequest) -> HttpResponseBase:
    """Streamed (memory stays flat for 100,000 items) and at most DOWNLOADS_PER_HOUR times an
    hour per person: each download reads everything we hold on them."""
    if not ratelimit.within(
        f"channels:my-data-download:{request.user.pk}",
        limit=DOWNLOADS_PER_HOUR,
        window_seconds=3600,
    ):
        messages.error(
            request,
            _("You have downloaded your data several times this hour; please try again later."),
        )
        refused = my_data(request)
        refused.status_code = 429
        return refused
    customer = customer_for_user(request.user)
    response = StreamingHttpResponse(
        customer_export_json(customer=customer, user=request.user),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    return response


@require_POST
@login_required
def my_data_erase(request: HttpRequest) -> HttpResponse:
    customer = customer_for_user(request.user)
    form = ErasureRequestForm(request.POST)
    if customer is None:
        messages.info(request, _("We hold nothing about you beyond your sign-in account."))
        return redirect("mystuff:data")
    if not form.is_valid():
        context = {"customer": customer, "form": form, "erasure_case": None}
        return render(request, "mystuff/my_data.html", context, status=400)
    case = erasure_request(customer=customer, user=request.user)
    messages.success(
        request,
        _("We have your request (case %(reference)s). An agent will erase your data.")
        % {"reference": case.reference},
    )
    return redirect("mystuff:data")
