"""Sign-in emails in our words: allauth's adapter, with our address instead of the host's."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Without the sites framework allauth names the site after the request's host
        # ("Hello from 127.0.0.1:8000!"); our templates sign with the product and SITE_URL.
        super().send_mail(template_prefix, email, {**context, "site_url": settings.SITE_URL})
