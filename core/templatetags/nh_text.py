"""``{{ call.from_number|ltr }}``: a phone number that reads left to right in Arabic too."""

from django import template

from core.text import ltr as isolate

register = template.Library()


@register.filter
def ltr(value: object) -> str:
    return isolate(str(value)) if value not in (None, "") else ""
