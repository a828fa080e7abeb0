"""Knowledge: articles and FAQs, the community, search and the self-help journey.

The contact-reason taxonomy is edited next to the articles (this app's admin) but lives in
``mystuff.models``, the floor cases, knowledge and routing all stand on.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.languages import language_choices
from mystuff.models import ContactReason, Customer, Item


class ArticleKind(models.TextChoices):
    ARTICLE = "article", _("Knowledge article")
    FAQ = "faq", _("FAQ")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Topic(models.TextChoices):
    """The categories on the Need Help page."""

    DELIVERIES = "deliveries", _("Deliveries")
    RETURNS = "returns", _("Returns and refunds")
    INSTALLATION = "installation", _("Installation")
    ENGINEER_VISITS = "engineer-visits", _("Engineer visits and repairs")
    WARRANTIES = "warranties", _("Warranties and cover")
    BILLING = "billing", _("Billing and payment")
    SUBSCRIPTIONS = "subscriptions", _("Subscriptions")
    QUOTES = "quotes", _("Quotes")
    ACCOUNT = "account", _("Your account")


class Tag(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=ArticleKind.choices, default=ArticleKind.ARTICLE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    item_kinds = models.JSONField(_("item kinds"), default=list, blank=True)
    reasons = models.ManyToManyField(
        ContactReason, blank=True, related_name="articles", verbose_name=_("contact reasons")
    )
    topic = models.CharField(_("category"), max_length=30, choices=Topic.choices, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    # Opened by customers; "popular articles" on the Need Help page.
    view_count = models.PositiveIntegerField(_("times read"), default=0, editable=False)
    # The resolved case this draft was started from (a plain id: cases depends on us).
    source_case_id = models.PositiveBigIntegerField(
        _("started from case"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("view_knowledge_gaps", _("Can see the knowledge gaps page")),
            ("publish_article", _("Can publish articles (customers see them)")),
        ]
        indexes = [models.Index(fields=["status", "-view_count"], name="article_popular_idx")]

    def __str__(self) -> str:
        return self.slug

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED

    def get_absolute_url(self) -> str:
        return reverse("knowledge:article", args=[self.slug])

    def fits_item_kind(self, kind: str) -> bool:
        return not self.item_kinds or kind in self.item_kinds


class ArticleTranslation(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="article_translation_uniq")
        ]

    def __str__(self) -> str:
        return self.title


class ArticleRevision(models.Model):
    """Every saved version of a translation: who changed what, and when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body"))
    status = models.CharField(_("status"), max_length=10, choices=ArticleStatus.choices)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("article revision")
        verbose_name_plural = _("article revisions")

    def __str__(self) -> str:
        return f"{self.article.slug} [{self.language}] {self.created_at:%Y-%m-%d %H:%M}"


class SolvedAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class ArticleFeedback(models.Model):
    """One "Did this solve it?" answer, with or without a journey (guests answer too)."""

    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback"
    )
    question = models.ForeignKey(
        "Question", null=True, blank=True, on_delete=models.CASCADE, related_name="feedback"
    )
    journey = models.ForeignKey(
        "Journey", null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    answer = models.CharField(max_length=3, choices=SolvedAnswer.choices)
    language = models.CharField(max_length=8, default="en")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["answer", "article"], name="article_feedback_idx")]


# --- Community: customers ask, others and staff answer.


class Question(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="questions"
    )
    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(_("details"), blank=True, max_length=5000)
    language = models.CharField(_("language"), max_length=8, default="en")
    topic = models.CharField(_("category"), max_length=30, choices=Topic.choices, blank=True)
    accepted_answer = models.OneToOneField(
        "Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="accepted_for"
    )
    answer_count = models.PositiveIntegerField(default=0, editable=False)
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    locked = models.BooleanField(_("locked: no new answers"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("community question")
        verbose_name_plural = _("community questions")
        indexes = [models.Index(fields=["hidden", "-created_at", "-id"], name="question_list_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:question", args=[self.pk])


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="answers"
    )
    body = models.TextField(_("answer"), max_length=5000)
    by_staff = models.BooleanField(default=False)
    score = models.IntegerField(default=0, editable=False)
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("community answer")
        verbose_name_plural = _("community answers")
        indexes = [models.Index(fields=["question", "created_at"], name="answer_question_idx")]

    def __str__(self) -> str:
        return self.body[:60]

    def get_absolute_url(self) -> str:
        return f"{reverse('knowledge:question', args=[self.question_id])}#answer-{self.pk}"


class Vote(models.Model):
    """A "this helped" vote on an answer: one per user and answer."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    value = models.SmallIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "user"], name="vote_once")]


class AbuseReport(models.Model):
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("what is wrong"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(_("dealt with"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")

    def __str__(self) -> str:
        return self.reason[:60]


# --- Search: one table over everything customers can find, and what they looked for.


class DocumentKind(models.TextChoices):
    ARTICLE = "article", _("Knowledge article")
    FAQ = "faq", _("FAQ")
    QUESTION = "question", _("Community question")
    ANSWER = "answer", _("Community answer")


class SearchDocument(models.Model):
    """What the search box finds, one row per language version of a visible thing.

    Only published articles and visible community posts have rows, so a draft can never be
    found. On PostgreSQL ``search_vector`` is filled from title (weight A) and body (B) with the
    language's text-search configuration and served by a GIN index (created in migration 0003,
    PostgreSQL only); other databases search ``title``/``body`` directly.
    """

    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    language = models.CharField(max_length=8)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE)
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE)
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    body = models.TextField()
    # Articles and FAQs before community questions before answers; see knowledge.search.
    boost = models.SmallIntegerField(default=0)
    search_vector = SearchVectorField(null=True, editable=False)
    # Its meaning: 384 float32 from knowledge.meaning's model, filled by a task after commit.
    embedding = models.BinaryField(null=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["language", "-boost", "-id"], name="searchdoc_candidates_idx"),
        ]


class SearchRecord(models.Model):
    term = models.CharField(_("term"), max_length=200)
    results = models.PositiveIntegerField(_("results"))
    language = models.CharField(_("language"), max_length=8)
    journey = models.ForeignKey(
        "Journey", null=True, blank=True, on_delete=models.SET_NULL, related_name="search_records"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        indexes = [models.Index(fields=["results", "term"], name="search_no_results_idx")]

    def __str__(self) -> str:
        return self.term


class JourneyOutcome(models.TextChoices):
    OPEN = "open", _("In progress")
    SELF_SOLVED = "self_solved", _("Solved by self-help")
    CONTACTED = "contacted", _("Contacted us")


class Journey(models.Model):
    """One customer's path to help about one thing: item, reason, what they read and searched."""

    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="journeys"
    )
    session_key = models.CharField(max_length=64, blank=True, db_index=True)
    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="journeys"
    )
    reason = models.ForeignKey(
        ContactReason, null=True, blank=True, on_delete=models.SET_NULL, related_name="journeys"
    )
    language = models.CharField(max_length=8, default="en")
    outcome = models.CharField(
        max_length=20, choices=JourneyOutcome.choices, default=JourneyOutcome.OPEN
    )
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("self-help journey")
        verbose_name_plural = _("self-help journeys")

    def __str__(self) -> str:
        return f"J-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.outcome == JourneyOutcome.OPEN


class JourneyEventKind(models.TextChoices):
    ARTICLE_OPENED = "article_opened", _("Opened an article")
    SEARCH = "search", _("Searched")
    SOLVED_YES = "solved_yes", _("Said an article solved it")
    SOLVED_NO = "solved_no", _("Said an article did not solve it")
    REASON_CHOSEN = "reason_chosen", _("Chose a reason")
    QUESTION_OPENED = "question_opened", _("Opened a community question")


class JourneyEvent(models.Model):
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=JourneyEventKind.choices)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL)
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.ForeignKey(ContactReason, null=True, blank=True, on_delete=models.SET_NULL)
    term = models.CharField(max_length=200, blank=True)
    results = models.PositiveIntegerField(null=True, blank=True)
    # An article opened from "These may answer it" while writing to us: read and left without
    # sending, the journey counts as self-service.
    suggested = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]


class GapSource(models.TextChoices):
    SEARCH = "search", _("Search with no results")
    MESSAGE = "message", _("Message to us")


class Gap(models.Model):
    """Questions self-help could not answer, grouped by meaning: one article can close it.

    ``centroid`` is the normalised mean of its examples' vectors (knowledge.meaning); an article
    written for the gap is offered, once published, on the open cases whose messages fed it.
    """

    centroid = models.BinaryField(editable=False)
    size = models.PositiveIntegerField(_("questions"), default=0)
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gaps",
        verbose_name=_("article written for it"),
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("knowledge gap")
        verbose_name_plural = _("knowledge gaps")
        indexes = [models.Index(fields=["-size", "-updated_at"], name="gap_size_idx")]


class GapExample(models.Model):
    """One unanswered question: a search that found nothing or a message sent to us."""

    gap = models.ForeignKey(
        Gap, null=True, blank=True, on_delete=models.CASCADE, related_name="examples"
    )
    source = models.CharField(max_length=10, choices=GapSource.choices)
    text = models.CharField(max_length=500)
    language = models.CharField(max_length=8, default="en")
    # The case a message is on (no foreign key: the case belongs to the cases app); an article
    # written for the gap is offered on it while it is open.
    case_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(gap__isnull=True),
                name="gapexample_pending_idx",
            )
        ]
