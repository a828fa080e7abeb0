"""The routing decisions, table-driven: which team gets a case, which agent is offered it."""

from decimal import Decimal

import pytest

from cases.routing import AgentLoad, CaseFacts, Rule, decide, is_offline, pick_agent

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
        (CaseFacts(reason_id=WISMO), DELIVERIES, 1, ("reason Where is my order?",)),
        # A rule on a parent reason covers its children.
        (
            CaseFacts(reason_id=DAMAGED_CHILD, reason_parent_id=DAMAGED),
            DELIVERIES,
            2,
            ("reason Damaged or wrong",),
        ),
        (CaseFacts(item_kind="quote"), ACCOUNTS, 3, ("item quote",)),
        (CaseFacts(language="nl"), DUTCH, 4, ("language nl",)),
        (CaseFacts(language="nl-be"), DUTCH, 4, ("language nl",)),
        (CaseFacts(segment="vip"), VIP, 5, ("segment vip",)),
        (
            CaseFacts(lifetime_value=Decimal("5000")),
            VIP,
            6,
            ("lifetime value at least 5000",),
        ),
        (CaseFacts(lifetime_value=Decimal("4999.99")), 99, None, ()),
        (CaseFacts(channel="phone"), PHONE_DESK, 7, ("channel phone",)),
        (CaseFacts(priority="critical"), URGENT, 8, ("priority critical",)),
        # Every condition of a rule must hold: billing by message is not "billing by chat".
        (CaseFacts(reason_id=BILLING, channel="message"), 99, None, ()),
        (CaseFacts(reason_id=BILLING, channel="chat"), ACCOUNTS, 9, ("reason 4", "channel chat")),
        # First match wins: a Dutch customer asking where their order is goes to Deliveries.
        (CaseFacts(reason_id=WISMO, language="nl"), DELIVERIES, 1, ("reason Where is my order?",)),
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
