"""Amounts as people read them: the active language's currency format ("€ 1.189,00" in Dutch,
"€1,189.00" in English), with Babel's CLDR data."""

from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency
from django.utils.translation import get_language, to_locale


@lru_cache(maxsize=32)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def money(value: Decimal | float | int | None, currency: str = "") -> str:
    """``value`` in ``currency`` (ISO 4217) for the active language; "" without a value. An
    amount without a currency still gets the language's digits and separators."""
    if value is None or value == "":
        return ""
    locale = _locale(get_language() or "en")
    if not currency:
        return format_currency(value, "XXX", locale=locale, format="#,##0.00")
    return format_currency(value, currency.upper(), locale=locale)
