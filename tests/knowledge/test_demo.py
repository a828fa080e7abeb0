import io

import pytest

from contact_portal.demo import seed_users
from knowledge.demo import seed
from knowledge.models import Article, ArticleStatus, ArticleTranslation, Question, SearchDocument

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_real_knowledge_base_and_runs_twice():
    seed_users()
    seed(io.StringIO())
    counts = (
        Article.objects.count(),
        ArticleTranslation.objects.count(),
        SearchDocument.objects.count(),
    )
    seed_users()
    seed(io.StringIO())
    assert (
        Article.objects.count(),
        ArticleTranslation.objects.count(),
        SearchDocument.objects.count(),
    ) == counts
    assert Article.objects.filter(status=ArticleStatus.PUBLISHED).count() >= 40
    assert Question.objects.count() >= 10
    for language in ("en", "nl", "de"):
        assert ArticleTranslation.objects.filter(language=language).count() >= 40
        assert Question.objects.filter(language=language).exists()
    assert Article.objects.filter(reasons__slug="where-is-my-order").exists()
