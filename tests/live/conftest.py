import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.test import AsyncClient

from tests.channels_routing.factories import ContactFactory
from tests.factories import CaseFactory, UserFactory


@pytest.fixture
def chat(customer, agent):
    """An open chat of ``customer`` with its case, as contact_create makes it; the case is in
    ``agent``'s team (agents see the chats of their teams' cases)."""
    from channels_routing.selectors import Target
    from channels_routing.services import contact_context

    customer.name = "Sanne Jansen"
    customer.save(update_fields=["name"])
    context = contact_context(
        target=Target(customer), channel="chat", description="Where is it?", repeat_contacts=0
    )
    case = CaseFactory(customer=customer, team=agent.teams.get())
    return ContactFactory(channel="chat", customer=customer, case=case, context=context)


@pytest.fixture
def agent(db):
    """An agent of the default team, where a new case lands when no rule says otherwise."""
    from cases.services import default_team

    user = UserFactory(role="agent", first_name="Sam", last_name="Visser")
    default_team().members.add(user)
    return user


class Stream:
    """An event stream read the way a browser's EventSource reads it."""

    def __init__(self, response: Any) -> None:
        self.response = response
        self.chunks: AsyncIterator[bytes] = response.streaming_content.__aiter__()
        self.buffer = b""
        self.pending: asyncio.Future[bytes] | None = None

    async def next(self, timeout: float = 3.0) -> dict[str, str]:
        """The next event within ``timeout`` seconds (comments and the retry line are
        skipped, and count towards the time)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            while b"\n\n" in self.buffer:
                block, self.buffer = self.buffer.split(b"\n\n", 1)
                event: dict[str, str] = {}
                for line in block.decode().splitlines():
                    name, _, value = line.partition(": ")
                    if name in ("id", "event"):
                        event[name] = value
                    elif name == "data":
                        event["data"] = event.get("data", "") + value
                if "event" in event:
                    return event
            # Waiting must not cancel the read: that would end the stream, as a closed tab does.
            if self.pending is None:
                self.pending = asyncio.ensure_future(self.chunks.__anext__())
            left = max(0.0, deadline - asyncio.get_running_loop().time())
            done, _ = await asyncio.wait({self.pending}, timeout=left)
            if not done:
                raise TimeoutError
            self.buffer += self.pending.result()
            self.pending = None

    async def nothing_within(self, seconds: float) -> bool:
        try:
            await self.next(timeout=seconds)
        except TimeoutError:
            return True
        return False

    async def close(self) -> None:
        if self.pending is not None:
            self.pending.cancel()  # as the server does when the browser goes
            with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                await self.pending
        await self.chunks.aclose()  # type: ignore[attr-defined]


@pytest.fixture
def open_stream():
    """``await open_stream(user, url, **headers)``: a stream as that user's browser has it."""

    async def _open(user, url: str, **headers: str) -> Stream:
        client = AsyncClient()
        if user is not None:
            await client.aforce_login(user)
        response = await client.get(url, headers=headers)
        assert response.status_code == 200, response
        assert response["Content-Type"] == "text/event-stream"
        stream = Stream(response)
        # A browser reads at once; the stream joins its groups before its first line.
        stream.buffer = await asyncio.wait_for(stream.chunks.__anext__(), 3)
        assert stream.buffer.startswith(b"retry: ")
        return stream

    return _open


@pytest.fixture
def run():
    """Run an async scenario from a sync test: the ORM calls it makes through sync_to_async
    come back to this thread, where the test database lives."""
    return lambda scenario: async_to_sync(scenario)()
