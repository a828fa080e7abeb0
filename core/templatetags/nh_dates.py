"""``{{ moment|day_and_time }}``: weekday or today/tomorrow and the time, for slots and
promises (``core.dates``)."""

from datetime import datetime

from django import template

from core import dates

register = template.Library()


@register.filter
def day_and_time(moment: datetime | None) -> str:
    return dates.day_and_time(moment) if moment else ""
