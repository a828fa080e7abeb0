"""The routing decisions, table-driven: which team gets a case, which agent is offered it."""

from decimal import Decimal

import pytest

from cases.routing import (
    AgentLoad,
    CaseFacts,
    Rule,
    WaitingCase,
    decide,
    is_offline,
    pick_agent,
    plan_offers,
)
from cases.routing import room as room_left

WISMO, DAMAGED, DAMAGED_CHILD, BILLING = 1, 2, 3, 4
DELIVERIES, ACCOUNTS, DUTCH, VIP, PHONE_DESK, URGENT = 10, 11, 12, 13, 14, 15
DEFAULT = (99, "Customer service")

RULES = [
    Rule(1, "Orders", DELIVERIES, "Deliveries", reason_id=WISMO, reason_name="Where is my order?"),
    Rule(2, "Damage", DELIVERIES, "Deliveries", reason_id=DAMAGED, reason_name="Damaged or wrong"),
    Rule(3, "Quotes", ACCOUNTS, "Accounts", item_kind="quote"),
    Rule(4, "Dutch", DUTCH, "Dutch desk", language="nl"),
    Rule(5, "VIP", VIP, "VIP desk", segment="vip"),
    Rule(6, "Big spenders", VIP, "VIP desk", min_lifetime_value=Decimal("5000")),
    Rule(7, "Calls", PHONE_DESK, "Phone desk", channel="phone", skill="phone"),
    Rule(8, "Urgent", URGENT, "Urgent", priority="critical"),
    Rule(9, "Billing by chat", ACCOUNTS, "Accounts", reason_id=BILLING, channel="chat"),
]


@pytest.mark.parametrize(
    ("facts", "team", "rule", "why"),
    [
        (CaseFacts(reason_id=WISMO), DELIVERIES, 1, (("reason", "Where is my order?"),)),
        # A rule on a parent reason covers its children.
        (
            CaseFacts(reason_id=DAMAGED_CHILD, reason_parent_id=DAMAGED),
            DELIVERIES,
            2,
            (("reason", "Damaged or wrong"),),
        ),
        (CaseFacts(item_kind="quote"), ACCOUNTS, 3, (("item", "quote"),)),
        (CaseFacts(language="nl"), DUTCH, 4, (("language", "nl"),)),
        (CaseFacts(language="nl-be"), DUTCH, 4, (("language", "nl"),)),
        (CaseFacts(segment="vip"), VIP, 5, (("segment", "vip"),)),
        (
            CaseFacts(lifetime_value=Decimal("5000")),
            VIP,
            6,
            (("lifetime_value", "5000"),),
        ),
        (CaseFacts(lifetime_value=Decimal("4999.99")), 99, None, ()),
        (CaseFacts(channel="phone"), PHONE_DESK, 7, (("channel", "phone"),)),
        (CaseFacts(priority="critical"), URGENT, 8, (("priority", "critical"),)),
        # Every condition of a rule must hold: billing by message is not "billing by chat".
        (CaseFacts(reason_id=BILLING, channel="message"), 99, None, ()),
        (
            CaseFacts(reason_id=BILLING, channel="chat"),
            ACCOUNTS,
            9,
            (("reason", "4"), ("channel", "chat")),
        ),
        # First match wins: a Dutch customer asking where their order is goes to Deliveries.
        (
            CaseFacts(reason_id=WISMO, language="nl"),
            DELIVERIES,
            1,
            (("reason", "Where is my order?"),),
        ),
        # Nothing matches: the default team, so no case is without a team.
        (CaseFacts(), 99, None, ()),
        (CaseFacts(language="de", segment="standard", channel="message"), 99, None, ()),
    ],
)
def test_it_routes_by_the_first_matching_rule(facts, team, rule, why):
    decision = decide(facts, RULES, default_team=DEFAULT)
    assert (decision.team_id, decision.rule_id, decision.why) == (team, rule, why)


def test_it_explains_the_decision_for_the_timeline():
    routed = decide(CaseFacts(reason_id=WISMO), RULES, default_team=DEFAULT)
    assert (routed.team_name, routed.explanation) == ("Deliveries", "reason Where is my order?")
    fallback = decide(CaseFacts(), RULES, default_team=DEFAULT)
    assert (fallback.team_name, fallback.explanation) == ("Customer service", "default team")


def test_a_rule_without_conditions_catches_everything_after_it():
    catch_all = Rule(20, "Everything", ACCOUNTS, "Accounts")
    decision = decide(CaseFacts(language="de"), [catch_all], default_team=DEFAULT)
    assert (decision.team_id, decision.explanation) == (ACCOUNTS, "rule Everything")


def test_the_rule_passes_on_its_skill():
    assert decide(CaseFacts(channel="phone"), RULES, default_team=DEFAULT).skill == "phone"


def _agent(pk, *, available=True, open_cases=0, languages=(), skills=()):
    return AgentLoad(pk, available, open_cases, frozenset(languages), frozenset(skills))


@pytest.mark.parametrize(
    ("agents", "language", "skill", "chosen"),
    [
        ([], "", "", None),
        # Only available agents below capacity (3) are offered cases.
        ([_agent(1, available=False)], "", "", None),
        ([_agent(1, open_cases=3)], "", "", None),
        ([_agent(1, open_cases=2)], "", "", 1),
        # The fewest open cases, the lowest id breaking ties.
        ([_agent(1, open_cases=2), _agent(2, open_cases=1)], "", "", 2),
        ([_agent(2, open_cases=1), _agent(1, open_cases=1)], "", "", 1),
        # A Dutch case goes first to a Dutch speaker, even a busier one.
        ([_agent(1), _agent(2, open_cases=2, languages=["nl"])], "nl", "", 2),
        ([_agent(1), _agent(2, open_cases=2, languages=["nl"])], "nl-be", "", 2),
        # ... but not to one who is away or full: then to whoever is free.
        ([_agent(1), _agent(2, available=False, languages=["nl"])], "nl", "", 1),
        ([_agent(1), _agent(2, open_cases=3, languages=["nl"])], "nl", "", 1),
        # Language before skill, skill before load.
        ([_agent(1, skills=["phone"]), _agent(2, languages=["nl"])], "nl", "phone", 2),
        ([_agent(1), _agent(2, open_cases=2, skills=["phone"])], "", "phone", 2),
    ],
)
def test_push_offers_the_case_to_the_best_available_agent(agents, language, skill, chosen):
    assert pick_agent(agents, capacity=3, language=language, skill=skill) == chosen


@pytest.mark.parametrize(
    ("statuses", "offline"),
    [
        ([], False),  # never used the desk: works from the admin, not offline
        (["away"], True),
        (["away", "away"], True),
        (["away", "busy"], False),
        (["available"], False),
    ],
)
def test_an_agent_is_offline_when_away_on_every_channel(statuses, offline):
    assert is_offline(statuses) is offline


# --- Waiting cases offered when an agent becomes available or has room again

NL, EN = "nl", "en"
A, B = 10, 20  # two push teams, capacity 2 each


def _waiting(pk, team=A, language="", skill=""):
    return WaitingCase(pk, team, language, skill)


@pytest.mark.parametrize(
    ("waiting", "agents", "plan"),
    [
        # Nobody available: everything keeps waiting.
        ([_waiting(1)], {A: [_agent(1, available=False)]}, []),
        # Most urgent first, up to the capacity of 2; the third keeps waiting.
        ([_waiting(1), _waiting(2), _waiting(3)], {A: [_agent(1)]}, [(1, 1), (2, 1)]),
        # Room for one only: the agent already has one open case.
        ([_waiting(1), _waiting(2)], {A: [_agent(1, open_cases=1)]}, [(1, 1)]),
        # Two agents online at once: shared out by load, nobody past capacity.
        (
            [_waiting(1), _waiting(2), _waiting(3), _waiting(4), _waiting(5)],
            {A: [_agent(1), _agent(2)]},
            [(1, 1), (2, 2), (3, 1), (4, 2)],
        ),
        # A Dutch case goes to the Dutch speaker, the others to whoever has the fewest.
        (
            [_waiting(1), _waiting(2, language=NL), _waiting(3)],
            {A: [_agent(1), _agent(2, languages=[NL])]},
            [(1, 1), (2, 2), (3, 1)],
        ),
        # ... and when the Dutch speaker is full, to the other agent rather than waiting.
        (
            [_waiting(1, language=NL), _waiting(2, language=NL), _waiting(3, language=NL)],
            {A: [_agent(1, languages=[EN]), _agent(2, languages=[NL])]},
            [(1, 2), (2, 2), (3, 1)],
        ),
        # An agent in two teams counts their cases of both against each team's capacity.
        (
            [_waiting(1, team=A), _waiting(2, team=B), _waiting(3, team=B)],
            {A: [_agent(1)], B: [_agent(1)]},
            [(1, 1), (2, 1)],
        ),
        # A case of a team without agents keeps waiting; the others are still offered.
        ([_waiting(1, team=B), _waiting(2, team=A)], {A: [_agent(1)]}, [(2, 1)]),
    ],
)
def test_waiting_cases_are_offered_most_urgent_first_within_capacity(waiting, agents, plan):
    assert plan_offers(waiting, agents, {A: 2, B: 2}) == plan


@pytest.mark.parametrize(
    ("agents", "room"),
    [
        ({A: [_agent(1, available=False)]}, 0),
        ({A: [_agent(1), _agent(2, open_cases=1)]}, 3),
        ({A: [_agent(1, open_cases=5)]}, 0),
        # The same agent in two teams is counted once, with their larger room.
        ({A: [_agent(1, open_cases=1)], B: [_agent(1, open_cases=1)]}, 1),
    ],
)
def test_room_is_what_available_agents_can_still_take(agents, room):
    assert room_left(agents, {A: 2, B: 2}) == room
