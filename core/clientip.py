"""The client's address, as allauth's rate limits and our own limiters see it.

Behind a load balancer every request comes from the balancer's address, so per-IP limits
would count every customer together. ``TRUSTED_PROXY_COUNT`` (how many proxies in front of
the web processes append to ``X-Forwarded-For``) or ``TRUSTED_CLIENT_IP_HEADER`` (a header
the balancer sets to the client's address, such as ``X-Real-IP``) say where the real address
is; both are read by allauth (``ALLAUTH_TRUSTED_*``) and by ``client_ip`` below. Without
them, ``REMOTE_ADDR`` is used: right when clients connect directly, and never spoofable.
"""

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest

UNKNOWN = "unknown"


def client_ip(request: HttpRequest) -> str:
    """The client's address by the configured proxy settings; never raises.

    A request whose ``X-Forwarded-For`` is shorter than the trusted proxy count did not come
    through the balancer: it is counted under its own ``REMOTE_ADDR``.
    """
    from allauth.core.internal.ratelimit import get_ip

    try:
        return get_ip(request)
    except (ImproperlyConfigured, PermissionDenied):
        return request.META.get("REMOTE_ADDR") or UNKNOWN
