from datetime import datetime

from django import template
from django.utils import timezone

from mystuff.display import Badge, due_note, status_badge

register = template.Library()


@register.filter
def badge(status: str) -> Badge | None:
    return status_badge(status)


@register.simple_tag
def item_due_note(item) -> str:
    now: datetime = timezone.localtime()
    return due_note(kind=item.kind, status=item.status, due_at=item.due_at, now=now) or ""
