"""Writes for the knowledge app. Keyword-only, typed, atomic.

Journeys: the self-help path is recorded here (reason chosen, articles and community threads
opened, searches, "Did this solve it?" answers). The channels app reads ``Journey.events`` and
sets ``outcome="contacted"`` when a contact is made; a "yes" here ends the journey as
``self_solved``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core import ratelimit
from knowledge import gaps, search
from knowledge.models import (
    AbuseReport,
    Answer,
    Article,
    ArticleFeedback,
    ArticleKind,
    ArticleRevision,
    ArticleStatus,
    ArticleTranslation,
    Gap,
    GapSource,
    Journey,
    JourneyEvent,
    JourneyEventKind,
    JourneyOutcome,
    Question,
    SearchRecord,
    SolvedAnswer,
    Vote,
)
from mystuff.models import ContactReason, Customer, Item, ReasonAction

# --- Rate limits on community posting: (how many, per seconds). Settings may override.
RATE_LIMITS: dict[str, tuple[int, int]] = {
    "question": (3, 600),
    "answer": (10, 600),
    "report": (10, 3600),
}


class RateLimited(Exception):
    """Too many posts in a short time."""


def _rate_limit(action: str, user: User) -> None:
    """Count one post; past the limit for this action, refuse it. The counter is the
    project's one limiter (core.ratelimit: it keeps counting per process while Redis is down)."""
    limits = {**RATE_LIMITS, **getattr(settings, "KNOWLEDGE_RATE_LIMITS", {})}
    allowed, seconds = limits[action]
    if not ratelimit.within(f"knowledge:{action}:{user.pk}", limit=allowed, window_seconds=seconds):
        raise RateLimited(action)


# --- Journeys


@transaction.atomic
def journey_start_or_continue(
    *,
    current: Journey | None,
    customer: Customer | None,
    session_key: str,
    language: str,
    item: Item | None = None,
    reason: ContactReason | None = None,
) -> Journey:
    """Continue the visitor's open journey, or start a new one when the item changes.

    A journey is about one thing: opening help about another item starts a new journey,
    while general help (no item) continues whatever is open.
    """
    if current is not None and (item is None or current.item_id in (None, item.pk)):
        journey = current
        fields = []
        if item is not None and journey.item_id is None:
            journey.item = item
            fields.append("item")
        if journey.language != language:
            journey.language = language
            fields.append("language")
        if fields:
            journey.save(update_fields=fields)
    else:
        journey = Journey.objects.create(
            customer=customer, session_key=session_key, item=item, language=language
        )
    if reason is not None and journey.reason_id != reason.pk:
        journey.reason = reason
        journey.save(update_fields=["reason"])
        JourneyEvent.objects.create(
            journey=journey, kind=JourneyEventKind.REASON_CHOSEN, reason=reason
        )
    return journey


@transaction.atomic
def journey_record_article(
    *, journey: Journey | None, article: Article, suggested: bool = False
) -> None:
    """Count a read, and attribute it to the journey it happened in. ``suggested``: opened
    from "These may answer it" while the customer was writing to us."""
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)
    if journey is not None and journey.is_open:
        JourneyEvent.objects.create(
            journey=journey,
            kind=JourneyEventKind.ARTICLE_OPENED,
            article=article,
            suggested=suggested,
        )


@transaction.atomic
def journey_record_question(*, journey: Journey | None, question: Question) -> None:
    if journey is not None and journey.is_open:
        JourneyEvent.objects.create(
            journey=journey, kind=JourneyEventKind.QUESTION_OPENED, question=question
        )


@transaction.atomic
def search_record(
    *, term: str, results: int, language: str, journey: Journey | None
) -> SearchRecord:
    term = " ".join(term.split())[:200]
    record = SearchRecord.objects.create(
        term=term, results=results, language=language, journey=journey
    )
    if journey is not None and journey.is_open:
        JourneyEvent.objects.create(
            journey=journey, kind=JourneyEventKind.SEARCH, term=term, results=results
        )
    if results == 0:
        gaps.record(source=GapSource.SEARCH, text=term, language=language)
    return record


@transaction.atomic
def solved_answer_record(
    *,
    answer: str,
    journey: Journey | None,
    language: str,
    article: Article | None = None,
    question: Question | None = None,
) -> ArticleFeedback:
    """Record "Did this solve it?"; a yes ends the journey as self-help success."""
    if answer not in SolvedAnswer.values:
        raise ValidationError({"answer": _("Choose yes or no.")})
    if (article is None) == (question is None):
        raise ValueError("Answer about exactly one article or community question.")
    feedback = ArticleFeedback.objects.create(
        article=article, question=question, journey=journey, answer=answer, language=language
    )
    if journey is not None and journey.is_open:
        kind = JourneyEventKind.SOLVED_YES if answer == "yes" else JourneyEventKind.SOLVED_NO
        JourneyEvent.objects.create(journey=journey, kind=kind, article=article, question=question)
        if answer == SolvedAnswer.YES:
            journey.outcome = JourneyOutcome.SELF_SOLVED
            journey.ended_at = timezone.now()
            journey.save(update_fields=["outcome", "ended_at"])
    return feedback


# --- Articles


@transaction.atomic
def article_save_translation(
    *,
    article: Article,
    language: str,
    title: str,
    body: str,
    summary: str = "",
    editor: User | None = None,
) -> ArticleTranslation:
    """Create or change one language version, keeping a revision and the search index current."""
    translation, _created = ArticleTranslation.objects.update_or_create(
        article=article,
        language=language,
        defaults={"title": title, "summary": summary, "body": body},
    )
    article_record_revisions(article=article, editor=editor, languages=[language])
    search.index_article(article)
    return translation


@transaction.atomic
def article_record_revisions(
    *, article: Article, editor: User | None, languages: list[str] | None = None
) -> int:
    """Store a revision of each translation that differs from its latest revision."""
    created = 0
    translations = article.translations.all()
    if languages is not None:
        translations = translations.filter(language__in=languages)
    for translation in translations:
        latest = article.revisions.filter(language=translation.language).first()
        same = latest is not None and (
            (latest.title, latest.summary, latest.body, latest.status)
            == (translation.title, translation.summary, translation.body, article.status)
        )
        if not same:
            ArticleRevision.objects.create(
                article=article,
                language=translation.language,
                title=translation.title,
                summary=translation.summary,
                body=translation.body,
                status=article.status,
                editor=editor,
            )
            created += 1
    return created


@transaction.atomic
def article_set_status(*, article: Article, status: str, editor: User | None = None) -> Article:
    article.status = status
    article.save(update_fields=["status", "updated_at"])
    article_record_revisions(article=article, editor=editor)
    search.index_article(article)
    gaps.offer_published(article)
    return article


@dataclass(frozen=True)
class CaseSummary:
    """What a draft article needs from a resolved case."""

    pk: int
    reference: str
    subject: str
    summary: str
    reason_id: int | None
    item_kind: str | None


@transaction.atomic
def article_draft_from_case(*, case: CaseSummary, editor: User, language: str = "en") -> Article:
    """Start a draft article from a resolved case, prefilled with the agent's summary.

    Idempotent: a second call for the same case returns the draft already started.
    """
    existing = Article.objects.filter(source_case_id=case.pk).first()
    if existing is not None:
        return existing
    slug_base = f"draft-from-{case.reference.lower()}"
    article = Article.objects.create(
        slug=slug_base,
        kind=ArticleKind.ARTICLE,
        status=ArticleStatus.DRAFT,
        item_kinds=[case.item_kind] if case.item_kind else [],
        source_case_id=case.pk,
    )
    if case.reason_id:
        article.reasons.add(case.reason_id)
    article_save_translation(
        article=article,
        language=language,
        title=case.subject[:200],
        summary="",
        body=case.summary,
        editor=editor,
    )
    return article


# --- Community


def _check_text(field: str, text: str, *, minimum: int, maximum: int) -> str:
    text = text.strip()
    if len(text) < minimum:
        raise ValidationError(
            {field: _("Please write at least %(n)d characters.") % {"n": minimum}}
        )
    if len(text) > maximum:
        raise ValidationError({field: _("Please keep it under %(n)d characters.") % {"n": maximum}})
    return text


@transaction.atomic
def question_ask(
    *, author: User, title: str, body: str, language: str, topic: str = ""
) -> Question:
    title = _check_text("title", title, minimum=10, maximum=200)
    body = _check_text("body", body, minimum=0, maximum=5000)
    _rate_limit("question", author)
    question = Question.objects.create(
        author=author, title=title, body=body, language=language, topic=topic
    )
    search.index_question(question)
    return question


@transaction.atomic
def answer_post(*, question: Question, author: User, body: str) -> Answer:
    if question.locked or question.hidden:
        raise PermissionDenied(_("This question is closed for new answers."))
    body = _check_text("body", body, minimum=2, maximum=5000)
    _rate_limit("answer", author)
    answer = Answer.objects.create(
        question=question, author=author, body=body, by_staff=author.is_staff
    )
    Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1)
    search.index_question(question)
    return answer


@transaction.atomic
def answer_accept(*, answer: Answer, by: User) -> Question:
    """The asker (or staff) marks the answer that solved it; accepting again clears it."""
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    if not (by.is_staff or question.author_id == by.pk):
        raise PermissionDenied(_("Only the person who asked can accept an answer."))
    question.accepted_answer = None if question.accepted_answer_id == answer.pk else answer
    question.save(update_fields=["accepted_answer"])
    search.index_question(question)  # an accepted answer ranks higher
    return question


@transaction.atomic
def answer_vote(*, answer: Answer, user: User) -> bool:
    """Vote an answer up once; voting again takes the vote back. Returns whether it counts."""
    if answer.author_id == user.pk:
        raise PermissionDenied(_("You cannot vote for your own answer."))
    deleted, _rows = Vote.objects.filter(answer=answer, user=user).delete()
    if deleted:
        Answer.objects.filter(pk=answer.pk).update(score=F("score") - 1)
        return False
    try:
        with transaction.atomic():
            Vote.objects.create(answer=answer, user=user)
    except IntegrityError:  # a double click that raced the first one
        return True
    Answer.objects.filter(pk=answer.pk).update(score=F("score") + 1)
    return True


@transaction.atomic
def abuse_report(
    *,
    reporter: User,
    reason: str,
    question: Question | None = None,
    answer: Answer | None = None,
) -> AbuseReport:
    reason = _check_text("reason", reason, minimum=3, maximum=300)
    _rate_limit("report", reporter)
    return AbuseReport.objects.create(
        reporter=reporter, reason=reason, question=question, answer=answer
    )


@transaction.atomic
def question_moderate(
    *, question: Question, by: User, hidden: bool | None = None, locked: bool | None = None
) -> Question:
    if not by.has_perm("knowledge.change_question"):
        raise PermissionDenied
    fields = []
    if hidden is not None:
        question.hidden = hidden
        fields.append("hidden")
    if locked is not None:
        question.locked = locked
        fields.append("locked")
    if fields:
        question.save(update_fields=fields)
        AbuseReport.objects.filter(question=question, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        search.index_question(question)
    return question


@transaction.atomic
def answer_moderate(*, answer: Answer, by: User, hidden: bool) -> Answer:
    if not by.has_perm("knowledge.change_answer"):
        raise PermissionDenied
    answer.hidden = hidden
    answer.save(update_fields=["hidden"])
    AbuseReport.objects.filter(answer=answer, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    question = answer.question
    if hidden and question.accepted_answer_id == answer.pk:
        question.accepted_answer = None
        question.save(update_fields=["accepted_answer"])
    search.index_question(question)
    return answer


# --- Knowledge gaps by meaning (knowledge.gaps groups them)


@transaction.atomic
def gap_write_article(*, gap: Gap, editor: User | None) -> Article:
    """A draft article for this gap (or the one already started), titled after its first
    example, for the editor to write and publish."""
    if gap.article_id:
        assert gap.article is not None
        return gap.article
    first = gap.examples.order_by("created_at", "id").first()
    title = (first.text if first else "New article")[:120]
    base = slugify(title)[:40] or "gap"
    slug, n = base, 1
    while Article.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    article = Article.objects.create(slug=slug, status=ArticleStatus.DRAFT)
    article_save_translation(
        article=article,
        language=first.language if first else "en",
        title=title,
        summary="",
        body="",
        editor=editor,
    )
    gap.article = article
    gap.save(update_fields=["article"])
    return article


@transaction.atomic
def reason_action(*, reason: ContactReason, item: Item) -> Item:
    """Do what a one-click reason stands for. Unsubscribe: the marketing item stops (its status
    says so, with the change kept like the back office's), once however often it is clicked."""
    from mystuff.models import ItemStatusChange

    if reason.action != ReasonAction.UNSUBSCRIBE:
        raise ValueError(f"unknown action {reason.action!r}")
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status != UNSUBSCRIBED:
        ItemStatusChange.objects.create(
            item=item, from_status=item.status, to_status=UNSUBSCRIBED, source="portal"
        )
        item.status = UNSUBSCRIBED
        item.save(update_fields=["status", "updated_at"])
    return item


UNSUBSCRIBED = "unsubscribed"
