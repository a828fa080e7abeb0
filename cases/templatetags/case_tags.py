"""``{{ case|subject }}``: a case's subject in the reader's language (``cases.timeline``)."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from cases.timeline import case_subject

register = template.Library()


@register.filter
def subject(case: Any) -> str:
    """The case's subject in the reader's language, isolated: a customer's English words keep
    their own direction on an Arabic page (the "?" stays at the end)."""
    return format_html(
        "<bdi>{}</bdi>", case_subject(case.subject, (get_language() or "en").split("-")[0])
    )
