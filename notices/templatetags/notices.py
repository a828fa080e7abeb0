"""What a page shows about notices: {% notice_known target %} on the contact pages."""

from typing import Any

from django import template
from django.utils import timezone

from core import pagecache
from notices import selectors

register = template.Library()


@register.inclusion_tag("notices/_known.html", takes_context=True)
def notice_known(
    context: dict[str, Any], customer: Any, item: Any = None, case: Any = None
) -> dict:
    """The open case (and its late promise) or the notice about what the customer came for,
    with Continue that case. On a cached page, the page lasts until a promise turns late."""
    now = timezone.now()
    known = selectors.known_about(customer=customer, item=item, case=case, now=now)
    request = context.get("request")
    if request is not None and known is not None and known.case is not None:
        pagecache.valid_until(request, selectors.next_promise_due(case=known.case, now=now))
    return {"known": known}
