"""Signal receivers. The cases app owns Case; we listen for it becoming resolved."""

from typing import Any

from cases.models import Case, CaseStatus


def invite_feedback_when_resolved(sender: type[Case], instance: Case, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "status" not in update_fields:
        return
    if instance.status != CaseStatus.RESOLVED:
        return
    from core import outbox

    outbox.enqueue("feedback.send_invitation", instance.pk)
