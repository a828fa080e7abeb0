"""Prometheus metrics: what is counted, who may read them, and how every worker is included.

**Access.** ``/metrics`` answers only a scraper that sends ``Authorization: Bearer
$METRICS_TOKEN`` or connects from an address in ``METRICS_ALLOWED_IPS`` (networks, default
the machine itself); anyone else gets a 404. The connecting address is used, never a
forwarded header: Prometheus scrapes the web containers directly, not through the balancer.

**Every worker.** gunicorn runs several processes and a scrape reaches one of them. With
``PROMETHEUS_MULTIPROC_DIR`` set (gunicorn.conf.py sets it), each process writes its
counters to files there and the scrape sums all of them (prometheus-client's multiprocess
mode); without it (runserver, tests) the process's own registry is served.
"""

import hmac
import ipaddress
import os
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)

REQUESTS = Counter(
    "needhelp_http_requests", "Requests answered, by method and status.", ["method", "status"]
)
LATENCY = Histogram(
    "needhelp_http_request_seconds",
    "Time to answer a request.",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def count_requests(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = get_response(request)
        LATENCY.observe(time.perf_counter() - started)
        REQUESTS.labels(request.method or "", str(response.status_code)).inc()
        return response

    return middleware


def may_read(request: HttpRequest) -> bool:
    token = getattr(settings, "METRICS_TOKEN", "")
    sent = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    allowed = getattr(settings, "METRICS_ALLOWED_IPS", [])
    return any(address in ipaddress.ip_network(network, strict=False) for network in allowed)


def exposition() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def response() -> HttpResponse:
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
