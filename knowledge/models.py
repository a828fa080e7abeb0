"""Knowledge: contact reasons, articles and FAQs, and the self-help journey.

The contact-reason taxonomy lives here because reasons and the articles that answer them are
edited together; cases and routing only read them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mystuff.models import Customer, Item, ItemKind

MAX_TOP_LEVEL_REASONS_PER_KIND = 6


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class ContactReason(models.Model):
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    # Names in other languages, {"nl": "...", "de": "..."}; English is ``name``.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    item_kinds = models.JSONField(
        _("item kinds"), default=list, blank=True, help_text=_("Kinds of item this reason fits.")
    )
    urgency = models.CharField(
        _("default urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("contact reason")
        verbose_name_plural = _("contact reasons")

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def localized_name(self, language: str) -> str:
        return self.translations.get(language) or self.name

    def clean(self) -> None:
        unknown = set(self.item_kinds) - set(ItemKind.values)
        if unknown:
            raise ValidationError({"item_kinds": _("Unknown item kinds: %s") % ", ".join(unknown)})
        if self.parent_id is None and self.active:
            others = ContactReason.objects.filter(parent__isnull=True, active=True).exclude(
                pk=self.pk
            )
            for kind in self.item_kinds:
                count = sum(1 for r in others if kind in r.item_kinds)
                if count >= MAX_TOP_LEVEL_REASONS_PER_KIND:
                    raise ValidationError(
                        {
                            "item_kinds": _(
                                "%(kind)s already has %(max)d top-level reasons; "
                                "customers choose best from a handful."
                            )
                            % {"kind": kind, "max": MAX_TOP_LEVEL_REASONS_PER_KIND}
                        }
                    )


class ArticleKind(models.TextChoices):
    ARTICLE = "article", _("Knowledge article")
    FAQ = "faq", _("FAQ")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


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
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.slug


class ArticleTranslation(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="article_translation_uniq")
        ]

    def __str__(self) -> str:
        return self.title


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


class JourneyEventKind(models.TextChoices):
    ARTICLE_OPENED = "article_opened", _("Opened an article")
    SEARCH = "search", _("Searched")
    SOLVED_YES = "solved_yes", _("Said an article solved it")
    SOLVED_NO = "solved_no", _("Said an article did not solve it")
    REASON_CHOSEN = "reason_chosen", _("Chose a reason")


class JourneyEvent(models.Model):
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=JourneyEventKind.choices)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL)
    term = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
