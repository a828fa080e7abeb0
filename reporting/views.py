from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
@permission_required("reporting.view_reports", raise_exception=True)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/home.html")
