"""Sign-up that does not tell whether an address already has an account.

allauth already answers both cases with the same page and email; but a new account hashes the
password (PBKDF2, most of a second) and an existing address did not, so the answer's time told
(0.11 s against 0.75 s). Both now hash it once.
"""

from typing import Any

from allauth.account.forms import SignupForm
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest


class EvenSignupForm(SignupForm):
    def try_save(self, request: HttpRequest) -> tuple[Any, Any]:
        if self.account_already_exists:
            # The same hashing a new account costs, so both answers take as long.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
