from django import template

from cases.models import Contact
from channels_routing.selectors import admin_case_url

register = template.Library()


@register.inclusion_tag("channels_routing/_context.html")
def desk_context(contact: Contact) -> dict:
    """The screen pop: who, about what, why, and what they already tried."""
    return {"contact": contact, "admin_url": admin_case_url(contact.case_id)}
