"""The Suggested help kept by knowledge/suggested.py: worked out once per language, item kind and
title and reason, and worked out again as soon as the help or the meaning vectors change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge import meaning, services, suggested
from knowledge.models import ArticleStatus
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
