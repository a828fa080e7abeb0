"""The customer's side of cases: their list, marking a case solved, its files. The case page
itself shows the customer's feedback too, so it is composed in pages.cases."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from cases import selectors, services


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    page = selectors.customer_cases(user=request.user, cursor=request.GET.get("after", ""))
    context = {"page": page}
    if getattr(request, "htmx", False) and request.GET.get("after"):
        return render(request, "cases/home.html#case-rows", context)
    return render(request, "cases/home.html", context)


@require_POST
@login_required
def solved(request: HttpRequest, pk: int) -> HttpResponse:
    from django.contrib import messages

    case = selectors.customer_case(user=request.user, pk=pk)
    try:
        services.case_customer_solved(case=case, user=request.user)  # type: ignore[arg-type]
    except services.CaseError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Thank you for letting us know. We marked the case solved."))
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(case.get_absolute_url())
    return redirect(case)


@require_GET
@login_required
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    found = selectors.customer_attachment(user=request.user, case_pk=pk, pk=attachment_pk)
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.name,
        content_type=found.content_type,
    )
    return response
