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


@register.filter
def status_label(value: str) -> str:
    """A case status kept in a contact's context, in the reader's language. Contexts keep the
    label as it read when the contact came in (English for a call from the phone system), or
    the status key."""
    from django.utils import translation

    from cases.models import CaseStatus

    if value in CaseStatus.values:
        return str(CaseStatus(value).label)
    with translation.override("en"):
        keys = {str(label): key for key, label in CaseStatus.choices}
    return str(CaseStatus(keys[value]).label) if value in keys else value
