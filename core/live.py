"""What happened, told to the pages that show it (their streams are the live app's, in the top
layer): published on the channel layer (in memory in one process, Redis pub/sub in production)
once the transaction commits, so a page that reads again sees the change. Push is a courtesy on
top of the pages: when it fails, pages still show the truth on their next poll or load, so a
failure is logged and never breaks the write. A failed publish (Redis down, or hung past its
short timeout) makes this process skip publishing for REDIS_RETRY_SECONDS, so requests meanwhile
do not each wait on Redis."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Coroutine
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

# What says the channel layer (Redis) is down or hung, so publishing pauses for a while.
try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - the in-memory layer needs no Redis client
    RedisError = OSError  # type: ignore[assignment,misc]
_LAYER_DOWN: tuple[type[BaseException], ...] = (OSError, TimeoutError, RedisError)

DESK = "desk"  # every open desk
DESK_MANAGERS = "desk.managers"  # the desks of managers, who see every case
# Until when (time.monotonic()) events are not published, after a failure.
_layer_down_until = 0.0


def desk_team_group(team_id: int) -> str:
    """The desks of a team's members and lead."""
    return f"desk.team.{team_id}"


def desk_agent_group(user_id: int) -> str:
    """One agent's desks: the cases they own, the contacts they took."""
    return f"desk.agent.{user_id}"


def chat_group(contact_id: int) -> str:
    return f"chat.{contact_id}"


def case_group(case_id: int) -> str:
    return f"case.{case_id}"


def event_id() -> str:
    """An id for an event that carries no row of its own: milliseconds, so ids grow."""
    return str(int(time.time() * 1000))


class _Publisher:
    """One event loop per process, in a thread of its own, that Redis publishes run on.

    The Redis layer keeps one connection per event loop; ``async_to_sync`` from a request
    thread makes a new loop each call, so every event cost a connection, its close and a loop
    (about 7 ms; a message sent publishes three). On this loop the connection is made once.
    The in-memory layer (``make run``, the default tests) still goes through ``async_to_sync``:
    its queues must be written from the loop its streams wait on, which that finds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pid = 0

    def loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None or self._pid != os.getpid():  # none yet, or forked since
                self._loop = asyncio.new_event_loop()
                self._pid = os.getpid()
                threading.Thread(
                    target=self._loop.run_forever, name="live-publisher", daemon=True
                ).start()
            return self._loop

    def run(self, coroutine: Coroutine[Any, Any, Any], timeout: float) -> None:
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop())
        try:
            future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise


_publisher = _Publisher()


def send_now(group: str, event: str, **data: Any) -> None:
    global _layer_down_until
    layer = get_channel_layer()
    if layer is None or time.monotonic() < _layer_down_until:
        return
    message = {"type": "live.event", "event": event, **data}
    try:
        if isinstance(layer, InMemoryChannelLayer):
            async_to_sync(layer.group_send)(group, message)
        else:
            # Bounded twice: Redis's own socket timeout, and this wait for the loop.
            wait = 4 * float(getattr(settings, "REDIS_TIMEOUT", 0.5))
            _publisher.run(layer.group_send(group, message), timeout=wait)
    except _LAYER_DOWN as error:
        retry = float(getattr(settings, "REDIS_RETRY_SECONDS", 5))
        _layer_down_until = time.monotonic() + retry
        logger.warning(
            "live: could not publish %s to %s (%r); not publishing for %ss",
            event,
            group,
            error,
            retry,
            exc_info=True,
        )
    except Exception:
        # Not the layer being down (say, a publish from a thread running an event loop): this
        # event is lost, later ones are still sent.
        logger.warning("live: could not publish %s to %s", event, group, exc_info=True)


def publish(group: str, event: str, **data: Any) -> None:
    """Send once the current transaction commits (at once outside one). An event without data
    is sent once per transaction however often it is published."""
    if not data:
        key = (group, event)
        connection = transaction.get_connection()
        # Django's own list of what runs on commit (emptied on rollback): one send per key.
        if any(getattr(entry[1], "live_key", None) == key for entry in connection.run_on_commit):
            return

        def send() -> None:
            send_now(group, event)

        send.live_key = key  # type: ignore[attr-defined]
        transaction.on_commit(send)
        return
    transaction.on_commit(lambda: send_now(group, event, **data))
