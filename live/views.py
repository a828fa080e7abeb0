"""The event streams. Each checks the user's rights exactly as the page it feeds (the same
helpers), so a connection only hears about what its user may see.

Served by the ASGI process (``make run``'s runserver, uvicorn in production). A request that
reaches a WSGI server gets 204 at once, which tells the browser not to hold the connection: the
page falls back to polling (static/js/live.js)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
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
from live import moments
from live.streams import Frame, StreamEnds, WhileOpen, event_stream, last_event_id

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
    reconnected = bool(request.headers.get("Last-Event-ID"))
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
            admin_case_url=selectors.admin_case_url(current.case_id),
        )
        return Frame("ended", html)

    def answered_frame(who: str) -> Frame:
        status = render(
            "channels_routing/_chat_status.html",
            contact=contact,
            is_open=True,
            agent_name=who,
        )
        return Frame("answered", status)

    def context_frame(current: Contact) -> Frame:
        # The agent's panel about the customer: answering gave the chat its case.
        html = render(
            "channels_routing/_chat_context.html",
            contact=current,
            admin_case_url=selectors.admin_case_url(current.case_id),
        )
        return Frame("context", html)

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
        elif current.answered_at is not None and side == ChatAuthor.CUSTOMER:
            frames.append(answered_frame(agent_name))
        elif current.answered_at is not None and reconnected:
            frames.append(context_frame(current))  # the answer may have come meanwhile
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
            if side == ChatAuthor.CUSTOMER:
                return answered_frame(message["who"])
            return context_frame_now()
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

    async def context_frame_now() -> Frame:
        current = await _read(Contact.objects.select_related("case").get)(pk=contact.pk)
        return context_frame(current)

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


def _refresh_stream(
    request: HttpRequest,
    *,
    groups: list[str],
    event: str,
    while_open: WhileOpen | None = None,
) -> HttpResponseBase:
    # A reconnection may have missed events: refresh once. A first connection is current.
    reconnected = bool(request.headers.get("Last-Event-ID"))

    async def catch_up() -> list[Frame]:
        return [Frame(event, "", events.event_id())] if reconnected else []

    def on_event(message: dict[str, Any]) -> Frame | None:
        return Frame(event, "", events.event_id()) if message["event"] == event else None

    return event_stream(groups=groups, catch_up=catch_up, render=on_event, while_open=while_open)


def _desk_groups(user: Any) -> list[str]:
    """What a desk hears: every desk's events (saves), and the moments of what its user sees
    (live/moments.py): a manager every case; an agent their teams' cases and their own."""
    if case_selectors.is_manager(user):
        return [events.DESK, events.DESK_MANAGERS]
    return [
        events.DESK,
        events.desk_agent_group(user.pk),
        *(events.desk_team_group(team) for team in case_selectors.team_ids_for(user)),
    ]


class DeskTicker:
    """What beat does in production (live.desk_moments every 15 s), done by this process while
    a desk stream is open here, every ``LIVE_DESK_TICKER_SECONDS`` (0: off) and once when the
    first opens. That is ``make run``: one process, no beat, and an in-memory channel layer
    that reaches only this process's streams anyway. The settings turn it on only where
    ``REDIS_URL`` is empty; beat and the ticker at once would still tell each moment once."""

    def __init__(self) -> None:
        self.open = 0
        self.task: asyncio.Task[None] | None = None

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        seconds = settings.LIVE_DESK_TICKER_SECONDS
        if not seconds:
            yield
            return
        loop = asyncio.get_running_loop()
        task = self.task
        if task is None or task.done() or task.get_loop() is not loop:
            task = self.task = loop.create_task(self._tick(seconds))
            self.open = 0
        self.open += 1
        try:
            yield
        finally:
            if self.task is task:  # else a ticker of another event loop took over
                self.open -= 1
                if self.open == 0:
                    task.cancel()
                    self.task = None

    async def _tick(self, seconds: float) -> None:
        while seconds:
            try:
                await _read(moments.desk_moments)()
            except Exception:
                logger.warning("live: the desk ticker's run failed", exc_info=True)
            await asyncio.sleep(seconds)
            # Read again each time: turned off (0) while a desk is open, it stops.
            seconds = settings.LIVE_DESK_TICKER_SECONDS


desk_ticker = DeskTicker()


@require_GET
@login_required
@permission_required(channel_views.DESK_PERMISSION, raise_exception=True)
async def desk(request: HttpRequest) -> HttpResponseBase:
    if not _pushed(request):
        return HttpResponse(status=NOT_SERVED_HERE)
    groups = await _read(_desk_groups)(request.user)
    return _refresh_stream(request, groups=groups, event="desk", while_open=desk_ticker.running)


@require_GET
@login_required
async def case(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = await _read(case_selectors.customer_case)(user=request.user, pk=pk)
    if not _pushed(request):
        return HttpResponse(status=NOT_SERVED_HERE)
    return _refresh_stream(request, groups=[events.case_group(found.pk)], event="case")


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
    return _refresh_stream(request, groups=[events.case_group(found.pk)], event="case")
