"""``{{ case|subject }}``: a case's subject in the reader's language (``cases.timeline``)."""

from typing import Any

from django import template
from django.utils.translation import get_language

from cases.timeline import case_subject

register = template.Library()


@register.filter
def subject(case: Any) -> str:
    return case_subject(case.subject, (get_language() or "en").split("-")[0])
