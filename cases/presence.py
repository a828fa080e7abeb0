"""Who is at the desk, as routing cases to agents needs it.

Cases routes work to agents (``cases.routing``); whether an agent is available, busy or away
on a channel is recorded by channels_routing (``AgentPresence``), which stands above cases.
So cases asks through this one seam and channels_routing fills it in its ``apps.ready``:
cases imports nothing of the app above it. Unfilled (cases alone), nobody is at the desk.
The other way round needs no seam: when an agent becomes available, channels_routing (above)
calls ``cases.services.agent_has_room`` from its presence receiver
(``channels_routing.presence.presence_saved``), which offers the push teams' waiting cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import BooleanField, OuterRef, Value
from django.db.models.expressions import BaseExpression


@dataclass(frozen=True)
class PresenceSource:
    # An expression true when the agent whose id is ``agent`` (an OuterRef) is available.
    available: Callable[[OuterRef], BaseExpression]
    # Every agent's statuses, one per channel: {agent id: ["available", "away", ...]}.
    statuses: Callable[[], dict[int, list[str]]]


_source: PresenceSource | None = None


def register(source: PresenceSource) -> None:
    global _source
    _source = source


def available(agent: OuterRef) -> BaseExpression:
    if _source is None:
        return Value(False, output_field=BooleanField())
    return _source.available(agent)


def statuses() -> dict[int, list[str]]:
    return _source.statuses() if _source is not None else {}
