"""Reads for the knowledge app: tuned querysets and small view models."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from knowledge.models import (
    Answer,
    Article,
    ArticleFeedback,
    ArticleStatus,
    ArticleTranslation,
    DocumentKind,
    Journey,
    JourneyEvent,
    JourneyEventKind,
    JourneyOutcome,
    Question,
    SearchRecord,
    SolvedAnswer,
    Topic,
    Vote,
)
from knowledge.richtext import render
from knowledge.search import ARTICLE_KINDS, DEFAULT_LANGUAGE, Hit, search
from mystuff.models import ITEM_DONE_STATUSES, ContactReason, Customer, Item, ReasonItemState
from mystuff.selectors import customer_for_user

# --- Contact reasons


@dataclass
class ReasonOption:
    reason: ContactReason
    name: str
    children: list["ReasonOption"] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.reason.slug


def reason_fits_item(reason: ContactReason, item: Item, now: datetime | None = None) -> bool:
    """Does the reason fit the item's state and age (not only its kind)?"""
    if reason.item_state != ReasonItemState.ANY:
        done = item.status.lower() in ITEM_DONE_STATUSES
        if done != (reason.item_state == ReasonItemState.DONE):
            return False
    if reason.within_days is not None:
        since = item.due_at or item.occurred_at
        if since is not None and (now or timezone.now()) - since > timedelta(
            days=reason.within_days
        ):
            return False
    return True


def reasons_fit_until(tree: list[ReasonOption], item: Item) -> datetime | None:
    """When the first of these reasons (which fit the item now) stops fitting its age, so a
    page showing them is true until then (None: none of them depends on the time)."""
    since = item.due_at or item.occurred_at
    if since is None:
        return None
    ends = [
        since + timedelta(days=option.reason.within_days)
        for top in tree
        for option in (top, *top.children)
        if option.reason.within_days is not None
    ]
    return min(ends, default=None)


def reason_tree_for_kind(kind: str, language: str, item: Item | None = None) -> list[ReasonOption]:
    """The active top-level reasons for an item kind with their fitting second level, in order.
    With ``item``, only the reasons that fit its state and age too.

    Reads every active reason in one query: the table is small, and filtering a JSON list is
    not portable across databases.
    """
    reasons = list(ContactReason.objects.filter(active=True).order_by("position", "name", "id"))
    if item is not None:
        now = timezone.now()
        reasons = [r for r in reasons if reason_fits_item(r, item, now)]
    children: dict[int, list[ReasonOption]] = defaultdict(list)
    for reason in reasons:
        if reason.parent_id and (not reason.item_kinds or kind in reason.item_kinds):
            children[reason.parent_id].append(
                ReasonOption(reason=reason, name=reason.localized_name(language))
            )
    return [
        ReasonOption(
            reason=reason, name=reason.localized_name(language), children=children[reason.pk]
        )
        for reason in reasons
        if reason.parent_id is None and kind in reason.item_kinds
    ]


def find_reason(
    tree: list[ReasonOption], slug: str
) -> tuple[ReasonOption | None, ReasonOption | None]:
    """(top-level option, chosen option) for ``slug`` within the tree, or (None, None)."""
    for option in tree:
        if option.slug == slug:
            return option, option
        for child in option.children:
            if child.slug == slug:
                return option, child
    return None, None


# --- Articles


@dataclass
class ArticleView:
    """An article in the reader's language (English when it has no translation)."""

    article: Article
    translation: ArticleTranslation

    @property
    def slug(self) -> str:
        return self.article.slug

    @property
    def title(self) -> str:
        return self.translation.title

    @property
    def summary(self) -> str:
        return self.translation.summary

    @property
    def language(self) -> str:
        return self.translation.language

    @property
    def body_html(self) -> str:
        return render(self.translation.body)

    @property
    def kind_label(self) -> str:
        return self.article.get_kind_display()


def _translations_prefetch(language: str) -> Prefetch:
    languages = {language, DEFAULT_LANGUAGE}
    return Prefetch(
        "translations",
        queryset=ArticleTranslation.objects.filter(language__in=languages),
        to_attr="readable_translations",
    )


def _view(article: Article, language: str) -> ArticleView | None:
    translations = getattr(article, "readable_translations", None)
    if translations is None:
        translations = list(article.translations.all())
    by_language = {t.language: t for t in translations}
    translation = by_language.get(language) or by_language.get(DEFAULT_LANGUAGE)
    if translation is None and translations:
        translation = translations[0]
    return ArticleView(article, translation) if translation else None


def _views(articles: QuerySet[Article] | list[Article], language: str) -> list[ArticleView]:
    return [v for v in (_view(a, language) for a in articles) if v is not None]


def published_articles() -> QuerySet[Article]:
    return Article.objects.filter(status=ArticleStatus.PUBLISHED)


def article_for_reader(slug: str, language: str, *, preview: bool = False) -> ArticleView | None:
    """A published article (or any, for staff previewing), in the reader's language."""
    articles = Article.objects.all() if preview else published_articles()
    article = articles.filter(slug=slug).prefetch_related(_translations_prefetch(language)).first()
    return _view(article, language) if article else None


def popular_articles(language: str, limit: int = 6) -> list[ArticleView]:
    articles = (
        published_articles()
        .order_by("-view_count", "id")
        .prefetch_related(_translations_prefetch(language))[:limit]
    )
    return _views(articles, language)


def topic_counts() -> list[tuple[str, str, int]]:
    """(slug, label, number of published articles) for every category that has some."""
    counts = dict(
        published_articles()
        .exclude(topic="")
        .values_list("topic")
        .annotate(n=Count("id"))
        .values_list("topic", "n")
    )
    return [(value, str(label), counts[value]) for value, label in Topic.choices if value in counts]


def topic_articles(topic: str, language: str) -> list[ArticleView]:
    articles = (
        published_articles()
        .filter(topic=topic)
        .order_by("kind", "-view_count", "id")
        .prefetch_related(_translations_prefetch(language))
    )
    return _views(articles, language)


def related_articles(article: Article, language: str, limit: int = 4) -> list[ArticleView]:
    """Other published articles about the same reasons or in the same category."""
    reason_ids = list(article.reasons.values_list("id", flat=True))
    condition = Q(reasons__in=reason_ids) if reason_ids else Q(pk__in=[])
    if article.topic:
        condition |= Q(topic=article.topic)
    articles = (
        published_articles()
        .filter(condition)
        .exclude(pk=article.pk)
        .distinct()
        .order_by("-view_count", "id")
        .prefetch_related(_translations_prefetch(language))[:limit]
    )
    return _views(articles, language)


@dataclass
class Suggestion:
    """One entry of the Suggested help region."""

    title: str
    url: str
    summary: str
    kind_label: str
    linked: bool


def suggested_help(
    *,
    item_kind: str,
    item_title: str,
    reason_ids: list[int],
    reason_name: str,
    language: str,
    limit: int = 6,
) -> list[Suggestion]:
    """Articles that fit this item kind and reason (``reason_ids``: the reason and its
    parent): linked ones first (``linked_help``), then a search (``searched_help``).

    Nothing else of the item or the customer counts (``knowledge.suggested`` keeps the result
    by these).
    """
    suggestions, linked_ids = linked_help(
        item_kind=item_kind, reason_ids=reason_ids, language=language, limit=limit
    )
    remaining = limit - len(suggestions)
    if remaining > 0:
        suggestions += searched_help(
            item_kind=item_kind,
            item_title=item_title,
            reason_name=reason_name,
            language=language,
            limit=remaining,
            exclude_article_ids=linked_ids,
        )
    return suggestions


def linked_help(
    *, item_kind: str, reason_ids: list[int], language: str, limit: int
) -> tuple[list[Suggestion], frozenset[int]]:
    """The published articles linked to these reasons that fit the item kind, most read first,
    and their ids."""
    linked_articles = (
        published_articles()
        .filter(reasons__in=reason_ids)
        .distinct()
        .order_by("kind", "-view_count", "id")
        .prefetch_related(_translations_prefetch(language))
    )
    linked = [
        view for view in _views(linked_articles, language) if view.article.fits_item_kind(item_kind)
    ][:limit]
    suggestions = [
        Suggestion(
            title=v.title,
            url=v.article.get_absolute_url(),
            summary=v.summary,
            kind_label=str(v.kind_label),
            linked=True,
        )
        for v in linked
    ]
    return suggestions, frozenset(v.article.pk for v in linked)


def searched_help(
    *,
    item_kind: str,
    item_title: str,
    reason_name: str,
    language: str,
    limit: int,
    exclude_article_ids: frozenset[int],
) -> list[Suggestion]:
    """A search on the reason's name and the item's title, any word, so "Where is my order?"
    about a "Fridge-freezer FF-620" finds delivery articles and fridge articles."""
    hits = search(
        f"{reason_name} {item_title}",
        language=language,
        limit=limit * 2,
        kinds=[DocumentKind.ARTICLE, DocumentKind.FAQ, DocumentKind.QUESTION],
        match_any=True,
        exclude_article_ids=exclude_article_ids,
    )
    # Search knows words, not item kinds: drop articles written for other kinds of item.
    kinds = dict(
        Article.objects.filter(pk__in=[h.article_id for h in hits if h.article_id]).values_list(
            "pk", "item_kinds"
        )
    )
    hits = [
        h
        for h in hits
        if not h.article_id or not kinds.get(h.article_id) or item_kind in kinds[h.article_id]
    ][:limit]
    return [
        Suggestion(
            title=h.title,
            url=h.url,
            summary=str(h.snippet),
            kind_label=h.kind_label,
            linked=False,
        )
        for h in hits
    ]


SUGGEST_MIN_CHARS = 12
SUGGEST_LIMIT = 3


def answers_while_typing(text: str, language: str) -> list[Hit]:
    """ "These may answer it": the best few articles and FAQs for what the customer is typing
    (a message, a question for the community), by meaning where the model is on."""
    text = " ".join(text.split())
    if len(text) < SUGGEST_MIN_CHARS:
        return []
    return search(text[-600:], language=language, limit=SUGGEST_LIMIT, kinds=list(ARTICLE_KINDS))


def suggested_articles(article_ids: list[int], language: str) -> list[dict[str, Any]]:
    """What was suggested while typing, for the contact's context: published articles only,
    in the reader's language where there is a translation."""
    views = _views(
        published_articles()
        .filter(pk__in=article_ids[: SUGGEST_LIMIT * 4])
        .prefetch_related(_translations_prefetch(language)),
        language,
    )
    return [{"id": v.article.pk, "slug": v.slug, "title": v.title} for v in views]


def search_everything(term: str, language: str, limit: int = 20) -> list[Hit]:
    return search(term, language=language, limit=limit)


# --- Community


def author_name(user: User | None) -> str:
    if user is None:
        return "—"
    customer = customer_for_user(user)
    name = (customer.name if customer else "") or user.get_full_name() or user.email
    # Customers show with a first name and initial only; their email is never shown.
    first, _, rest = name.partition(" ")
    if "@" in first:
        first = first.split("@")[0]
    last = rest.split()[-1] if rest.split() else ""
    return f"{first} {last[:1]}." if last else first


def visible_questions(*, staff: bool = False) -> QuerySet[Question]:
    questions = Question.objects.all()
    return questions if staff else questions.filter(hidden=False)


def community_page(
    *, before: tuple[Any, int] | None, language: str | None, per_page: int = 20
) -> tuple[list[Question], tuple[Any, int] | None]:
    """Newest questions first, keyset-paginated on (created_at, id)."""
    questions = (
        visible_questions()
        .select_related("author__customer", "accepted_answer")
        .order_by("-created_at", "-id")
    )
    if language:
        questions = questions.filter(language=language)
    if before is not None:
        created_at, pk = before
        questions = questions.filter(
            Q(created_at__lt=created_at) | Q(created_at=created_at, id__lt=pk)
        )
    page = list(questions[: per_page + 1])
    more = len(page) > per_page
    page = page[:per_page]
    next_key = (page[-1].created_at, page[-1].pk) if more and page else None
    return page, next_key


def recent_questions(language: str, limit: int = 5) -> list[Question]:
    """The newest questions in the reader's language."""
    return list(
        visible_questions().filter(language=language).order_by("-created_at", "-id")[:limit]
    )


@dataclass
class Thread:
    question: Question
    answers: list[Answer]
    voted_answer_ids: set[int]


def question_thread(pk: int, *, viewer: User | None, staff: bool) -> Thread | None:
    question = (
        visible_questions(staff=staff).select_related("author__customer").filter(pk=pk).first()
    )
    if question is None:
        return None
    answers = question.answers.select_related("author__customer").order_by("created_at", "id")
    if not staff:
        answers = answers.filter(hidden=False)
    answer_list = list(answers)
    # The accepted answer comes first, then by votes, then oldest first.
    answer_list.sort(key=lambda a: (a.pk != question.accepted_answer_id, -a.score))
    voted: set[int] = set()
    if viewer is not None and viewer.is_authenticated:
        voted = set(
            Vote.objects.filter(user=viewer, answer__question=question).values_list(
                "answer_id", flat=True
            )
        )
    return Thread(question=question, answers=answer_list, voted_answer_ids=voted)


# --- Journeys


# The session remembers the open journey, so what the visitor reads is attributed to it.
SESSION_JOURNEY = "knowledge_journey_id"


def open_journey_for(
    journey_id: int | None, *, customer: Customer | None, session_key: str
) -> Journey | None:
    """The session's journey if it is still open and still this visitor's."""
    if not journey_id:
        return None
    journey = Journey.objects.filter(pk=journey_id, outcome=JourneyOutcome.OPEN).first()
    if journey is None:
        return None
    if customer is not None:
        return journey if journey.customer_id == customer.pk else None
    return journey if journey.customer_id is None and journey.session_key == session_key else None


def journey_context(journey: Journey) -> dict[str, list[dict[str, Any]]]:
    """The parts of ``Contact.context`` the journey provides, for the channels app.

    ``{"articles_opened": [{"id", "slug", "title"}], "searches": [{"term", "results"}],
    "solved_answers": [{"article", "answer"}]}``
    """
    events = journey.events.select_related("article", "question").order_by("created_at", "id")
    language = journey.language
    article_ids = {e.article_id for e in events if e.article_id}
    titles: dict[int, str] = {}
    for t in ArticleTranslation.objects.filter(
        article_id__in=article_ids, language__in={language, DEFAULT_LANGUAGE}
    ):
        if t.language == language or t.article_id not in titles:
            titles[t.article_id] = t.title
    opened: list[dict[str, Any]] = []
    seen: set[int] = set()
    searches: list[dict[str, Any]] = []
    solved: list[dict[str, Any]] = []
    for event in events:
        if event.kind == JourneyEventKind.ARTICLE_OPENED and event.article:
            if event.article_id not in seen:
                seen.add(event.article.pk)
                opened.append(
                    {
                        "id": event.article.pk,
                        "slug": event.article.slug,
                        "title": titles.get(event.article.pk, event.article.slug),
                    }
                )
        elif event.kind == JourneyEventKind.SEARCH:
            searches.append({"term": event.term, "results": event.results or 0})
        elif event.kind in (JourneyEventKind.SOLVED_YES, JourneyEventKind.SOLVED_NO):
            subject = event.article.slug if event.article else ""
            if not subject and event.question:
                subject = f"community:{event.question.pk}"
            solved.append(
                {
                    "article": subject,
                    "answer": "yes" if event.kind == JourneyEventKind.SOLVED_YES else "no",
                }
            )
    return {"articles_opened": opened, "searches": searches, "solved_answers": solved}


# --- Knowledge gaps (staff). One measure for the gaps page and the manager's report: both
# read articles_read_before_contact and searches_without_results, each over its own window.

# Rows each list on the gaps page shows (the report shows the first ten of the same ranking).
GAPS_LISTED = 20


@dataclass
class Gaps:
    read_before_contact: list[Any]
    reasons_without_articles: list[Any]
    searches_without_results: list[Any]
    articles_marked_no: list[Any]
    # Resolved cases to write up: cases data, added where the page is composed (pages.knowledge).
    cases_to_write_up: list[Any] = field(default_factory=list)


def _article_titles(ids: set[int], language: str) -> dict[int, str]:
    """Each article's title in the reader's language, else English (people read titles)."""
    titles: dict[int, str] = {}
    rows = ArticleTranslation.objects.filter(
        article_id__in=ids, language__in={language, DEFAULT_LANGUAGE}
    ).values_list("article_id", "language", "title")
    for article_id, _language, title in sorted(rows, key=lambda r: r[1] == language):
        titles[article_id] = title
    return titles


def articles_read_before_contact(
    journeys: QuerySet[Journey], *, language: str, limit: int = GAPS_LISTED
) -> list[dict[str, Any]]:
    """Articles opened in those self-help journeys that still ended with the customer
    contacting us: the article did not answer their question. Per article: ``journeys`` (each
    counted once) and ``reads`` (times opened), most journeys first; ``article_title`` in
    ``language``, else English, else the slug."""
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in JourneyEvent.objects.filter(
            kind=JourneyEventKind.ARTICLE_OPENED,
            article__isnull=False,
            journey__in=journeys.filter(outcome=JourneyOutcome.CONTACTED),
        )
        .order_by()
        .values("article_id", "article__slug")
        .annotate(journeys=Count("journey", distinct=True), reads=Count("id"))
        .order_by("-journeys", "-reads", "article__slug")[:limit]
    ]
    titles = _article_titles({row["article_id"] for row in rows}, language)
    for row in rows:
        row["article_title"] = titles.get(row["article_id"], row["article__slug"])
    return rows


def searches_without_results(
    *, start: datetime, end: datetime | None = None, limit: int = GAPS_LISTED
) -> list[dict[str, Any]]:
    """Searches from ``start`` (until ``end``) that found nothing, per term and language:
    ``times`` searched and the ``last`` time, most searched first."""
    records = SearchRecord.objects.filter(results=0, created_at__gte=start)
    if end is not None:
        records = records.filter(created_at__lt=end)
    return [
        dict(row)
        for row in records.order_by()
        .values("term", "language")
        .annotate(times=Count("id"), last=Max("created_at"))
        .order_by("-times", "-last", "term")[:limit]
    ]


def knowledge_gaps(
    *, days: int = 90, limit: int = GAPS_LISTED, language: str = DEFAULT_LANGUAGE
) -> Gaps:
    since = timezone.now() - timedelta(days=days)
    reasons_without_articles = list(
        ContactReason.objects.filter(active=True)
        .annotate(published=Count("articles", filter=Q(articles__status=ArticleStatus.PUBLISHED)))
        .filter(published=0)
        .select_related("parent")
        .order_by("parent__position", "position", "name")
    )
    articles_marked_no: list[dict[str, Any]] = [
        dict(row)
        for row in ArticleFeedback.objects.filter(article__isnull=False, created_at__gte=since)
        .values("article_id", "article__slug")
        .annotate(
            no=Count("id", filter=Q(answer=SolvedAnswer.NO)),
            yes=Count("id", filter=Q(answer=SolvedAnswer.YES)),
        )
        .filter(no__gt=0)
        .order_by("-no", "yes", "article__slug")[:limit]
    ]
    titles = _article_titles({row["article_id"] for row in articles_marked_no}, language)
    for marked in articles_marked_no:
        marked["article_title"] = titles.get(marked["article_id"], marked["article__slug"])
    for reason in reasons_without_articles:
        reason.display_name = reason.localized_name(language)  # type: ignore[attr-defined]
    return Gaps(
        read_before_contact=articles_read_before_contact(
            Journey.objects.filter(started_at__gte=since), language=language, limit=limit
        ),
        reasons_without_articles=reasons_without_articles,
        searches_without_results=searches_without_results(start=since, limit=limit),
        articles_marked_no=articles_marked_no,
    )
