"""The Suggested help kept by knowledge/suggested.py: worked out once per language, item kind and
title and reason, and worked out again as soon as the help or the meaning vectors change."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from knowledge import meaning, services, suggested
from knowledge.models import Article, ArticleStatus
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def inputs(where_is_my_order):
    return {
        "language": "en",
        "item_kind": "order",
        "item_title": "Fridge-freezer FF-620",
        "reason_ids": [where_is_my_order.pk],
        "reason_name": "Where is my order?",
    }


def _queries(inputs) -> int:
    with CaptureQueriesContext(connection) as queries:
        suggested.suggestions(**inputs)
    return len(queries)


def test_it_is_worked_out_once_and_kept(inputs, where_is_my_order):
    make_article("track", "Track your delivery", reasons=[where_is_my_order])
    found, html = suggested.suggestions(**inputs)
    assert [s.title for s in found] == ["Track your delivery"] and "Track your delivery" in html
    with CaptureQueriesContext(connection) as queries:
        again = suggested.suggestions(**inputs)
    assert len(queries) == 0 and again == (found, html)


def test_it_is_worked_out_again_when_the_help_or_the_vectors_change(inputs, where_is_my_order):
    article = make_article("track", "Track your delivery", reasons=[where_is_my_order])
    suggested.suggestions(**inputs)
    assert _queries(inputs) == 0
    meaning.bump()  # vectors written by the worker: the search by meaning may rank otherwise
    assert _queries(inputs) > 0
    assert _queries(inputs) == 0
    services.article_set_status(article=article, status=ArticleStatus.DRAFT)
    found, html = suggested.suggestions(**inputs)
    assert found == [] and "We have no articles about this yet." in html


def test_another_item_kind_or_language_is_kept_apart(inputs, where_is_my_order):
    make_article("track", "Track your delivery", reasons=[where_is_my_order], item_kinds=["order"])
    assert suggested.suggestions(**inputs)[0]
    assert suggested.suggestions(**{**inputs, "item_kind": "appointment"})[0] == []


def test_a_reindex_works_it_out_again(inputs, where_is_my_order):
    make_article("track", "Track your delivery", reasons=[where_is_my_order])
    suggested.suggestions(**inputs)
    call_command("knowledge_reindex", stdout=io.StringIO())  # documents rewritten, no save
    assert _queries(inputs) > 0


def test_read_counts_reorder_it_after_its_short_life_without_searching_again(
    inputs, where_is_my_order
):
    make_article("track", "Track your delivery", reasons=[where_is_my_order])
    make_article("late", "Late deliveries", reasons=[where_is_my_order])
    make_article("fridge", "Fridge-freezer noises")  # found by the search on the item title
    found, _html = suggested.suggestions(**inputs)
    assert [s.title for s in found] == [
        "Track your delivery",
        "Late deliveries",
        "Fridge-freezer noises",
    ]
    Article.objects.filter(slug="late").update(view_count=F("view_count") + 5)  # read 5 times
    suggested.cache.delete(suggested.entry_key(**inputs))  # what SECONDS does
    with CaptureQueriesContext(connection) as queries:
        again, _html = suggested.suggestions(**inputs)
    assert [s.title for s in again][:2] == ["Late deliveries", "Track your delivery"]
    assert again[2] == found[2]
    assert not any("knowledge_searchdocument" in q["sql"] for q in queries)
