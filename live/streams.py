"""A server-sent event stream fed by channel-layer groups.

The stream joins its groups before it reads what the page missed (``catch_up``), so nothing
falls between the two; the browser's ``Last-Event-ID`` (or ``?after=`` on the first connection)
says where the page is. A stream ends after ``LIVE_STREAM_SECONDS``: the browser reconnects by
itself with the last id, and the reconnection checks the user's rights again.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from channels.layers import get_channel_layer
from django.conf import settings
from django.http import HttpRequest, StreamingHttpResponse

KEEPALIVE_SECONDS = 20
RETRY_MS = 1000


@dataclass(frozen=True)
class Frame:
    event: str
    data: str = ""
    id: str = ""

    def encode(self) -> bytes:
        lines = []
        if self.id:
            lines.append(f"id: {self.id}")
        lines.append(f"event: {self.event}")
        # A line break inside data would end the field: one data field per line.
        lines.extend(f"data: {line}" for line in (self.data.splitlines() or [""]))
        return ("\n".join(lines) + "\n\n").encode()


def last_event_id(request: HttpRequest) -> str:
    """Where the page is: the browser's Last-Event-ID on a reconnection, else ``?after=``."""
    return request.headers.get("Last-Event-ID", "") or request.GET.get("after", "")


class StreamEnds(Exception):  # noqa: N818 - it is not an error: the stream ends here
    """Raised by a stream's render: the stream ends (its user may no longer see what it tells).
    The browser reconnects, and the reconnection checks the user's rights again."""


CatchUp = Callable[[], Awaitable[Iterable[Frame]]]
Render = Callable[[dict[str, Any]], Frame | None | Awaitable[Frame | None]]
Alive = Callable[[], Awaitable[None]]
WhileOpen = Callable[[], contextlib.AbstractAsyncContextManager[None]]


def event_stream(
    *,
    groups: list[str],
    catch_up: CatchUp,
    render: Render,
    alive: Alive | None = None,
    while_open: WhileOpen | None = None,
) -> StreamingHttpResponse:
    """``alive`` runs when the stream opens and at each keep-alive: the page is still open.
    ``while_open`` is entered once the stream listens and left when it ends."""
    response = StreamingHttpResponse(
        _frames(
            groups=groups, catch_up=catch_up, render=render, alive=alive, while_open=while_open
        ),
        content_type="text/event-stream",
    )
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response


async def _frames(
    *,
    groups: list[str],
    catch_up: CatchUp,
    render: Render,
    alive: Alive | None,
    while_open: WhileOpen | None,
) -> AsyncIterator[bytes]:
    layer = get_channel_layer()
    assert layer is not None
    channel = await layer.new_channel()
    for group in groups:
        await layer.group_add(group, channel)
    # One receive stays pending across keep-alives: cancelling a receive makes the layers drop
    # the channel's queue (channels-redis unsubscribes it), and events would fall in the gap.
    pending: asyncio.Future[dict[str, Any]] | None = None
    opened = contextlib.AsyncExitStack()
    try:
        if while_open is not None:
            await opened.enter_async_context(while_open())
        if alive is not None:
            await alive()
        yield f"retry: {RETRY_MS}\n\n".encode()
        for frame in await catch_up():
            yield frame.encode()
        ends_at = time.monotonic() + settings.LIVE_STREAM_SECONDS
        while (left := ends_at - time.monotonic()) > 0:
            if pending is None:
                pending = asyncio.ensure_future(layer.receive(channel))
            done, _ = await asyncio.wait({pending}, timeout=min(KEEPALIVE_SECONDS, left))
            if not done:
                yield b": keep-alive\n\n"  # proxies close connections that stay silent
                if alive is not None:
                    await alive()
                continue
            message, pending = pending.result(), None
            try:
                rendered = render(message)
                event = await rendered if inspect.isawaitable(rendered) else rendered
            except StreamEnds:
                return
            if event is not None:
                yield event.encode()
    finally:
        # The browser went away (the server cancels us) or the stream's time is up.
        if pending is not None:
            pending.cancel()
        await opened.aclose()
        with contextlib.suppress(Exception):
            for group in groups:
                await layer.group_discard(group, channel)
