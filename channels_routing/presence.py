"""Agents' desk presence, as cases reads it to route work (registered in ``apps.ready``)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.db.models.expressions import BaseExpression

from cases import presence
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
