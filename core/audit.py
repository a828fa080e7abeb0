"""The audit log: one call records who did what to which object."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import models
from django.dispatch import receiver
from django.http import HttpRequest

from core.models import AuditLog


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    from core.clientip import UNKNOWN, client_ip

    ip = client_ip(request)
    return ip if ip != UNKNOWN else None


def record(
    action: str,
    *,
    actor: Any = None,
    target: models.Model | None = None,
    request: HttpRequest | None = None,
    **data: Any,
) -> AuditLog:
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    return AuditLog.objects.create(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        ip=_client_ip(request),
        path=request.path[:300] if request is not None else "",
        data=data,
    )


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def _signed_in(sender, request, user, **kwargs) -> None:
    record("sign_in", actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_sign_out")
def _signed_out(sender, request, user, **kwargs) -> None:
    record("sign_out", actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    login = credentials.get("email") or credentials.get("username") or credentials.get("login")
    record("sign_in_failed", request=request, login=str(login or "")[:200])
