"""What the visitor notices, asserted; and a fingerprint of the data a refused POST must not
change."""

from typing import Any

from django.db import connection
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import urlencode

from tests.security.routes import (
    ADMIN_LOGIN,
    DECLINED,
    DONE,
    FORBIDDEN,
    LOGIN,
    NO_EFFECT,
    NOT_FOUND,
    OK,
    REFUSED,
    Route,
)
from tests.security.world import CASE_SUBJECT, OWNER_NAME

UNWATCHED_TABLES = {
    "django_session",
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "contact_portal_auditlog",
}


def url_for(route: Route, kwargs: dict[str, Any], query: dict[str, Any] | None = None) -> str:
    url = _path_for(route, kwargs)
    return f"{url}?{urlencode(query)}" if query else url


def _path_for(route: Route, kwargs: dict[str, Any]) -> str:
    if route.name == "admin:<catch-all>":
        return reverse("admin:index") + kwargs["url"]
    if route.name.startswith("admin/"):  # the admin's unnamed "bare id" redirect
        return "/" + route.name.replace("<path:object_id>", str(kwargs["object_id"]))
    return reverse(route.name, kwargs=kwargs)


def describe(response: HttpResponse) -> str:
    return f"{response.status_code} {response.get('Location', '')}".strip()


def assert_outcome(response: HttpResponse, expected: str) -> None:
    status = response.status_code
    location = response.get("Location", "")
    seen = describe(response)
    if expected == LOGIN:
        assert status == 302 and location.startswith("/accounts/login/?next="), seen
    elif expected == ADMIN_LOGIN:
        assert status == 302 and location.startswith("/admin/login/?next="), seen
    elif expected == NOT_FOUND:
        assert status == 404, seen
    elif expected == FORBIDDEN:
        assert status == 403, seen
    elif expected == REFUSED:
        hidden_redirect = status == 302 and location == reverse("admin:index")
        assert status in (403, 404) or hidden_redirect, seen
    elif expected == OK:
        assert status == 200, seen
    elif expected == DONE:
        assert status < 400, seen
    elif expected == NO_EFFECT:
        assert status < 500, seen
    elif expected == DECLINED:
        assert status == 302 and not location.startswith("/accounts/login/"), seen
    else:  # pragma: no cover - a typo in the table
        raise AssertionError(f"unknown outcome {expected!r}")


def assert_shows_nothing_of_the_owner(response: HttpResponse, owner_email: str) -> None:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content).decode(errors="replace")  # type: ignore[attr-defined]
    else:
        body = response.content.decode(errors="replace")
    for secret in (OWNER_NAME, CASE_SUBJECT, owner_email):
        assert secret not in body, f"the response shows {secret!r}"


def fingerprint() -> dict[str, list[tuple]]:
    """Every row of every table a page could change: sessions and the audit log excepted
    (refusals are written there on purpose), and Django's own bookkeeping."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in UNWATCHED_TABLES:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608
            rows[table] = cursor.fetchall()
    return rows
