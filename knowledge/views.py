from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/home.html")


def journey(request: HttpRequest, **kwargs):
    """Placeholder: the knowledge feature replaces it."""
    raise Http404
