import io
import re

import pytest
from django.conf import settings
from django.urls import reverse

from contact_portal.demo import seed_core_company, seed_users
from knowledge.demo import seed
from knowledge.demo_content import ARTICLES
from knowledge.models import (
    Article,
    ArticleStatus,
    ArticleTranslation,
    ContactReason,
    Question,
    SearchDocument,
)
from knowledge.search import search

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


LINE_KIND = re.compile(r"^(## |- |\d+\. )?")


def shape(body: str) -> list:
    """The markup of a body: which lines are headings, bullets or steps, and the emphasis."""
    kinds = [
        LINE_KIND.match(line).group(1) or ("" if line else "blank") for line in body.split("\n")
    ]
    return [kinds, body.count("**"), body.count("*")]


def test_every_demo_article_is_translated_into_every_shipped_language_with_its_markup():
    languages = {code for code, _name in settings.LANGUAGES}
    for slug, *_rest, translations in ARTICLES:
        assert set(translations) == languages, slug
        title, summary, body = translations["en"]
        for language, (other_title, other_summary, other_body) in translations.items():
            if language == "en":
                continue
            # Written in that language, not the English copied over.
            assert (other_title, other_summary) != (title, summary), (slug, language)
            assert other_body != body and shape(other_body) == shape(body), (slug, language)


def test_the_demo_seeds_every_article_and_reason_in_every_shipped_language():
    seed_core_company(seed_users())
    seed(io.StringIO())
    languages = {code for code, _name in settings.LANGUAGES}
    for article in Article.objects.filter(status=ArticleStatus.PUBLISHED):
        assert set(article.translations.values_list("language", flat=True)) == languages
    others = languages - {"en"}
    for reason in ContactReason.objects.all():
        assert others <= {code for code, name in reason.translations.items() if name}, reason.slug


# What a customer types in their language, and the title of the article it must find.
SEARCHES = {
    "ar": ("الغسالة", "تركيب غسالتك"),
    "es": ("lavadora", "Instalar tu lavadora"),
    "fr": ("lave-linge", "Installer votre lave-linge"),
    "it": ("lavatrice", "Installare la lavatrice"),
    "pl": ("pralki", "Instalacja pralki"),
    "pt": ("máquina de lavar roupa", "Instalar a sua máquina de lavar roupa"),
}


def test_customers_find_and_read_demo_articles_in_their_own_language(client):
    seed_users()
    seed(io.StringIO())
    url = reverse("knowledge:article", args=["install-washing-machine"])
    for language, (term, title) in SEARCHES.items():
        assert title in [hit.title for hit in search(term, language=language)], language
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        html = client.get(url).content.decode()
        assert title in html and f'lang="{language}"' in html, language
        assert "article-language-note" not in html  # no "shown in English" note: it is theirs
