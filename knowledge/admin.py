from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from knowledge import gaps, search, services
from knowledge.models import (
    AbuseReport,
    Answer,
    Article,
    ArticleRevision,
    ArticleStatus,
    ArticleTranslation,
    Journey,
    JourneyEvent,
    Question,
    SearchRecord,
    Tag,
)
from mystuff.models import ContactReason, ItemKind


class ContactReasonForm(forms.ModelForm):
    item_kinds = forms.MultipleChoiceField(
        label=_("Item kinds"),
        choices=ItemKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At most 6 top-level reasons per kind: customers choose best from a handful."),
    )
    translations = forms.JSONField(
        label=_("Translations"),
        required=False,
        help_text=_('Name in other languages, for example {"nl": "Waar is mijn bestelling?"}.'),
    )

    class Meta:
        model = ContactReason
        fields = [
            "parent",
            "slug",
            "name",
            "translations",
            "item_kinds",
            "urgency",
            "position",
            "active",
        ]

    def clean_translations(self) -> dict[str, str]:
        value = self.cleaned_data.get("translations") or {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise forms.ValidationError(_('Use {"language code": "name"} pairs.'))
        return value


class LinkedArticleInline(admin.TabularInline):
    model = Article.reasons.through
    extra = 1
    autocomplete_fields = ["article"]
    verbose_name = _("linked article")
    verbose_name_plural = _("linked articles")


@admin.register(ContactReason)
class ContactReasonAdmin(admin.ModelAdmin):
    form = ContactReasonForm
    list_display = ["__str__", "slug", "kinds", "urgency", "position", "active"]
    list_filter = ["active", "urgency", "parent"]
    search_fields = ["name", "slug"]
    inlines = [LinkedArticleInline]
    list_select_related = ["parent"]

    @admin.display(description=_("item kinds"))
    def kinds(self, obj: ContactReason) -> str:
        return ", ".join(obj.item_kinds)


class TranslationInline(admin.StackedInline):
    model = ArticleTranslation
    extra = 1
    min_num = 1
    fields = ["language", "title", "summary", "body"]


class RevisionInline(admin.TabularInline):
    model = ArticleRevision
    extra = 0
    can_delete = False
    fields = ["created_at", "language", "status", "title", "editor"]
    readonly_fields = ["created_at", "language", "status", "title", "editor"]
    show_change_link = False
    max_num = 0
    verbose_name_plural = _("revision history")


class ArticleForm(forms.ModelForm):
    item_kinds = forms.MultipleChoiceField(
        label=_("Item kinds"),
        choices=ItemKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when it fits every kind of item."),
    )

    class Meta:
        model = Article
        fields = ["slug", "kind", "status", "topic", "item_kinds", "reasons", "tags"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["slug", "title", "kind", "status", "topic", "view_count", "updated_at"]
    list_filter = ["status", "kind", "topic", "tags"]
    search_fields = ["slug", "translations__title"]
    filter_horizontal = ["reasons", "tags"]
    inlines = [TranslationInline, RevisionInline]
    actions = ["publish", "unpublish"]
    readonly_fields = ["view_count", "source_case_id"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).prefetch_related("translations")

    # Customers see what is published: only an editor (knowledge.publish_article, the editor
    # and manager roles) publishes, unpublishes or edits a live article. Agents write drafts.

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("knowledge.publish_article")

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("status")
        return fields

    @admin.display(description=_("title"))
    def title(self, obj: Article) -> str:
        translations = {t.language: t.title for t in obj.translations.all()}
        return translations.get("en") or next(iter(translations.values()), "—")

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        article = form.instance
        services.article_record_revisions(article=article, editor=request.user)  # type: ignore[arg-type]
        search.index_article(article)
        gaps.offer_published(article)

    @admin.action(description=_("Publish the selected articles"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            services.article_set_status(
                article=article,
                status=ArticleStatus.PUBLISHED,
                editor=request.user,  # type: ignore[arg-type]
            )
        self.message_user(request, _("Published."), messages.SUCCESS)

    @admin.action(
        description=_("Turn the selected articles back into drafts"), permissions=["publish"]
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            services.article_set_status(
                article=article,
                status=ArticleStatus.DRAFT,
                editor=request.user,  # type: ignore[arg-type]
            )
        self.message_user(request, _("Back to draft: customers no longer see them."))


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class AnswerInline(admin.StackedInline):
    model = Answer
    extra = 0
    fields = ["author", "body", "by_staff", "score", "hidden", "created_at"]
    readonly_fields = ["author", "score", "created_at"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "answer_count", "hidden", "locked", "created_at"]
    list_filter = ["hidden", "locked", "language", "topic"]
    search_fields = ["title", "body"]
    readonly_fields = ["author", "accepted_answer", "answer_count", "created_at"]
    inlines = [AnswerInline]
    actions = ["hide", "show", "lock", "unlock"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        search.index_question(form.instance)

    def _moderate(self, request: HttpRequest, queryset: QuerySet[Question], **change: bool) -> None:
        for question in queryset:
            services.question_moderate(question=question, by=request.user, **change)  # type: ignore[arg-type]
        self.message_user(request, _("Done."))

    @admin.action(description=_("Hide from customers"))
    def hide(self, request: HttpRequest, queryset: QuerySet[Question]) -> None:
        self._moderate(request, queryset, hidden=True)

    @admin.action(description=_("Show to customers again"))
    def show(self, request: HttpRequest, queryset: QuerySet[Question]) -> None:
        self._moderate(request, queryset, hidden=False)

    @admin.action(description=_("Lock: no new answers"))
    def lock(self, request: HttpRequest, queryset: QuerySet[Question]) -> None:
        self._moderate(request, queryset, locked=True)

    @admin.action(description=_("Unlock"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[Question]) -> None:
        self._moderate(request, queryset, locked=False)


@admin.register(AbuseReport)
class AbuseReportAdmin(admin.ModelAdmin):
    list_display = ["reason", "question", "answer", "reporter", "created_at", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["question", "answer", "reporter", "reason", "created_at"]
    list_select_related = ["question", "answer", "reporter"]


@admin.register(SearchRecord)
class SearchRecordAdmin(admin.ModelAdmin):
    list_display = ["term", "results", "language", "created_at"]
    list_filter = ["language"]
    search_fields = ["term"]
    readonly_fields = ["term", "results", "language", "journey", "created_at"]


class JourneyEventInline(admin.TabularInline):
    model = JourneyEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "kind", "reason", "article", "question", "term", "results"]
    readonly_fields = ["created_at", "kind", "reason", "article", "question", "term", "results"]
    max_num = 0


@admin.register(Journey)
class JourneyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "customer", "item", "reason", "outcome", "started_at"]
    list_filter = ["outcome"]
    readonly_fields = [
        "customer",
        "session_key",
        "item",
        "reason",
        "language",
        "outcome",
        "started_at",
        "ended_at",
    ]
    inlines = [JourneyEventInline]
    list_select_related = ["customer", "item", "reason"]
