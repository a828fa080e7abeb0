"""core.live.send_now: a publish that fails for a reason other than the layer being down does
not silence the events after it (only Redis trouble pauses publishing for a while)."""

import asyncio

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
