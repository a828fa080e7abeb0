import pytest

from cases.models import ChannelKind
from channels_routing.models import AgentPresence, Channel, PresenceStatus
from knowledge.models import Journey
from tests.channels_routing.factories import ALWAYS
from tests.factories import ContactReasonFactory, ItemFactory


@pytest.fixture
def channels(db, agent):
    """All four channels open around the clock, with one agent available on each."""
    made = {}
    for kind in ChannelKind.values:
        channel = Channel.objects.create(
            kind=kind, business_hours=ALWAYS, capacity=2, phone_number="+31 20 123 4567"
        )
        AgentPresence.objects.create(agent=agent, channel=channel, status=PresenceStatus.AVAILABLE)
        made[kind] = channel
    return made


@pytest.fixture
def item(customer):
    return ItemFactory(customer=customer, reference="ORD-55501", title="Dishwasher DW-45")


@pytest.fixture
def urgent_reason(db):
    return ContactReasonFactory(slug="where-is-it", name="Where is my order?", urgency="high")


@pytest.fixture
def calm_reason(db):
    return ContactReasonFactory(slug="return-it", name="Return or refund", urgency="normal")


@pytest.fixture
def journey(customer, item, urgent_reason):
    return Journey.objects.create(customer=customer, item=item, reason=urgent_reason)


@pytest.fixture
def desk_client(agent):
    """The agent in their own browser, next to the customer's ``customer_client``. These
    cases have no team, so the agent is also a manager here (who sees every case's chats and
    callbacks); tests/security covers the desk's team scoping."""
    from django.contrib.auth.models import Group
    from django.test import Client

    agent.groups.add(Group.objects.get(name="manager"))
    browser = Client()
    browser.force_login(agent)
    return browser
