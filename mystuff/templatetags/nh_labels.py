"""Stored keys as people read them, for plain data such as a contact's context snapshot:
``{{ ctx.customer.segment|segment_label }}``, ``{{ ctx.reason.urgency|urgency_label }}``."""

from typing import Any

from django import template
from django.db.models import TextChoices
from django.utils.translation import get_language

from mystuff.models import Segment, Urgency

register = template.Library()


def _label(choices: type[TextChoices], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value).replace("_", " ").capitalize()


@register.filter
def segment_label(value: str) -> str:
    return _label(Segment, value) if value else ""


@register.filter
def urgency_label(value: str) -> str:
    return _label(Urgency, value) if value else ""


@register.filter
def reason_name(reason: Any) -> str:
    """A contact reason's name in the active language (English when it has none)."""
    if not reason:
        return ""
    return reason.localized_name((get_language() or "en").split("-")[0])
