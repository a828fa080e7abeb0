"""allauth's adapter: where the client's address comes from (contact_portal/clientip.py)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            # X-Forwarded-For shorter than TRUSTED_PROXY_COUNT: not through the balancer.
            return request.META.get("REMOTE_ADDR") or "unknown"
