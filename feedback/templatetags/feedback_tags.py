"""``{% feedback_offer item %}`` / ``{% feedback_offer case %}``: the link to give or change
feedback, for the My Stuff item page and the resolved case page."""

from typing import Any

from django import template

from cases.models import Case
from feedback.models import Feedback, Target
from mystuff.models import Item

register = template.Library()


@register.inclusion_tag("feedback/_offer.html")
def feedback_offer(thing: Item | Case) -> dict[str, Any]:
    target = Target.CASE if isinstance(thing, Case) else Target.ITEM
    lookup = {"case": thing} if target == Target.CASE else {"item": thing}
    feedback = (
        Feedback.objects.select_related("picked_up_by")
        .filter(customer_id=thing.customer_id, **lookup)
        .first()
    )
    return {"target": target, "pk": thing.pk, "feedback": feedback}
