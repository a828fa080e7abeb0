"""``{{ moment|day_and_time }}``: weekday or today/tomorrow and the time, for slots and
promises (``contact_portal.dates``)."""

from datetime import datetime

from django import template

from contact_portal import dates

register = template.Library()


@register.filter
def day_and_time(moment: datetime | None) -> str:
    return dates.day_and_time(moment) if moment else ""
