"""Factories for the knowledge app. Articles and threads go through the services, so they are
indexed for search exactly as in production."""

from django.contrib.auth.models import User

from knowledge import search, services
from knowledge.models import Answer, Article, ArticleKind, ArticleStatus, Question
from mystuff.models import ContactReason
from tests.factories import UserFactory


def make_article(
    slug: str,
    title: str,
    body: str = "Some helpful text.",
    *,
    summary: str = "",
    kind: str = ArticleKind.ARTICLE,
    status: str = ArticleStatus.PUBLISHED,
    reasons: list[ContactReason] | None = None,
    item_kinds: list[str] | None = None,
    topic: str = "",
    translations: dict[str, tuple[str, str]] | None = None,
) -> Article:
    article = Article.objects.create(
        slug=slug, kind=kind, status=status, item_kinds=item_kinds or [], topic=topic
    )
    if reasons:
        article.reasons.set(reasons)
    services.article_save_translation(
        article=article, language="en", title=title, summary=summary, body=body
    )
    for language, (other_title, other_body) in (translations or {}).items():
        services.article_save_translation(
            article=article, language=language, title=other_title, body=other_body
        )
    return article


def make_question(
    title: str = "How do I level my washing machine?",
    body: str = "It wobbles.",
    *,
    author: User | None = None,
    language: str = "en",
    answers: list[str] | None = None,
) -> Question:
    question = Question.objects.create(
        author=author or UserFactory(role="customer"), title=title, body=body, language=language
    )
    for text in answers or []:
        Answer.objects.create(question=question, author=UserFactory(role="customer"), body=text)
    question.answer_count = len(answers or [])
    question.save(update_fields=["answer_count"])
    search.index_question(question)
    return question
