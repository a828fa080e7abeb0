from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

SESSION_LANGUAGE_KEY = "customer_language"


class CustomerLanguageMiddleware:
    """Speak the customer's preferred language unless they picked one with the switcher.

    Order of precedence: the switcher (language cookie), the customer profile, the browser.
    The profile's language is put in the session at sign-in (``remember_language``), so pages
    pay no query for it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and request.user.is_authenticated:
            language = request.session.get(SESSION_LANGUAGE_KEY)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


def remember_language(sender, request, user, **kwargs) -> None:
    """On sign-in, keep the customer's preferred language in the session."""
    if request is None or not hasattr(request, "session"):
        return
    customer = getattr(user, "customer", None)
    request.session[SESSION_LANGUAGE_KEY] = getattr(customer, "preferred_language", "") or ""


# Pages reached without signing in that still show one person's data (by a signed link).
PERSONAL_VIEWS = {"channels_routing:guest_case"}


class PrivatePagesMiddleware:
    """``Cache-Control: private, no-store`` on everything a signed-in person gets (My Stuff, cases,
    My data and its download, the admin) and on the guest's case page: no shared cache keeps
    them, and the browser does not keep a copy on disk for the next user of the computer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or (
            match is not None and match.view_name in PERSONAL_VIEWS
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response


def reject_nul_in_query(get_response: Callable[[HttpRequest], HttpResponse]):
    """A NUL character in the query string (``?item=%00``) is a 400: no page, search, filter
    or cursor has a use for it, and PostgreSQL refuses it in any query (a 500 before)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequest("NUL character in the query string")
        return get_response(request)

    return middleware


def signed_in_or_unavailable(get_response: Callable[[HttpRequest], HttpResponse]):
    """Load the session's user at once; when the database does not answer in time (statement
    or connect timeout), answer the 503 page right here. Otherwise every later use of
    ``request.user`` (other middleware, the error page) would try again and wait again."""
    from django.db import InterfaceError, OperationalError

    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            request.user.is_authenticated  # noqa: B018 - evaluates the lazy user now
        except (OperationalError, InterfaceError):
            return service_unavailable()
        return get_response(request)

    return middleware


def service_unavailable() -> HttpResponse:
    """The calm 503 page with Retry-After, for when the database does not answer."""
    from django.template.loader import render_to_string

    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "10"
    return response
