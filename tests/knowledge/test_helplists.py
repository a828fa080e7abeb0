"""The Need Help page's shared lists (knowledge/helplists.py): rendered once per language, and
never stale after the knowledge base changes.

Each test reads the page (the lists are rendered and kept), changes something the way editors,
customers and moderators do, and reads it again: the change must be there at once.
"""

from unittest import mock

import pytest
from django.urls import reverse

from knowledge import helplists, services
from knowledge.models import ArticleStatus, Topic
from tests.factories import UserFactory
from tests.knowledge.factories import make_article, make_question

pytestmark = pytest.mark.django_db
HOME = reverse("knowledge:home")


def _lists(html: str) -> str:
    start = html.index('aria-labelledby="popular-heading"')
    return html[start : html.index('aria-labelledby="get-in-touch-heading"')]


def test_a_second_visit_reads_no_knowledge_tables(
    customer_client, django_assert_num_queries, session_queries
):
    make_article("track", "Track your delivery", topic=Topic.DELIVERIES)
    make_question("Is humming normal for a fridge?")
    first = customer_client.get(HOME).content.decode()
    # (session,) user: the page comes from the page cache (the journey its Contact Us links
    # carry is covered by the customer's token), its lists from their own kept copy (a
    # hole, read in the same round trip), as links, not escaped text.
    with django_assert_num_queries(session_queries + 1):
        second = customer_client.get(HOME).content.decode()
    assert _lists(second) == _lists(first)
    assert ">Track your delivery</a>" in second and "&lt;li&gt;" not in second
    assert ">Is humming normal for a fridge?</a>" in second and "Deliveries" in second


def test_a_published_article_and_its_new_title_show_at_once(client):
    article = make_article("pay", "Payment methods", status=ArticleStatus.DRAFT)
    assert "Payment methods" not in client.get(HOME).content.decode()
    services.article_set_status(article=article, status=ArticleStatus.PUBLISHED)
    assert "Payment methods" in client.get(HOME).content.decode()
    services.article_save_translation(
        article=article, language="en", title="Ways to pay", body="Card or invoice."
    )
    html = client.get(HOME).content.decode()
    assert "Ways to pay" in html and "Payment methods" not in html


def test_a_new_question_and_its_answers_show_at_once(client, customer):
    client.get(HOME)
    question = services.question_ask(
        author=customer.user, title="Can I move my delivery day?", body="", language="en"
    )
    html = client.get(HOME).content.decode()
    assert "Can I move my delivery day?" in html and "0 answers" in html
    services.answer_post(question=question, author=UserFactory(role="customer"), body="Yes!")
    assert "1 answer<" in client.get(HOME).content.decode()


def test_a_question_hidden_by_a_moderator_goes_at_once(client, manager):
    question = make_question("Buy cheap watches here now")
    assert "Buy cheap watches" in client.get(HOME).content.decode()
    services.question_moderate(question=question, by=manager, hidden=True)
    assert "Buy cheap watches" not in client.get(HOME).content.decode()


def test_each_language_gets_its_own_lists(client):
    make_article(
        "track", "Track your delivery", translations={"nl": ("Volg je bezorging", "Tekst.")}
    )
    assert "Track your delivery" in client.get(HOME).content.decode()
    client.cookies["django_language"] = "nl"
    html = client.get(HOME).content.decode()
    assert "Volg je bezorging" in html and "Track your delivery" not in html


def test_the_popular_order_follows_reads_within_a_minute(client):
    make_article("a", "Article Alpha")
    beta = make_article("b", "Article Beta")
    html = _lists(client.get(HOME).content.decode())
    assert html.index("Article Alpha") < html.index("Article Beta")
    for _ in range(3):
        services.journey_record_article(journey=None, article=beta)
    # Reads replace no token: the kept order stands until the copy expires.
    html = _lists(client.get(HOME).content.decode())
    assert html.index("Article Alpha") < html.index("Article Beta")
    helplists.cache.delete(helplists.ENTRY_KEY.format("en"))  # what SECONDS does
    html = _lists(client.get(HOME).content.decode())
    assert html.index("Article Beta") < html.index("Article Alpha")


def test_the_page_still_renders_when_the_cache_is_down(client):
    make_article("track", "Track your delivery")
    with mock.patch.object(helplists.cache, "get_many", side_effect=ConnectionError("down")):
        response = client.get(HOME)
    assert response.status_code == 200
    assert "Track your delivery" in response.content.decode()


def test_an_editors_save_still_succeeds_when_the_cache_is_down():
    down = ConnectionError("down")
    with (
        mock.patch.object(helplists.cache, "set", side_effect=down),
        mock.patch.object(helplists.cache, "set_many", side_effect=down) as replacing,
    ):
        article = make_article("track", "Track your delivery")
    assert replacing.called  # the token was tried, and its failure did not fail the save
    assert article.pk
