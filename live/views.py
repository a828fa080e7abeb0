"""The event streams. Each checks the user's rights exactly as the page it feeds (the same
helpers), so a connection only hears about what its user may see.

Served by the ASGI process (``make run``'s runserver, uvicorn in production). A request that
reaches a WSGI server gets 204 at once, which tells the browser not to hold the connection: the
page falls back to polling (static/js/live.js)."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from asgiref.sync import sync_to_async
from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_GET

from cases import selectors as case_selectors
from cases.models import Case, Contact
from channels_routing import selectors, services
from channels_routing import views as channel_views
from channels_routing.models import ChatAuthor
from channels_routing.tasks import chat_seen_key
from core import live as events
from live.streams import Frame, StreamEnds, event_stream, last_event_id

logger = logging.getLogger(__name__)


def _read[T](function: Callable[..., T]) -> Callable[..., Awaitable[T]]:
    """Run a read in the request's thread, then give its database connection back: a stream
    stays open for minutes and must not hold one of the pool's few connections meanwhile (the
    middleware's session and user reads opened it in the same thread)."""

    def run(*args: Any, **kwargs: Any) -> T:
        try:
            return function(*args, **kwargs)
        finally:
            for connection in connections.all(initialized_only=True):
                if not connection.in_atomic_block:  # a test's transaction is left alone
                    connection.close()

    return sync_to_async(run)


def _nothing() -> None:
    return None


def _int(value: str) -> int:
    return int(value) if value.isdigit() else 0


def _pushed(request: HttpRequest) -> bool:
    return isinstance(request, ASGIRequest)


NOT_SERVED_HERE = 204


# --- Chat: lines both ways, typing, answered, ended


def _chat_stream(
    request: HttpRequest,
    contact: Contact,
    *,
    side: str,
    still_allowed: Callable[[], bool] | None = None,
) -> HttpResponseBase:
    """``still_allowed`` is asked again when the chat's case or agent changes (an "access"
    event): a waiting chat every agent may open becomes a case of one team, and the stream of
    an agent outside it ends there, as the page now answers 404."""
    language = translation.get_language()
    csrf_token = get_token(request)
    after = _int(last_event_id(request))
    sent: set[int] = set()

    def render(template: str, **context: Any) -> str:
        with translation.override(language):
            return render_to_string(template, context)

    def line_frame(line: dict[str, Any]) -> Frame:
        return Frame(
            "message", render("channels_routing/_chat_line.html", line=line), str(line["id"])
        )

    def ended_frame(current: Contact) -> Frame:
        html = render(
            "channels_routing/_chat_ended_event.html",
            contact=current,
            side=side,
            is_open=False,
            csrf_token=csrf_token,
        )
        return Frame("ended", html)

    def answered_frame(who: str) -> Frame | None:
        if side != ChatAuthor.CUSTOMER:
            return None
        status = render(
            "channels_routing/_chat_status.html",
            contact=contact,
            is_open=True,
            agent_name=who,
        )
        return Frame("answered", status)

    def state() -> tuple[Contact, list[dict[str, Any]], str]:
        current = Contact.objects.select_related("case", "agent").get(pk=contact.pk)
        return (
            current,
            selectors.chat_lines(current, after=after),
            selectors.chat_agent_name(current),
        )

    async def catch_up() -> list[Frame]:
        current, lines, agent_name = await _read(state)()
        frames = [line_frame(line) for line in lines]
        sent.update(line["id"] for line in lines)
        if current.ended_at is not None or current.abandoned_at is not None:
            frames.append(ended_frame(current))
        elif current.answered_at is not None:
            frame = answered_frame(agent_name)
            if frame is not None:
                frames.append(frame)
        return frames

    def on_event(message: dict[str, Any]) -> Frame | Awaitable[Frame | None] | None:
        kind = message["event"]
        if kind == "message":
            if message["id"] in sent or message["id"] <= after:
                return None
            sent.add(message["id"])
            return line_frame({**message, "at": datetime.fromisoformat(message["at"])})
        if kind == "typing":
            if message["side"] == side:
                return None
            return Frame("typing", render("channels_routing/_chat_typing.html", who=message["who"]))
        if kind == "answered":
            return answered_frame(message["who"])
        if kind == "ended":
            return ended_frame_now()
        if kind == "access" and still_allowed is not None:
            return check_access()
        return None

    async def check_access() -> None:
        assert still_allowed is not None
        if not await _read(still_allowed)():
            raise StreamEnds

    async def alive() -> None:
        # A waiting chat whose customer went away is abandoned (tasks.chats_abandoned): a
        # customer on the page says so through the open stream, as each poll did.
        if side != ChatAuthor.CUSTOMER:
            return
        try:
            await cache.aset(chat_seen_key(contact.pk), time.time(), 600)
        except Exception:
            logger.warning("live: could not mark chat %s as seen", contact.pk, exc_info=True)

    async def ended_frame_now() -> Frame:
        # The one read a live event costs: the panel says how the chat ended.
        current = await _read(Contact.objects.select_related("case").get)(pk=contact.pk)
        return ended_frame(current)

    return event_stream(
        groups=[events.chat_group(contact.pk)], catch_up=catch_up, render=on_event, alive=alive
    )


@require_GET
@login_required
async def chat(request: HttpRequest, pk: int) -> HttpResponseBase:
    contact = await _read(channel_views._chat_contact)(request, pk)
    if not _pushed(request):
        return HttpResponse(status=NOT_SERVED_HERE)
    return _chat_stream(request, contact, side=ChatAuthor.CUSTOMER)


@require_GET
@login_required
@permission_required(channel_views.DESK_PERMISSION, raise_exception=True)
async def desk_chat(request: HttpRequest, pk: int) -> HttpResponseBase:
    contact = await _read(channel_views._desk_chat_contact)(request, pk)
    if not _pushed(request):
        return HttpResponse(status=NOT_SERVED_HERE)

    def still_allowed() -> bool:
        try:
            channel_views._desk_chat_contact(request, pk)
        except Http404:
            return False
        return True

    return _chat_stream(request, contact, side=ChatAuthor.AGENT, still_allowed=still_allowed)


# --- Pages that refresh a part of themselves when told


def _refresh_stream(request: HttpRequest, *, group: str, event: str) -> HttpResponseBase:
    # A reconnection may have missed events: refresh once. A first connection is current.
    reconnected = bool(request.headers.get("Last-Event-ID"))

    async def catch_up() -> list[Frame]:
        return [Frame(event, "", events.event_id())] if reconnected else []

    def on_event(message: dict[str, Any]) -> Frame | None:
        return Frame(event, "", events.event_id()) if message["event"] == event else None

    return event_stream(groups=[group], catch_up=catch_up, render=on_event)


@require_GET
@login_required
@permission_required(channel_views.DESK_PERMISSION, raise_exception=True)
async def desk(request: HttpRequest) -> HttpResponseBase:
    await _read(_nothing)()  # the connection the session and user reads opened goes back
    if not _pushed(request):
        return HttpResponse(status=NOT_SERVED_HERE)
    return _refresh_stream(request, group=events.DESK, event="desk")


@require_GET
@login_required
async def case(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = await _read(case_selectors.customer_case)(user=request.user, pk=pk)
    if not _pushed(request):
        return HttpResponse(status=NOT_SERVED_HERE)
    return _refresh_stream(request, group=events.case_group(found.pk), event="case")


def _guest_case(token: str) -> Case:
    case_id = services.guest_case_id_from_token(token)
    if case_id is None:
        raise Http404
    return get_object_or_404(Case, pk=case_id)


@require_GET
async def guest_case(request: HttpRequest, token: str) -> HttpResponseBase:
    found = await _read(_guest_case)(token)
    if not _pushed(request):
        return HttpResponse(status=NOT_SERVED_HERE)
    return _refresh_stream(request, group=events.case_group(found.pk), event="case")
