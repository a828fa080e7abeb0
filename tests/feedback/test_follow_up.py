import pytest
from django.urls import reverse

from cases.models import Case, CaseEvent, CaseStatus
from feedback.models import Feedback, FollowUpStatus
from feedback.services import feedback_pick_up, feedback_submit, follow_up_status_after
from tests.factories import CaseFactory, ItemFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("current", "requested", "expected"),
    [
        (FollowUpStatus.NOT_REQUESTED, True, FollowUpStatus.REQUESTED),
        (FollowUpStatus.NOT_REQUESTED, False, FollowUpStatus.NOT_REQUESTED),
        (FollowUpStatus.REQUESTED, False, FollowUpStatus.NOT_REQUESTED),
        (FollowUpStatus.REQUESTED, True, FollowUpStatus.REQUESTED),
        (FollowUpStatus.PICKED_UP, False, FollowUpStatus.PICKED_UP),
        (FollowUpStatus.PICKED_UP, True, FollowUpStatus.PICKED_UP),
    ],
)
def test_follow_up_status_after_an_answer(current, requested, expected):
    assert follow_up_status_after(current=current, requested=requested) == expected


def test_picking_up_item_feedback_opens_a_case_and_the_customer_sees_who(
    customer, customer_client, agent
):
    agent.first_name = "Sam"
    agent.save()
    item = ItemFactory(customer=customer)
    feedback = feedback_submit(
        customer=customer,
        item=item,
        satisfaction=1,
        feeling=1,
        comment="Nobody came",
        follow_up_requested=True,
    )
    feedback = feedback_pick_up(feedback=feedback, agent=agent)
    case = Case.objects.get(customer=customer, item=item)
    assert feedback.follow_up_case == case and case.channel == "feedback"
    assert CaseEvent.objects.filter(case=case, kind="feedback", author=agent).exists()
    html = customer_client.get(
        reverse("feedback:give", kwargs={"target": "item", "pk": item.pk})
    ).content.decode()
    assert "Picked up by Sam" in html
    assert case.reference in html


def test_picking_up_case_feedback_joins_that_case(customer, agent):
    case = CaseFactory(customer=customer, status=CaseStatus.RESOLVED)
    feedback = feedback_submit(
        customer=customer, case=case, satisfaction=2, feeling=2, follow_up_requested=True
    )
    feedback_pick_up(feedback=feedback, agent=agent)
    assert Case.objects.count() == 1
    assert CaseEvent.objects.filter(case=case, kind="feedback").count() == 2


def test_picking_up_twice_changes_nothing(customer, agent, manager):
    item = ItemFactory(customer=customer)
    feedback = feedback_submit(
        customer=customer, item=item, satisfaction=2, feeling=2, follow_up_requested=True
    )
    feedback_pick_up(feedback=feedback, agent=agent)
    again = feedback_pick_up(feedback=feedback, agent=manager)
    assert again.picked_up_by == agent
    assert Case.objects.count() == 1


def test_a_customer_cannot_submit_about_someone_elses_item(customer, other_customer):
    item = ItemFactory(customer=other_customer)
    with pytest.raises(PermissionError):
        feedback_submit(customer=customer, item=item, satisfaction=3, feeling=3)


def test_agents_see_the_follow_up_queue_and_pick_up_from_it(agent_client, agent, customer):
    waiting = feedback_submit(
        customer=customer,
        item=ItemFactory(customer=customer),
        satisfaction=1,
        feeling=2,
        comment="Call me please",
        follow_up_requested=True,
    )
    feedback_submit(
        customer=customer, item=ItemFactory(customer=customer), satisfaction=5, feeling=5
    )
    queue = reverse("admin:feedback_followuprequest_changelist")
    response = agent_client.get(queue)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    response = agent_client.post(
        queue, {"action": "pick_up", "_selected_action": [waiting.pk]}, follow=True
    )
    assert "1 follow-up picked up." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.follow_up_status == FollowUpStatus.PICKED_UP and waiting.picked_up_by == agent


def test_customers_cannot_open_the_queue(customer_client):
    response = customer_client.get(reverse("admin:feedback_followuprequest_changelist"))
    assert response.status_code == 302


def test_the_queue_filters_name_channels_teams_and_kinds_not_stored_keys(agent_client, customer):
    TeamFactory(slug="deliveries", name="Deliveries team")
    feedback_submit(
        customer=customer,
        item=ItemFactory(customer=customer),
        satisfaction=1,
        feeling=2,
        follow_up_requested=True,
    )
    Feedback.objects.update(channel="message", team_slug="deliveries", item_kind="order")
    queue = reverse("admin:feedback_followuprequest_changelist")
    page = agent_client.get(queue).content.decode()
    assert ">Send a message</a>" in page and ">Deliveries team</a>" in page
    assert ">message</a>" not in page and ">deliveries</a>" not in page
    assert 'href="?channel="' not in page
    chosen = agent_client.get(queue, {"team_slug": "deliveries", "channel": "message"})
    assert chosen.context["cl"].result_count == 1
    assert agent_client.get(queue, {"channel": "chat"}).context["cl"].result_count == 0
