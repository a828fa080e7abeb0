import re

import pytest
from django.urls import reverse

from cases.models import CaseEvent, CaseStatus
from feedback.models import Feedback, FeedbackVersion
from tests.factories import CaseFactory, ItemFactory

pytestmark = pytest.mark.django_db


def url(target, pk):
    return reverse("feedback:give", kwargs={"target": target, "pk": pk})


ANSWERS = {
    "satisfaction": "4",
    "feeling": "5",
    "comment": "Driver was lovely.",
    "follow_up_requested": "",
}


def test_it_shows_the_two_questions_and_the_button(customer_client, customer):
    item = ItemFactory(customer=customer)
    html = customer_client.get(url("item", item.pk)).content.decode()
    assert html.count("<h1") == 1
    assert "How satisfied are you with the outcome?" in html
    assert "How did we make you feel?" in html
    assert "Very satisfied" in html and "Really valued" in html
    assert "I&#x27;d like someone to follow this up" in html
    assert ">Send feedback</button>" in html


def test_it_saves_feedback_about_an_item(customer_client, customer):
    item = ItemFactory(customer=customer)
    response = customer_client.post(url("item", item.pk), ANSWERS)
    assert response.status_code == 302
    feedback = Feedback.objects.get(customer=customer, item=item)
    assert (feedback.satisfaction, feedback.feeling, feedback.comment) == (
        4,
        5,
        "Driver was lovely.",
    )
    assert feedback.item_kind == "order"
    page = customer_client.get(response["Location"]).content.decode()
    assert "Your feedback has been saved" in page


def test_it_keeps_every_version_and_shows_the_latest(customer_client, customer):
    item = ItemFactory(customer=customer)
    customer_client.post(url("item", item.pk), ANSWERS)
    customer_client.post(url("item", item.pk), {**ANSWERS, "satisfaction": "2", "comment": "Broke"})
    feedback = Feedback.objects.get(item=item)
    assert feedback.satisfaction == 2 and feedback.version == 2
    assert list(
        FeedbackVersion.objects.filter(feedback=feedback).values_list("satisfaction", flat=True)
    ) == [2, 4]
    html = customer_client.get(url("item", item.pk)).content.decode()
    assert re.search(r'name="satisfaction" value="2"[^>]*checked', html)
    assert "Your earlier answers" in html


def test_it_keeps_the_comment_when_an_answer_is_missing(customer_client, customer):
    item = ItemFactory(customer=customer)
    response = customer_client.post(
        url("item", item.pk), {"feeling": "3", "comment": "Please keep me <safe>"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose how satisfied you are, from 1 to 5." in html
    assert "Please keep me &lt;safe&gt;" in html
    assert not Feedback.objects.exists()


def test_it_rejects_an_answer_off_the_scale(customer_client, customer):
    item = ItemFactory(customer=customer)
    response = customer_client.post(url("item", item.pk), {**ANSWERS, "satisfaction": "9"})
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_another_customers_item_is_not_found(customer_client, other_customer):
    item = ItemFactory(customer=other_customer)
    assert customer_client.get(url("item", item.pk)).status_code == 404
    assert customer_client.post(url("item", item.pk), ANSWERS).status_code == 404
    assert not Feedback.objects.exists()


def test_another_customers_case_is_not_found(customer_client, other_customer):
    case = CaseFactory(customer=other_customer)
    assert customer_client.get(url("case", case.pk)).status_code == 404


def test_an_unknown_target_is_not_found(customer_client, customer):
    item = ItemFactory(customer=customer)
    assert customer_client.get(url("order", item.pk)).status_code == 404


def test_it_asks_a_signed_out_visitor_to_sign_in(client, customer):
    item = ItemFactory(customer=customer)
    response = client.get(url("item", item.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_without_a_customer_record_get_a_404(agent_client, customer):
    item = ItemFactory(customer=customer)
    assert agent_client.get(url("item", item.pk)).status_code == 404


def test_feedback_on_a_case_goes_on_its_timeline(customer_client, customer):
    case = CaseFactory(customer=customer, status=CaseStatus.RESOLVED, channel="phone")
    customer_client.post(url("case", case.pk), {**ANSWERS, "follow_up_requested": "on"})
    event = CaseEvent.objects.get(case=case, kind="feedback")
    assert event.public
    assert event.data["satisfaction"] == 4 and event.data["follow_up_requested"] is True
    feedback = Feedback.objects.get(case=case)
    assert feedback.channel == "phone" and feedback.team_slug == case.team.slug
    assert feedback.follow_up_status == "requested"


def test_the_form_page_has_a_pinned_query_count(
    customer_client, customer, django_assert_max_num_queries
):
    item = ItemFactory(customer=customer)
    customer_client.post(url("item", item.pk), ANSWERS)
    customer_client.post(url("item", item.pk), ANSWERS)
    with django_assert_max_num_queries(9):
        customer_client.get(url("item", item.pk))


def test_the_customer_sees_their_feedback_list(customer_client, customer):
    item = ItemFactory(customer=customer, reference="ORD-777")
    customer_client.post(url("item", item.pk), ANSWERS)
    html = customer_client.get(reverse("feedback:home")).content.decode()
    assert "ORD-777" in html and "Satisfied" in html


def test_the_feedback_list_shows_only_the_customers_own(customer_client, customer, other_customer):
    from feedback.services import feedback_submit

    feedback_submit(
        customer=other_customer,
        item=ItemFactory(customer=other_customer, reference="ORD-OTHER"),
        satisfaction=3,
        feeling=3,
    )
    html = customer_client.get(reverse("feedback:home")).content.decode()
    assert "ORD-OTHER" not in html
    assert "You have not given any feedback yet" in html
