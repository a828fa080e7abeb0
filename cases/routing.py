"""Which team gets a new case, and which agent of it: pure decisions, no ORM, no request.

``decide`` walks the manager's rules in order; the first rule whose every condition holds wins,
and the default team catches the rest, so a case is never without a team. The decision says
why as data, the conditions that held (("reason", "Where is my order?"),), which the timeline
puts in the reader's words ("Routed to Deliveries: reason Where is my order?",
``cases.timeline``). ``pick_agent`` is the push assignment: the available agent with room who
speaks the customer's language (then has the skill), with the fewest open cases;
``plan_offers`` hands out the cases that waited for one, when an agent has room again.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CaseFacts:
    """What the rules may look at, read once when the case opens."""

    reason_id: int | None = None
    reason_parent_id: int | None = None
    reason_name: str = ""
    item_kind: str = ""
    language: str = ""
    segment: str = ""
    lifetime_value: Decimal | None = None
    channel: str = ""
    priority: str = ""


@dataclass(frozen=True)
class Rule:
    """One manager-edited rule. An empty condition matches anything."""

    id: int
    name: str
    team_id: int
    team_name: str
    reason_id: int | None = None
    reason_name: str = ""
    item_kind: str = ""
    language: str = ""
    segment: str = ""
    min_lifetime_value: Decimal | None = None
    channel: str = ""
    priority: str = ""
    skill: str = ""


@dataclass(frozen=True)
class Decision:
    team_id: int
    team_name: str
    rule_id: int | None  # None: the default team
    rule_name: str
    # The conditions that held: (what, value) pairs, ("reason", "Where is my order?").
    why: tuple[tuple[str, str], ...]
    skill: str = ""

    @property
    def explanation(self) -> str:
        """In English, for logs and tests: 'reason Where is my order?, language nl' or
        'default team'. Readers see ``cases.timeline.routing_why`` in their language."""
        words = {"lifetime_value": "lifetime value at least"}
        parts = [f"{words.get(what, what)} {value}" for what, value in self.why]
        return ", ".join(parts) if parts else "default team"


def _matches(rule: Rule, facts: CaseFacts) -> tuple[tuple[str, str], ...] | None:
    """The conditions that held; None when one did not."""
    why: list[tuple[str, str]] = []
    if rule.reason_id is not None:
        # A rule on a parent reason ("Damaged or wrong item") covers its children too.
        if rule.reason_id not in (facts.reason_id, facts.reason_parent_id):
            return None
        why.append(("reason", str(rule.reason_name or facts.reason_name or rule.reason_id)))
    if rule.item_kind:
        if rule.item_kind != facts.item_kind:
            return None
        why.append(("item", rule.item_kind))
    if rule.language:
        if rule.language != (facts.language or "").split("-")[0]:
            return None
        why.append(("language", rule.language))
    if rule.segment:
        if rule.segment != facts.segment:
            return None
        why.append(("segment", rule.segment))
    if rule.min_lifetime_value is not None:
        if facts.lifetime_value is None or facts.lifetime_value < rule.min_lifetime_value:
            return None
        why.append(("lifetime_value", str(rule.min_lifetime_value)))
    if rule.channel:
        if rule.channel != facts.channel:
            return None
        why.append(("channel", rule.channel))
    if rule.priority:
        if rule.priority != facts.priority:
            return None
        why.append(("priority", rule.priority))
    return tuple(why)


def decide(facts: CaseFacts, rules: Sequence[Rule], *, default_team: tuple[int, str]) -> Decision:
    """The first rule (in the given order) that matches, else the default team."""
    for rule in rules:
        why = _matches(rule, facts)
        if why is not None:
            return Decision(
                team_id=rule.team_id,
                team_name=rule.team_name,
                rule_id=rule.id,
                rule_name=rule.name,
                why=why or (("rule", rule.name),),
                skill=rule.skill,
            )
    team_id, team_name = default_team
    return Decision(team_id=team_id, team_name=team_name, rule_id=None, rule_name="", why=())


@dataclass(frozen=True)
class AgentLoad:
    """An agent of the team as push assignment sees them."""

    id: int
    available: bool
    open_cases: int
    languages: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()


def base_language(code: str | None) -> str:
    """'nl-BE' -> 'nl': agents speak languages, not regions."""
    return (code or "").split("-")[0].lower()


def pick_agent(
    agents: Iterable[AgentLoad], *, capacity: int, language: str = "", skill: str = ""
) -> int | None:
    """The agent to offer the case to, or None (it waits in the queue for Next case).

    Only available agents below ``capacity`` open cases count. Among them an agent who speaks
    the customer's language comes first, then one with the skill, then the fewest open cases;
    the lowest id breaks ties so the choice is repeatable.
    """
    language = base_language(language)
    candidates = [a for a in agents if a.available and a.open_cases < capacity]
    if not candidates:
        return None
    best = min(
        candidates,
        key=lambda a: (
            not (language and language in a.languages),
            not (skill and skill in a.skills),
            a.open_cases,
            a.id,
        ),
    )
    return best.id


@dataclass(frozen=True)
class WaitingCase:
    """A case of a push team that no agent had room for when it opened."""

    id: int
    team_id: int
    language: str = ""
    skill: str = ""


def plan_offers(
    waiting: Iterable[WaitingCase],
    agents: Mapping[int, Sequence[AgentLoad]],
    capacity: Mapping[int, int],
) -> list[tuple[int, int]]:
    """Which waiting case goes to which agent, now that an agent became available or has
    room again: [(case id, agent id)].

    ``waiting`` comes most urgent first (as Next case orders them); ``agents`` are each push
    team's agents by team id, ``capacity`` each team's open cases per agent. Each case, in
    that order, is offered as if it had just opened (``pick_agent``: a speaker of its language
    first), and the agent's count grows with every case planned for them, also across their
    teams, so nobody is given more than their team's capacity. A case nobody has room for
    keeps waiting.
    """
    load = {agent.id: agent.open_cases for team in agents.values() for agent in team}
    plan: list[tuple[int, int]] = []
    for case in waiting:
        team = [
            AgentLoad(a.id, a.available, load[a.id], a.languages, a.skills)
            for a in agents.get(case.team_id, ())
        ]
        chosen = pick_agent(
            team,
            capacity=capacity.get(case.team_id, 0),
            language=case.language,
            skill=case.skill,
        )
        if chosen is not None:
            plan.append((case.id, chosen))
            load[chosen] += 1
    return plan


def room(agents: Mapping[int, Sequence[AgentLoad]], capacity: Mapping[int, int]) -> int:
    """How many more cases the available agents of these teams can be offered at most."""
    free: dict[int, int] = {}
    for team_id, team in agents.items():
        for agent in team:
            if agent.available:
                left = max(0, capacity.get(team_id, 0) - agent.open_cases)
                free[agent.id] = max(free.get(agent.id, 0), left)
    return sum(free.values())


PRIORITY_RANK = {"critical": 0, "high": 1, "normal": 2, "low": 3}


def is_offline(statuses: Iterable[str]) -> bool:
    """An agent is offline when they said so on the desk for every channel: at least one
    presence, none available or busy. An agent who never used the desk is not offline (they
    work from the admin and pull cases with Next case)."""
    seen = list(statuses)
    return bool(seen) and not any(status in ("available", "busy") for status in seen)
