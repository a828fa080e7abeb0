import sys
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from contact_portal.celery import app as celery_app
from core import metrics as prometheus
from core.middleware import service_unavailable


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403 page; every refusal is written to the audit log."""
    from core.audit import record

    record("permission_denied", request=request, reason=str(exception or "")[:200])
    return render(request, "403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page, or 503 with Retry-After when the database is unreachable.

    Django calls this inside its exception handler, so the exception is still at hand. The web
    process keeps running; the connection pool reconnects once PostgreSQL is back.
    """
    from django.db import InterfaceError, OperationalError
    from django.template.loader import render_to_string

    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError | InterfaceError):
        return service_unavailable()
    return HttpResponse(render_to_string("500.html"), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    from core.audit import record

    record("csrf_failure", request=request, reason=reason[:200])
    return render(request, "403_csrf.html", status=403)


def moved_admin(request: HttpRequest, old: str, rest: str) -> HttpResponsePermanentRedirect:
    """An admin address of a model that moved to another app: its new address."""
    from contact_portal.urls import MOVED_ADMIN

    target = f"/admin/{MOVED_ADMIN[old]}/{rest}"
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


# Queries of this site's database that have waited on a lock for longer than the threshold.
LOCK_WAITERS_SQL = """
SELECT count(*) FROM pg_stat_activity
WHERE datname = current_database() AND wait_event_type = 'Lock'
  AND now() - query_start > make_interval(secs => %s)
"""


class DatabaseStuck(Exception):
    pass


def _check_database() -> str:
    """The database answers, within HEALTHZ_TIMEOUT, and no query has waited on a lock for
    HEALTHZ_LOCK_WAIT_SECONDS (then requests are piling up behind it: not healthy)."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, true)",
            [f"{int(settings.HEALTHZ_TIMEOUT * 1000)}ms"],
        )
        cursor.execute(LOCK_WAITERS_SQL, [settings.HEALTHZ_LOCK_WAIT_SECONDS])
        (waiting,) = cursor.fetchone()
    if waiting:
        raise DatabaseStuck(f"{waiting} queries waiting on a lock")
    return "ok"


def _check_cache() -> str:
    ping = getattr(cache, "ping", None)
    if ping is not None:  # Redis: asked directly, not its stand-in while it is down
        ping()
        return "ok"
    key = f"healthz:{time.monotonic_ns()}"
    cache.set(key, "1", 5)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)
    return "ok"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"  # no broker configured: tasks run in the web process
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, cache and broker state. 200 when all answer, 503 when any does not."""
    checks = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}
    result: dict[str, str] = {}
    healthy = True
    for name, check in checks.items():
        try:
            result[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure is reported, never raised
            healthy = False
            result[name] = f"error: {exc.__class__.__name__}"
            if isinstance(exc, DatabaseStuck):
                result[name] += f": {exc}"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": result}, status=200 if healthy else 503
    )


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics of every worker, for a scraper with the token or an allowed address
    (core/metrics.py); a 404 for everyone else."""
    if not prometheus.may_read(request):
        raise Http404
    return prometheus.response()
