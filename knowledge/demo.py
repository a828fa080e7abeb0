"""Demo knowledge base: 45 articles and FAQs in every shipped language and 10 community
threads in en, nl and de.

Idempotent: everything is keyed on natural keys (article slug, tag slug, question title and
author, answer question and author), so running it again changes nothing.
"""

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from core.demo import ensure_user
from core.roles import AGENT, CUSTOMER
from knowledge import search, services
from knowledge.demo_content import (
    ARTICLES,
    COMMUNITY_MEMBERS,
    DRAFTS,
    REASON_TRANSLATIONS,
    THREADS,
)
from knowledge.models import (
    Answer,
    Article,
    ArticleFeedback,
    ArticleStatus,
    Journey,
    JourneyEvent,
    JourneyEventKind,
    JourneyOutcome,
    Question,
    SearchRecord,
    Tag,
)
from mystuff.models import ContactReason, Customer, Item


def seed(stdout: Any) -> None:
    for slug, translations in REASON_TRANSLATIONS.items():
        ContactReason.objects.filter(slug=slug).update(translations=translations)
    reasons = {r.slug: r for r in ContactReason.objects.all()}
    editor = User.objects.filter(username="manager@example.com").first()

    count = len(ARTICLES)
    for position, row in enumerate(ARTICLES):
        _article(row, ArticleStatus.PUBLISHED, reasons, editor, views=(count - position) * 7)
    for row in DRAFTS:
        _article(row, ArticleStatus.DRAFT, reasons, editor, views=0)

    authors = _community_members()
    for key, language, topic, title, body, answers, accepted in THREADS:
        _thread(authors, key, language, topic, title, body, answers, accepted)

    _gap_examples(reasons)
    stdout.write(
        f"knowledge: {len(ARTICLES)} articles and FAQs, {len(DRAFTS)} draft, "
        f"{len(THREADS)} community threads"
    )


def _article(
    row: tuple, status: str, reasons: dict[str, ContactReason], editor: User | None, views: int
) -> Article:
    slug, kind, topic, reason_slugs, item_kinds, tag_names, translations = row
    article, _created = Article.objects.update_or_create(
        slug=slug,
        defaults={"kind": kind, "topic": topic, "item_kinds": item_kinds, "status": status},
    )
    if article.view_count < views:
        Article.objects.filter(pk=article.pk).update(view_count=views)
    article.reasons.set([reasons[s] for s in reason_slugs if s in reasons])
    tags = []
    for name in tag_names:
        tag, _ = Tag.objects.get_or_create(slug=name.replace(" ", "-"), defaults={"name": name})
        tags.append(tag)
    article.tags.set(tags)
    for language, (title, summary, body) in translations.items():
        current = article.translations.filter(language=language).first()
        if current and (current.title, current.summary, current.body) == (title, summary, body):
            continue
        services.article_save_translation(
            article=article,
            language=language,
            title=title,
            summary=summary,
            body=body,
            editor=editor,
        )
    services.article_record_revisions(article=article, editor=editor)
    search.index_article(article)
    return article


def _community_members() -> dict[str, User]:
    authors: dict[str, User] = {}
    for member in COMMUNITY_MEMBERS:
        user = ensure_user(member["email"], CUSTOMER, member["name"])
        Customer.objects.update_or_create(
            user=user, defaults={"name": member["name"], "email": member["email"]}
        )
        authors[member["key"]] = user
    authors["staff"] = ensure_user("agent@example.com", AGENT, "Sam Agent")
    authors["customer"] = User.objects.get(username="customer@example.com")
    return authors


def _thread(
    authors: dict[str, User],
    key: str,
    language: str,
    topic: str,
    title: str,
    body: str,
    answers: list[tuple[str, str]],
    accepted: int | None,
) -> None:
    # Threads are asked by the members in turn, the demo customer asks the first one.
    asker_keys = ["customer", "member3", "member1", "member2"]
    asker = authors[asker_keys[sum(map(ord, key)) % len(asker_keys)]]
    created = timezone.now() - timedelta(days=3 + sum(map(ord, key)) % 60)
    question, _ = Question.objects.update_or_create(
        title=title,
        author=asker,
        defaults={"body": body, "language": language, "topic": topic, "created_at": created},
    )
    posted = []
    for position, (author_key, text) in enumerate(answers):
        author = authors[author_key]
        answer, _ = Answer.objects.update_or_create(
            question=question,
            author=author,
            defaults={
                "body": text,
                "by_staff": author.is_staff,
                "created_at": created + timedelta(hours=2 + position * 5),
                "score": len(answers) - position + (3 if position == accepted else 0),
            },
        )
        posted.append(answer)
    question.answer_count = len(posted)
    question.accepted_answer = posted[accepted] if accepted is not None else None
    question.save(update_fields=["answer_count", "accepted_answer"])
    search.index_question(question)


def _gap_examples(reasons: dict[str, ContactReason]) -> None:
    """A little history so the knowledge gaps page shows something on a fresh demo."""
    if SearchRecord.objects.filter(term="tumble dryer smells").exists():
        return
    for term, language in [
        ("tumble dryer smells", "en"),
        ("tumble dryer smells", "en"),
        ("cadeaubon", "nl"),
        ("Gutschein einlösen", "de"),
    ]:
        SearchRecord.objects.create(term=term, results=0, language=language)
    late = Article.objects.filter(slug="late-delivery").first()
    tracking = Article.objects.filter(slug="track-your-delivery").first()
    customer = Customer.objects.filter(user__username="customer@example.com").first()
    item = Item.objects.filter(source="shop", external_id="ORD-10388").first()
    if late is None or tracking is None or customer is None:
        return
    for answer in ["no", "no", "no", "yes"]:
        ArticleFeedback.objects.create(article=late, answer=answer, language="en")
    for days in (20, 12):
        journey = Journey.objects.create(
            customer=customer,
            item=item,
            reason=reasons.get("where-is-my-order"),
            outcome=JourneyOutcome.CONTACTED,
            started_at=timezone.now() - timedelta(days=days),
            ended_at=timezone.now() - timedelta(days=days),
        )
        for article in (tracking, late):
            JourneyEvent.objects.create(
                journey=journey, kind=JourneyEventKind.ARTICLE_OPENED, article=article
            )
