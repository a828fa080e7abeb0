from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "mystuff/home.html")


def item(request: HttpRequest, **kwargs):
    """Placeholder: the mystuff feature replaces it."""
    raise Http404
