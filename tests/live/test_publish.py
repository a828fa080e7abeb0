"""core.live.send_now: a publish that fails for a reason other than the layer being down does
not silence the events after it (only Redis trouble pauses publishing for a while)."""

import asyncio
import os

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from core.live import send_now


def test_a_failed_publish_that_is_not_the_layer_down_does_not_silence_the_next(settings):
    # The in-memory layer on every set-up: what is tested is core.live's handling of a
    # failure, the same whichever layer is behind it.
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    layer = get_channel_layer()

    async def listen() -> str:
        channel = await layer.new_channel()
        await layer.group_add("publish-test", channel)
        return channel

    channel = async_to_sync(listen)()

    async def from_inside_a_loop() -> None:
        send_now("publish-test", "lost")  # AsyncToSync inside a running loop: refused, logged

    asyncio.run(from_inside_a_loop())
    send_now("publish-test", "next")

    async def received() -> dict:
        return await asyncio.wait_for(layer.receive(channel), timeout=2)

    assert async_to_sync(received)()["event"] == "next"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the Redis channel layer needs Redis")
def test_publishes_on_redis_reach_the_stream_over_one_connection_not_one_each():
    """A request thread publishing several events (a message sent publishes three) reuses one
    Redis connection; it used to make a connection, an event loop and their close per event."""
    import redis

    stats = redis.Redis.from_url(os.environ["REDIS_URL"])
    layer = get_channel_layer()
    send_now("publish-redis-test", "warm-up")  # the process's first publish connects

    async def scenario() -> tuple[list[str], int]:
        channel = await layer.new_channel()
        await layer.group_add("publish-redis-test", channel)
        before = stats.info("stats")["total_connections_received"]
        for n in range(20):
            await asyncio.to_thread(send_now, "publish-redis-test", "line", n=n)
        made = stats.info("stats")["total_connections_received"] - before
        heard = [await asyncio.wait_for(layer.receive(channel), timeout=2) for _ in range(20)]
        await layer.flush()
        return [m["n"] for m in heard], made

    heard, made = asyncio.run(scenario())
    assert heard == list(range(20))
    assert made <= 1, f"{made} new Redis connections for 20 events"
