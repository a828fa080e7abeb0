from datetime import timedelta

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.text import SafeCsvWriter
from reporting.forms import ReportFilterForm
from reporting.selectors import SECTIONS, section_measures

DEFAULT_SECTION = "contacts"


def _form(request: HttpRequest) -> ReportFilterForm:
    return ReportFilterForm(request.GET if request.GET else None)


@require_GET
@login_required
@permission_required("reporting.view_reports", raise_exception=True)
def home(request: HttpRequest) -> HttpResponse:
    return _render_section(request, DEFAULT_SECTION)


@require_GET
@login_required
@permission_required("reporting.view_reports", raise_exception=True)
def section(request: HttpRequest, section: str) -> HttpResponse:
    if section not in SECTIONS:
        raise Http404
    return _render_section(request, section)


def _render_section(request: HttpRequest, section: str) -> HttpResponse:
    form = _form(request)
    filters = form.filters()
    context = {
        "form": form,
        "filters": filters,
        "section": section,
        "section_title": SECTIONS[section][0],
        "sections": [(key, title) for key, (title, _functions) in SECTIONS.items()],
        "measures": section_measures(section, filters),
        "query": request.GET.urlencode(),
        "last_day": filters.end - timedelta(days=1),
    }
    return render(request, "reporting/report.html", context, status=400 if form.errors else 200)


@require_GET
@login_required
@permission_required("reporting.view_reports", raise_exception=True)
def export(request: HttpRequest, section: str) -> HttpResponse:
    """The page's measures as CSV: the same headline figures and tables, nothing more."""
    if section not in SECTIONS:
        raise Http404
    form = _form(request)
    if form.errors:
        return HttpResponse(
            _("Fix the filters on the report page first."), status=400, content_type="text/plain"
        )
    filters = form.filters()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="report-{section}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv"'
    )
    writer = SafeCsvWriter(response)
    writer.writerow([_("Report"), str(SECTIONS[section][0])])
    writer.writerow(
        [
            _("From"),
            f"{filters.start:%Y-%m-%d}",
            _("Until (not including)"),
            f"{filters.end:%Y-%m-%d}",
        ]
    )
    for label, value in [
        (_("Channel"), filters.channel),
        (_("Reason"), filters.reason),
        (_("Team"), filters.team),
        (_("Item kind"), filters.item_kind),
    ]:
        if value:
            writer.writerow([label, value])
    for measure in section_measures(section, filters):
        writer.writerow([])
        writer.writerow([str(measure.title)])
        for label, value in measure.summary:
            writer.writerow([str(label), "" if value is None else value])
        writer.writerow([str(c) for c in measure.columns])
        for row in measure.rows:
            writer.writerow(["" if cell is None else str(cell) for cell in row])
    return response
