"""One date and time style per language, and the weekday or today/tomorrow on what is coming."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import formats, translation

from core.dates import day_and_time, weekday_and_datetime

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=AMS)  # a Thursday


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_language_has_one_date_style(language):
    with translation.override(language):
        assert formats.get_format("SHORT_DATE_FORMAT") == formats.get_format("DATE_FORMAT")
        assert formats.get_format("SHORT_DATETIME_FORMAT") == formats.get_format("DATETIME_FORMAT")


@pytest.mark.parametrize(
    ("language", "moment", "expected"),
    [
        ("en", NOW + timedelta(hours=5), "today, 15:00"),
        ("en", NOW + timedelta(days=1), "tomorrow, 10:00"),
        ("en", NOW + timedelta(days=2), "Saturday 5 December, 10:00"),
        ("en", NOW + timedelta(days=40), "Tuesday 12 January 2027, 10:00"),
        ("nl", NOW + timedelta(days=1), "morgen, 10:00"),
        ("nl", NOW + timedelta(days=2), "zaterdag 5 december, 10:00"),
        ("de", NOW + timedelta(days=2), "Samstag 5. Dezember, 10:00"),
    ],
)
def test_slots_and_promises_say_the_day(language, moment, expected, settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    with translation.override(language):
        assert day_and_time(moment, now=NOW) == expected


def test_english_dates_read_day_month_year_not_the_us_order():
    with translation.override("en"):
        assert formats.date_format(NOW.date(), "SHORT_DATE_FORMAT") == "3 December 2026"
        assert weekday_and_datetime(NOW) == "Thursday 3 December 2026, 10:00"
    with translation.override("nl"):
        assert weekday_and_datetime(NOW) == "donderdag 3 december 2026 10:00"
