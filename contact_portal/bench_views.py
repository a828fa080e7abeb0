"""Two ceilings for the load test, mounted only when BENCH_VIEWS=1.

``bare`` is the most this stack serves (no database, no template); ``one_query`` renders a small
template from one indexed query, the most any database page can do. Pages are reported as a
ratio of the second.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mystuff.models import Customer


@require_GET
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


@require_GET
def one_query(request: HttpRequest) -> HttpResponse:
    pk = request.GET.get("id", "1")
    customer = Customer.objects.filter(pk=int(pk) if pk.isdigit() else 0).first()
    if customer is None:
        raise Http404
    return render(request, "bench_one_query.html", {"customer": customer})
