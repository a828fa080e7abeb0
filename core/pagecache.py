"""Signed-in pages rendered once per customer, then served from the cache until they change.

My Stuff and a case page cost 15-40 ms each to query and render, far more than reading them
back from Redis, and a customer opens them again and again while nothing changed. So the
rendered HTML is kept in the cache under the signed-in user, the language and the full path,
and is served only while three things still hold:

* the customer's version token is the one the page was rendered under. Every write that can
  change what a customer sees replaces the token (``bump``): model signals for saves and
  deletes of the models each app registers (``register_*``, in its ``apps.ready``), explicit
  calls where code writes in bulk or with ``QuerySet.update``, and once more when the
  transaction commits, so a page rendered from data that was about to change is never kept
  under the new token;
* the global token, for what many customers share (team names), is unchanged;
* the page is still true at this time: a view that shows "expected tomorrow" or offers to
  reopen a case for 14 days says until when with ``valid_until``.

A page that depends on more of the request than its address says so (``vary``: the Need Help
pages carry the self-help journey the session holds), and a view may cache only some requests
(``when``: a search, which is recorded, never comes from the cache).

Only customers' GET pages are cached: never staff (their header differs), never a request with
a flash message waiting, never an htmx fragment. The CSRF token and the CSP nonce are rendered
as placeholders and each response gets its own, so the cached HTML holds nothing of the browser
or session and a nonce is never used twice. If the cache is down, pages are simply rendered.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

VERSION_KEY = "page:v:{}"
GLOBAL_KEY = "page:v:all"
# The entry's layout is part of the key: a deploy that changes it never reads older entries.
PAGE_KEY = "page:e5:{}:{}:{}"
# A page nobody asked for in this long goes; it bounds the cache's size, not correctness.
PAGE_SECONDS = 600


def _new_token() -> str:
    return secrets.token_hex(8)


def _write(keys: list[str]) -> None:
    try:
        cache.set_many({key: _new_token() for key in keys}, timeout=None)
    except Exception:  # the cache being down must never fail the write that changed the data
        logger.warning("page cache: could not bump %s", keys, exc_info=True)


def replace_tokens(keys: list[str]) -> None:
    """Give these version tokens new values, now and again when the transaction commits, so
    whatever was kept under the old ones is no longer served (also used by knowledge.helplists
    and channels_routing.selectors)."""
    _write(keys)
    # Again after commit: a page rendered meanwhile from the data as it was is not kept.
    transaction.on_commit(lambda: _write(keys))


def bump(*customer_ids: int | None) -> None:
    """What these customers see has changed: their cached pages are no longer served."""
    keys = sorted({VERSION_KEY.format(pk) for pk in customer_ids if pk})
    if keys:
        replace_tokens(keys)


def bump_all() -> None:
    """Something every customer may see has changed (a team's name, demo data reloaded)."""
    replace_tokens([GLOBAL_KEY])


def valid_until(request: HttpRequest, moment: datetime | None) -> None:
    """The page being rendered is true until ``moment`` (None: no limit from this caller)."""
    if moment is None:
        return
    stamp = moment.timestamp()
    current = getattr(request, "_page_valid_until", None)
    request._page_valid_until = stamp if current is None else min(current, stamp)  # type: ignore[attr-defined]


def hole(
    request: HttpRequest, html: str, refill: str, keys: tuple[str, ...] = (), **state: Any
) -> str:
    """A part of a cached page that is worked out again on every visit (the channel page's
    offers, which depend on the time and the contact centre, not only on the customer).

    ``html`` is this render's part; ``refill`` names a function ``(request, **state) -> str``
    that makes it again when the page comes from the cache (with the page's placeholders in
    ``request._page_marks``, as while the page first rendered); ``state`` must pickle and, like
    the page, may hold only what the customer's token covers. ``keys``: cache keys the refill
    reads, fetched with the page's tokens (one round trip) and passed as ``prefetched``.
    """
    holes = getattr(request, "_page_holes", None)
    if holes is None:  # not a cacheable render: the part is simply part of the page
        return html
    mark = "pagecachehole" + secrets.token_hex(16)
    holes.append({"mark": mark, "html": html, "refill": refill, "keys": keys, "state": state})
    return mark


def placeholders(request: HttpRequest) -> dict[str, Any]:
    """Context processor: while a cacheable page renders, its CSRF token and CSP nonce are
    placeholders, replaced by this response's own on every response (``_fill``)."""
    marks = getattr(request, "_page_marks", None)
    if not marks:
        return {}
    if marks["nonce"] is None:  # no CSP middleware: the page has no nonce to stand in for
        return {"csrf_token": marks["csrf"]}
    return {"csrf_token": marks["csrf"], "csp_nonce": marks["nonce"]}


def _fill(request: HttpRequest, body: str, marks: dict[str, str | None]) -> str:
    """The per-response values in place of the placeholders: a CSRF token (masked afresh, as
    Django does for every render) and the CSP nonce the response's header names."""
    body = body.replace(marks["csrf"] or "", get_token(request))
    if marks["nonce"] and marks["nonce"] in body:
        body = body.replace(marks["nonce"], str(get_nonce(request)))
    return body


def _cacheable(request: HttpRequest) -> bool:
    """Whether this request's page may come from (and go to) the cache."""
    if request.method != "GET" or getattr(request, "htmx", False):
        return False
    user = request.user
    if not user.is_authenticated or user.is_staff or user.is_superuser:
        return False
    storage = getattr(request, "_messages", None)
    # A page that shows a message shows it once; that render is not for keeping.
    return storage is None or not len(storage)


def current_tokens(keys: list[str], found: dict[str, Any] | None = None) -> dict[str, str | None]:
    """The version tokens under ``keys`` now, created where missing (first use, or evicted:
    whatever was kept under a lost token is not trusted). ``found``: what the caller already
    read from the cache in the same round trip. The one token helper: the page cache, the
    Need Help lists (knowledge.helplists), the Suggested help (knowledge.suggested), the
    meaning vectors (knowledge.meaning) and the routing inputs (channels_routing.selectors)
    all keep a copy under a token read before rendering and replaced by ``replace_tokens``."""
    if found is None:
        found = cache.get_many(keys)
    missing = [key for key in keys if not found.get(key)]
    if missing:
        for key in missing:
            cache.add(key, _new_token(), timeout=None)
        found = {**found, **cache.get_many(missing)}
    return {key: found.get(key) or None for key in keys}


def _tokens(customer_id: int) -> tuple[str, str] | None:
    """The customer's and the global token now, created if missing (after an eviction)."""
    keys = [VERSION_KEY.format(customer_id), GLOBAL_KEY]
    found = current_tokens(keys)
    customer, everyone = found[keys[0]], found[keys[1]]
    if not customer or not everyone:
        return None
    return customer, everyone


def _cached(request: HttpRequest, key: str) -> HttpResponse | None:
    """The page from the cache if it is still the customer's current page, else None.

    Pages are kept under the signed-in user; the entry names the customer it was rendered
    for, and is good only while that customer's token is unchanged. Linking or unlinking a
    user saves the customer, which changes its token, so a user never gets a page of a
    customer that is no longer theirs; and no query is needed to find the customer.
    """
    entry = cache.get(key)
    if not isinstance(entry, dict):
        return None
    if entry["until"] is not None and time.time() >= entry["until"]:
        return None
    version_key = VERSION_KEY.format(entry["customer"])
    extra = [k for part in entry["holes"] for k in part["keys"]]
    found = cache.get_many([version_key, GLOBAL_KEY, *extra])
    if found.get(version_key) != entry["version"] or found.get(GLOBAL_KEY) != entry["global"]:
        return None
    body = entry["body"]
    if entry["holes"]:
        # A refill renders the page's placeholders too, so they are filled once, below.
        request._page_marks = entry["marks"]  # type: ignore[attr-defined]
        try:
            for part in entry["holes"]:
                prefetched = {k: found.get(k) for k in part["keys"]}
                refill = import_string(part["refill"])
                body = body.replace(
                    part["mark"], refill(request, prefetched=prefetched, **part["state"])
                )
        finally:
            del request._page_marks  # type: ignore[attr-defined]
    return HttpResponse(_fill(request, body, entry["marks"]), content_type=entry["content_type"])


def customer_page(
    view: Callable[..., HttpResponse] | None = None,
    *,
    vary: Callable[[HttpRequest], str] | None = None,
    when: Callable[[HttpRequest], bool] | None = None,
) -> Any:
    """Serve the view's page from the cache while it is unchanged (see the module docstring).

    ``@customer_page``, or ``@customer_page(vary=..., when=...)``: ``vary`` names what else of
    the request the page depends on (the self-help journey the session holds), kept apart in
    the key; ``when`` says which requests may be cached at all (a search, which is recorded,
    is not).
    """
    if view is None:
        return lambda inner: _customer_page(inner, vary, when)
    return _customer_page(view, vary, when)


def _customer_page(
    view: Callable[..., HttpResponse],
    vary: Callable[[HttpRequest], str] | None,
    when: Callable[[HttpRequest], bool] | None,
) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request) or (when is not None and not when(request)):
            return view(request, *args, **kwargs)
        full = request.get_full_path()
        if vary is not None:
            full += "\0" + vary(request)
        path = hashlib.sha256(full.encode()).hexdigest()[:32]
        key = PAGE_KEY.format(request.user.pk, translation.get_language(), path)
        try:
            response = _cached(request, key)
            if response is not None:
                return response
            customer = getattr(request.user, "customer", None)
            # Read before rendering: a change while the page renders makes it stale at once.
            tokens = _tokens(customer.pk) if customer is not None else None
        except Exception:
            logger.warning("page cache: unavailable", exc_info=True)
            return view(request, *args, **kwargs)
        if tokens is None:
            return view(request, *args, **kwargs)

        marks: dict[str, str | None] = {
            "csrf": "pagecachecsrf" + secrets.token_hex(16),
            "nonce": None
            if get_nonce(request) is None
            else "pagecachenonce" + secrets.token_hex(16),
        }
        holes: list[dict[str, Any]] = []
        request._page_marks = marks  # type: ignore[attr-defined]
        request._page_holes = holes  # type: ignore[attr-defined]
        try:
            response = view(request, *args, **kwargs)
        finally:
            del request._page_marks  # type: ignore[attr-defined]
            del request._page_holes  # type: ignore[attr-defined]
        if response.streaming or not hasattr(response, "content"):
            return response
        body = response.content.decode(response.charset)
        served = body
        for part in holes:
            served = served.replace(part["mark"], part["html"])
        response.content = _fill(request, served, marks).encode(response.charset)
        if _keepable(request, response):
            entry = {
                "customer": customer.pk,  # type: ignore[union-attr]
                "version": tokens[0],
                "global": tokens[1],
                "until": getattr(request, "_page_valid_until", None),
                "content_type": response["Content-Type"],
                "marks": marks,
                "body": body,
                "holes": [
                    {k: part[k] for k in ("mark", "refill", "keys", "state")} for part in holes
                ],
            }
            try:
                cache.set(key, entry, timeout=PAGE_SECONDS)
            except Exception:
                logger.warning("page cache: could not store", exc_info=True)
        return response

    # Outer decorators copy it (functools.wraps): the contract test finds every cached page.
    wrapper.page_cached = True  # type: ignore[attr-defined]
    return wrapper


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.cookies:
        return False
    if set(response.headers) - {"Content-Type"}:
        return False  # a header the cached copy would not repeat
    storage = getattr(request, "_messages", None)
    return storage is None or not len(storage)


# --- What changes what a customer sees -------------------------------------------------------
#
# Each app registers, in its ``apps.ready`` next to its models, every model whose rows a cached
# page shows (tests/contact_portal/test_pagecache_contract.py renders every cached page and fails
# on a table read that no app registered). Saves and deletes then replace the owner's token
# through model signals; code writing past the signals (``QuerySet.update``, ``bulk_create``)
# calls ``bump`` / ``bump_rows`` itself. This module imports no app.

# db_table -> how it is watched, for the contract test and for reading.
REGISTERED: dict[str, str] = {}
# kind -> a function from row ids to their customers' ids ("case": cases registers it).
_owners: dict[str, Callable[[list[int]], Iterable[int | None]]] = {}


def register_owners(kind: str, customers_of: Callable[[list[int]], Iterable[int | None]]) -> None:
    """How to find the customers of rows of ``kind`` by id (for ``bump_rows``)."""
    _owners[kind] = customers_of


def bump_rows(kind: str, *ids: int | None) -> None:
    """Rows of ``kind`` were written past their signals: their customers' pages are stale."""
    wanted = [pk for pk in ids if pk]
    if wanted:
        bump(*_owners[kind](wanted))


def bump_cases(*case_ids: int | None) -> None:
    bump_rows("case", *case_ids)


def _on_change(receiver: Callable[..., None], model: Any, how: str) -> None:
    uid = f"pagecache-{model._meta.label}"
    post_save.connect(receiver, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(receiver, sender=model, dispatch_uid=uid, weak=False)
    REGISTERED[model._meta.db_table] = how


def _remember_customer(sender: Any, instance: Any, **kwargs: Any) -> None:
    # The owner as loaded, so moving a row to another customer refreshes both.
    instance._page_customer_id = instance.__dict__.get("customer_id")


def _owned(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump(instance.customer_id, getattr(instance, "_page_customer_id", None))


def register_owned(*models: Any) -> None:
    """Rows with a ``customer`` foreign key: saving or deleting one refreshes that customer."""
    for model in models:
        post_init.connect(_remember_customer, sender=model, dispatch_uid="pagecache-init")
        _on_change(_owned, model, "owned")


def _customer(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump(instance.pk)  # also when its user link changes: pages are kept per user


def register_customer(model: Any) -> None:
    """The customer record itself."""
    _on_change(_customer, model, "customer")


def register_via(model: Any, *, field: str, kind: str) -> None:
    """Rows that belong to a customer through ``field`` (a foreign key to a row of ``kind``,
    whose owner ``register_owners`` knows): a case's events, promises and attachments."""

    def changed(sender: Any, instance: Any, **kwargs: Any) -> None:
        if sender._meta.get_field(field).is_cached(instance):
            bump(getattr(instance, field).customer_id)  # no query: it came with the row
        else:
            bump_rows(kind, getattr(instance, f"{field}_id"))

    _on_change(changed, model, f"via {field}")


def _everyone(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump_all()


def register_shared(*models: Any) -> None:
    """Rows every customer may see (a team's name, a contact reason's name and urgency)."""
    for model in models:
        _on_change(_everyone, model, "shared")


def register(model: Any, receiver: Callable[..., None], *, how: str = "custom") -> None:
    """Anything else: ``receiver`` runs on every save and delete of ``model`` and bumps."""
    _on_change(receiver, model, how)


def register_covered(model: Any, why: str) -> None:
    """A table cached pages read whose rows are only written together with rows that bump
    (say how): no signals of its own, so deleting in bulk stays one query."""
    REGISTERED[model._meta.db_table] = f"covered: {why}"


def registered_tables() -> set[str]:
    return set(REGISTERED)
