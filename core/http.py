"""Request types shared by every app's views."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request after django-htmx's middleware: ``request.htmx`` says whether htmx sent it."""

    htmx: HtmxDetails
