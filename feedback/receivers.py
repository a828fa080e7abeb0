"""Signal receivers. The cases app owns Case; we listen for it becoming resolved."""

from functools import partial
from typing import Any

from django.db import transaction

from cases.models import Case, CaseStatus


def invite_feedback_when_resolved(sender: type[Case], instance: Case, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "status" not in update_fields:
        return
    if instance.status != CaseStatus.RESOLVED:
        return
    from feedback.tasks import send_feedback_invitation

    transaction.on_commit(partial(send_feedback_invitation.delay, instance.pk))
