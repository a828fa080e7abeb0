from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SESSION_LANGUAGE_KEY = "customer_language"


class CustomerLanguageMiddleware:
    """Speak the customer's preferred language unless they picked one with the switcher.

    Order of precedence: the switcher (language cookie), the customer profile, the browser.
    The profile's language is read once per session and kept there, so pages pay no query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and request.user.is_authenticated:
            language = request.session.get(SESSION_LANGUAGE_KEY)
            if language is None:
                customer = getattr(request.user, "customer", None)
                language = getattr(customer, "preferred_language", "") or ""
                request.session[SESSION_LANGUAGE_KEY] = language
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
