"""``{{ item.value|money:item.currency }}`` (``core.money``)."""

from decimal import Decimal

from django import template

from core.money import money as format_money

register = template.Library()


@register.filter
def money(value: Decimal | float | None, currency: str = "") -> str:
    return format_money(value, currency)
