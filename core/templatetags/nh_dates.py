"""``{{ moment|day_and_time }}``: weekday or today/tomorrow and the time, for slots and
promises (``core.dates``)."""

from datetime import datetime

from django import template
from django.utils import timezone

from core import dates

register = template.Library()


@register.filter
def day_and_time(moment: datetime | None) -> str:
    return dates.day_and_time(moment) if moment else ""


@register.filter
def from_iso(text: str | None) -> datetime | None:
    """A moment kept as ISO text (a contact's context is plain values), back to a local
    datetime so ``|date:"DATE_FORMAT"`` shows it in the reader's style; None if unreadable."""
    try:
        moment = datetime.fromisoformat(text or "")
    except ValueError:
        return None
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment
