from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.views.decorators.http import require_GET


@require_GET
@login_required
def home(request: HttpRequest):
    return redirect("mystuff:home")


def choose(request: HttpRequest, **kwargs):
    """Placeholder: the channels_routing feature replaces it."""
    raise Http404
