"""Limits on customer traffic towards us: contacts, messages (on the channel page and on a case
page: one counter), chats and bookings. Per customer (per IP address and address for guests).
Each refusal is shown next to the form, with what was typed still in it. How many in how long
is ``settings.TRAFFIC_LIMITS`` (environment variables ``TRAFFIC_LIMIT_CONTACT`` and so on)."""

from django.conf import settings
from django.utils.translation import gettext as _

from core import ratelimit


def rate_limited(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt under ``key``; True once more than ``limit`` happened in the window.
    The one counter is core.ratelimit's (it holds per process while Redis is down)."""
    return not ratelimit.within(f"channels:{key}", limit=limit, window_seconds=window_seconds)


def traffic_refusal(*, kind: str, who: str) -> str:
    """Count one more ``kind`` by ``who``; the reason to refuse it, or empty when it may go."""
    limit, window = settings.TRAFFIC_LIMITS[kind]  # kind -> (how many, in seconds)
    if not rate_limited(key=f"traffic:{kind}:{who}", limit=limit, window_seconds=window):
        return ""
    if kind == "chat":
        return _(
            "You are sending lines faster than we can read them; wait a minute and send it again."
        )
    if kind == "booking":
        return _(
            "You have booked many callbacks today; please wait until tomorrow or send us a message."
        )
    return _(
        "You have contacted us many times in the last hour; please wait a while and try "
        "again. What you wrote is kept."
    )
