from django import template
from django.contrib.auth.models import User
from django.utils.safestring import SafeString

from knowledge import richtext, selectors

register = template.Library()


@register.filter
def post(text: str) -> SafeString:
    """A community post: escaped, with paragraphs and line breaks."""
    return richtext.render_post(text or "")


@register.filter
def author_name(user: User | None) -> str:
    return selectors.author_name(user)
