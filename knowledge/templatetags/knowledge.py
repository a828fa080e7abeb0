from django import template
from django.contrib.auth.models import User
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from knowledge import gaps, richtext, selectors

register = template.Library()


@register.filter
def post(text: str) -> SafeString:
    """A community post: escaped, with paragraphs and line breaks."""
    return richtext.render_post(text or "")


@register.filter
def author_name(user: User | None) -> str:
    return selectors.author_name(user)


@register.inclusion_tag("knowledge/includes/gap_articles.html")
def gap_articles(case: object) -> dict[str, object]:
    """On an open case page: articles written since for the question the customer asked us."""
    if not getattr(case, "is_open", False):
        return {"articles": []}
    language = get_language() or "en"
    return {"articles": gaps.articles_for_case(case.pk, language)}  # type: ignore[attr-defined]
