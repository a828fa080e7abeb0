"""Sign-in: allauth's adapter (our words in its emails, and where the client's address comes
from, see core/clientip.py), the staff's second factor, the admin's login page,
and a sign-up that takes as long whether or not the address already has an account."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_noop

# allauth's words that its own catalog leaves in English in a language we ship (its Dutch
# "Authenticator code" on the page that sets up an authenticator app). Named here, `make
# messages` keeps them in our catalogs, which Django reads before allauth's (LOCALE_PATHS).
# tests/contact_portal/test_sign_in_languages.py finds any other such phrase on our pages.
ALLAUTH_WORDS_WE_TRANSLATE = (gettext_noop("Authenticator code"),)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Without the sites framework allauth names the site after the request's host
        # ("Hello from 127.0.0.1:8000!"); our templates sign with the product and SITE_URL.
        super().send_mail(template_prefix, email, {**context, "site_url": settings.SITE_URL})

    def get_client_ip(self, request: HttpRequest) -> str:
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            # X-Forwarded-For shorter than TRUSTED_PROXY_COUNT: not through the balancer.
            return request.META.get("REMOTE_ADDR") or "unknown"


# Where a staff member without a second factor may still go: to set one up, or to sign out.
SECOND_FACTOR_FREE_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz", "/metrics")
SESSION_SECOND_FACTOR = "staff_second_factor"


class StaffSecondFactorMiddleware:
    """With ``MFA_REQUIRED_FOR_STAFF`` (on when ``DEBUG=0``), a staff member who has no
    authenticator app yet is sent to set one up before any other page. Once one is found the
    session remembers it, so staff pages pay no query for the check; customers never do."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and user is not None
            and user.is_authenticated
            and (user.is_staff or user.is_superuser)
        ):
            if request.path.startswith("/accounts/2fa/"):
                request.session.pop(SESSION_SECOND_FACTOR, None)  # it may be changed there
            elif (
                not request.path.startswith(SECOND_FACTOR_FREE_PREFIXES)
                and request.session.get(SESSION_SECOND_FACTOR) != user.pk
            ):
                if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
                    return redirect_to_login(
                        request.get_full_path(), reverse("mfa_activate_totp"), "next"
                    )
                request.session[SESSION_SECOND_FACTOR] = user.pk
        return self.get_response(request)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's login page: staff sign in on the one sign-in page, through its limits (and
    its second factor); nothing is authenticated here."""
    if request.user.is_authenticated:
        # Signed in but not staff: the admin is not for them (and no redirect loop).
        raise PermissionDenied
    query = urlencode({"next": request.GET.get("next") or reverse("admin:index")})
    return HttpResponseRedirect(f"{reverse('account_login')}?{query}")


class EvenSignupForm(SignupForm):
    """allauth answers a new and an existing address with the same page and email, but a new
    account hashes the password (most of a second) and an existing address did not, so the
    answer's time told (0.11 s against 0.75 s). Both now hash it once."""

    def try_save(self, request: HttpRequest) -> tuple[Any, Any]:
        if self.account_already_exists:
            # The same hashing a new account costs, so both answers take as long.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
