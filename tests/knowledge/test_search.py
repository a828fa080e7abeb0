import pytest
from django.db import connection

from knowledge import services
from knowledge.models import ArticleKind, ArticleStatus, SearchDocument
from knowledge.search import search, words
from tests.knowledge.factories import make_article, make_question

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Where is my order?", ["order"]),
        ("washing machine washing", ["washing", "machine"]),
        ("a I x", []),
        ("Waar is mijn bestelling", ["bestelling"]),
    ],
)
def test_it_keeps_the_words_worth_searching(term, expected):
    assert words(term) == expected


def test_it_ranks_a_title_match_above_a_body_match():
    make_article("mentions", "Cleaning filters", "After a delivery, clean the filter.")
    make_article("about", "Track your delivery", "Use the tracking code.")
    hits = search("delivery", language="en")
    assert [h.url for h in hits][:2] == ["/help/articles/about/", "/help/articles/mentions/"]


def test_it_finds_articles_faqs_and_community_answers_with_highlighting():
    make_article(
        "refunds", "When will I get my refund?", "Refunds take 5 days.", kind=ArticleKind.FAQ
    )
    make_question(
        "Refund never arrived", "Waiting two weeks.", answers=["My refund came after 6 days."]
    )
    hits = search("refund", language="en")
    kinds = [h.kind for h in hits]
    assert "faq" in kinds
    assert kinds.count("question") + kinds.count("answer") == 1  # the thread, once
    assert all("<mark>" in h.snippet + h.title_html for h in hits)


def test_a_community_question_appears_once_however_many_answers_match():
    question = make_question(
        "My fridge hums at night",
        "The fridge hums loudly.",
        answers=["Mine hums too, the fridge is fine.", "A humming fridge is normal.", "Hums: ok"],
    )
    make_article("fridge-noise", "Why does my fridge hum?", "A fridge hums when cooling.")
    hits = search("fridge hums", language="en", match_any=True)
    threads = [h.question_id for h in hits if h.question_id]
    assert threads == [question.pk]
    assert any(h.article_id for h in hits)  # the article still shows


def test_it_never_finds_a_draft():
    make_article("secret", "Secret dryer launch", "Dryer details.", status=ArticleStatus.DRAFT)
    assert search("dryer", language="en") == []
    assert not SearchDocument.objects.filter(article__slug="secret").exists()


def test_it_stops_finding_an_article_once_unpublished():
    article = make_article("dryer", "Dryer guide", "Dryer details.")
    assert search("dryer", language="en")
    services.article_set_status(article=article, status=ArticleStatus.DRAFT)
    assert search("dryer", language="en") == []


def test_it_answers_in_the_customers_language_and_falls_back_to_english():
    make_article(
        "late",
        "My delivery is late",
        "Late delivery.",
        translations={"nl": ("Mijn bezorging is te laat", "Bezorging te laat.")},
    )
    make_article("slots", "Delivery slots", "Delivery between 7 and 21.")
    dutch = search("bezorging", language="nl")
    assert [h.title for h in dutch] == ["Mijn bezorging is te laat"]
    fallback = search("delivery", language="nl")
    assert "Delivery slots" in [h.title for h in fallback]
    assert "My delivery is late" not in [h.title for h in fallback]


def test_it_finds_any_word_when_every_word_finds_nothing():
    make_article("fridge", "Fridge humming", "Compressor noise.")
    assert [h.title for h in search("fridge zebra", language="en")] == ["Fridge humming"]


def test_it_hides_hidden_community_posts(agent):
    question = make_question("Rude question about ovens", "oven", answers=["oven answer"])
    services.question_moderate(question=question, by=agent, hidden=True)
    assert search("oven", language="en") == []


def test_it_escapes_what_community_members_typed():
    make_question("Toaster <script>alert(1)</script>", "<img src=x onerror=alert(1)> toaster")
    hits = search("toaster", language="en")
    assert hits
    assert "<script>" not in hits[0].snippet and "<img" not in hits[0].snippet


def test_it_forgives_typos_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("typo tolerance uses pg_trgm")
    make_article("track", "Track your delivery", "Tracking code.")
    assert [h.title for h in search("deliverry", language="en")] == ["Track your delivery"]


def test_the_reindex_command_rebuilds_what_customers_can_find():
    import io

    from django.core.management import call_command

    make_article("track", "Track your delivery")
    make_question("Delivery question?", answers=["An answer"])
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    call_command("knowledge_reindex", stdout=out)
    assert "Reindexed 1 articles and 1 community threads." in out.getvalue()
    assert SearchDocument.objects.count() == 3
