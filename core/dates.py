"""Dates people read: the active language's formats (``core.formats``) and, for what
is about to happen (a callback slot, a promise), the weekday or "today"/"tomorrow"."""

from datetime import date, datetime, time, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def day_and_time(moment: datetime, *, now: datetime | None = None) -> str:
    """ "today, 15:30", "tomorrow, 09:00", else "Friday 5 December, 09:00" in the active
    language and the site's time zone."""
    local = timezone.localtime(moment)
    clock = formats.time_format(local, "TIME_FORMAT")
    return _("%(day)s, %(time)s") % {"day": day_name(local.date(), now=now), "time": clock}


def day_name(day: date, *, now: datetime | None = None) -> str:
    today = timezone.localdate(now) if now is not None else timezone.localdate()
    if day == today:
        return _("today")
    if day == today + timedelta(days=1):
        return _("tomorrow")
    month_day = formats.get_format("MONTH_DAY_FORMAT")
    if day.year != today.year:
        return formats.date_format(day, f"l {formats.get_format('DATE_FORMAT')}")
    return formats.date_format(day, f"l {month_day}")


def next_midnight() -> datetime:
    """When "today" and "tomorrow" stop being true."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    return datetime.combine(tomorrow, time.min, tzinfo=timezone.get_current_timezone())


def weekday_and_datetime(moment: datetime) -> str:
    """ "Friday 5 December 2026, 09:00": for emails, read later, so never "tomorrow"."""
    local = timezone.localtime(moment)
    return f"{formats.date_format(local, 'l')} {formats.date_format(local, 'DATETIME_FORMAT')}"
