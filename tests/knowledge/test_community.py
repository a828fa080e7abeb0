import pytest
from django.test import Client
from django.urls import reverse

from core import ratelimit
from knowledge.models import AbuseReport, Answer, ArticleFeedback, Question, Vote
from tests.factories import UserFactory
from tests.knowledge.factories import make_question

pytestmark = pytest.mark.django_db


def q_url(question):
    return reverse("knowledge:question", args=[question.pk])


def test_a_customer_asks_a_question(customer_client, customer):
    response = customer_client.post(
        reverse("knowledge:ask"),
        {
            "title": "How do I clean the drain filter?",
            "body": "Mine is stuck.",
            "topic": "engineer-visits",
        },
    )
    question = Question.objects.get()
    assert response["Location"] == q_url(question)
    assert question.author == customer.user


def test_a_too_short_question_is_explained_and_kept(customer_client):
    response = customer_client.post(
        reverse("knowledge:ask"), {"title": "Help?", "body": "my words"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "at least 10 characters" in html
    assert "my words" in html
    assert not Question.objects.exists()


def test_asking_is_rate_limited(customer_client):
    for n in range(3):
        customer_client.post(reverse("knowledge:ask"), {"title": f"Question number {n} here?"})
    response = customer_client.post(reverse("knowledge:ask"), {"title": "One question too many?"})
    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert "One question too many?" in response.content.decode()
    assert Question.objects.count() == 3


def test_community_limits_count_in_the_one_limiter(customer_client, customer, settings):
    """Answers and reports are limited per person, each action on its own counter, and the
    counters are the project's one limiter's (core.ratelimit), which keeps counting per
    process while Redis is down."""
    settings.KNOWLEDGE_RATE_LIMITS = {"answer": (2, 600), "report": (1, 3600)}
    question = make_question()
    answer_url = reverse("knowledge:answer", args=[question.pk])
    for n in range(2):
        customer_client.post(answer_url, {"body": f"Answer number {n}"})
    refused = customer_client.post(answer_url, {"body": "One answer too many"})
    assert refused.status_code == 429
    assert "One answer too many" in refused.content.decode()
    assert Answer.objects.count() == 2
    report_url = reverse("knowledge:report", args=[question.pk])
    customer_client.post(report_url, {"reason": "Spam link"})
    customer_client.post(report_url, {"reason": "Spam again"})
    assert AbuseReport.objects.count() == 1
    user = customer.user.pk
    assert not ratelimit.within(f"knowledge:answer:{user}", limit=2, window_seconds=600)
    assert not ratelimit.within(f"knowledge:report:{user}", limit=1, window_seconds=3600)
    assert ratelimit.within(f"knowledge:question:{user}", limit=3, window_seconds=600)


def test_guests_are_asked_to_sign_in_to_ask(client):
    assert client.get(reverse("knowledge:ask")).status_code == 302


def test_posts_are_escaped(client):
    question = make_question(
        "<b>Bold</b> question?", "<script>alert(1)</script>", answers=["<img src=x>"]
    )
    html = client.get(q_url(question)).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x>" not in html
    assert "&lt;script&gt;" in html


def test_the_answer_page_shows_did_this_solve_it_and_contact_us(client):
    question = make_question(answers=["Turn the feet."])
    html = client.get(q_url(question)).content.decode()
    assert "Did this solve it?" in html and "Contact Us" in html
    assert html.count("<h1") == 1
    client.post(reverse("knowledge:question_solved", args=[question.pk]), {"answer": "yes"})
    assert ArticleFeedback.objects.get().question == question


def test_someone_answers_and_the_asker_accepts(customer_client, customer):
    question = make_question(author=customer.user)
    helper = Client()
    helper.force_login(UserFactory(role="customer"))
    helper.post(reverse("knowledge:answer", args=[question.pk]), {"body": "Turn the feet."})
    answer = Answer.objects.get()
    question.refresh_from_db()
    assert question.answer_count == 1
    customer_client.post(reverse("knowledge:accept", args=[answer.pk]))
    question.refresh_from_db()
    assert question.accepted_answer == answer


def test_only_the_asker_accepts(customer_client, customer):
    question = make_question(answers=["Turn the feet."])
    customer_client.post(reverse("knowledge:accept", args=[question.answers.get().pk]))
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_an_empty_answer_is_explained(customer_client):
    question = make_question()
    response = customer_client.post(reverse("knowledge:answer", args=[question.pk]), {"body": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_a_locked_question_takes_no_answers(customer_client, agent):
    question = make_question()
    question.locked = True
    question.save()
    customer_client.post(reverse("knowledge:answer", args=[question.pk]), {"body": "Late answer"})
    assert not Answer.objects.exists()


def test_voting_counts_once_and_can_be_taken_back(customer_client):
    question = make_question(answers=["Turn the feet."])
    answer = question.answers.get()
    customer_client.post(reverse("knowledge:vote", args=[answer.pk]))
    customer_client.post(reverse("knowledge:vote", args=[answer.pk]))
    answer.refresh_from_db()
    assert answer.score == 0 and not Vote.objects.exists()
    customer_client.post(reverse("knowledge:vote", args=[answer.pk]))
    answer.refresh_from_db()
    assert answer.score == 1


def test_anyone_signed_in_can_report_a_post(customer_client):
    question = make_question(answers=["Buy from my shop!"])
    answer = question.answers.get()
    customer_client.post(
        reverse("knowledge:report", args=[question.pk]), {"answer": answer.pk, "reason": "Spam"}
    )
    assert AbuseReport.objects.get().answer == answer


def test_staff_hide_and_lock(agent_client):
    client = Client()
    question = make_question(answers=["Rude words"])
    answer = question.answers.get()
    agent_client.post(
        reverse("knowledge:moderate", args=[question.pk]),
        {"action": "hide_answer", "answer": answer.pk},
    )
    assert "Rude words" not in client.get(q_url(question)).content.decode()
    agent_client.post(reverse("knowledge:moderate", args=[question.pk]), {"action": "lock"})
    agent_client.post(reverse("knowledge:moderate", args=[question.pk]), {"action": "hide"})
    question.refresh_from_db()
    assert question.locked and question.hidden
    assert client.get(q_url(question)).status_code == 404
    assert agent_client.get(q_url(question)).status_code == 200


def test_customers_cannot_moderate(customer_client):
    question = make_question()
    response = customer_client.post(
        reverse("knowledge:moderate", args=[question.pk]), {"action": "hide"}
    )
    assert response.status_code == 403
    question.refresh_from_db()
    assert not question.hidden


def test_the_list_is_keyset_paginated(client, django_assert_max_num_queries):
    for n in range(25):
        make_question(f"Question number {n}?")
    with django_assert_max_num_queries(3):
        first = client.get(reverse("knowledge:community"))
    assert len(first.context["questions"]) == 20
    second = client.get(reverse("knowledge:community") + first.context["next_url"])
    assert len(second.context["questions"]) == 5
    assert not {q.pk for q in first.context["questions"]} & {
        q.pk for q in second.context["questions"]
    }


def test_a_thread_loads_with_a_fixed_number_of_queries(
    customer_client, django_assert_max_num_queries
):
    question = make_question(answers=[f"Answer {n}" for n in range(10)])
    customer_client.get(q_url(question))
    with django_assert_max_num_queries(14):
        customer_client.get(q_url(question))


@pytest.mark.parametrize("answer_id", ["abc", "999999", "-1"])
def test_a_bad_answer_id_is_not_found_not_an_error(agent_client, answer_id):
    question = make_question()
    report = reverse("knowledge:report", args=[question.pk])
    moderate = reverse("knowledge:moderate", args=[question.pk])
    assert agent_client.post(report, {"answer": answer_id, "reason": "Spam"}).status_code == 404
    data = {"action": "hide_answer", "answer": answer_id}
    assert agent_client.post(moderate, data).status_code == 404


def test_an_answer_of_another_question_cannot_be_reported_through_this_one(customer_client):
    question, other = make_question(), make_question(answers=["Elsewhere"])
    answer = other.answers.get()
    url = reverse("knowledge:report", args=[question.pk])
    assert customer_client.post(url, {"answer": answer.pk, "reason": "Spam"}).status_code == 404
