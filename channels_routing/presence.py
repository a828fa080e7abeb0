"""Agents' desk presence, as cases reads it to route work (registered in ``apps.ready``), and
what cases does when an agent becomes available (``presence_saved``, connected there too)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.db.models.expressions import BaseExpression

from cases import presence
from cases.services import agent_has_room
from channels_routing.models import AgentPresence, PresenceStatus


def _available(agent: OuterRef) -> BaseExpression:
    return Exists(AgentPresence.objects.filter(agent=agent, status=PresenceStatus.AVAILABLE))


def _statuses() -> dict[int, list[str]]:
    statuses: dict[int, list[str]] = {}
    for agent_id, status in AgentPresence.objects.values_list("agent_id", "status"):
        statuses.setdefault(agent_id, []).append(status)
    return statuses


def register() -> None:
    presence.register(presence.PresenceSource(available=_available, statuses=_statuses))


def presence_saved(sender: Any, instance: AgentPresence, raw: bool = False, **kwargs: Any) -> None:
    """An agent is available on a channel (the desk, the admin, the demo): the cases waiting in
    their push teams because nobody had room are offered now, in the same transaction."""
    if instance.status == PresenceStatus.AVAILABLE and not raw:
        agent_has_room(agent_id=instance.agent_id)
