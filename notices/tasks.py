"""Celery tasks for notices. Thin: they take ids and call a service; each is idempotent."""

from celery import shared_task

from notices import services


@shared_task(name="notices.detect")
def detect() -> int:
    """Beat: notice what became late since the last run; returns how many notices were made."""
    return len(services.notices_detect().created)


@shared_task(name="notices.send_notice")
def send_notice(notice_id: int) -> bool:
    return services.notice_send(notice_id=notice_id)


@shared_task(name="notices.send_notices")
def send_notices(notice_ids: list[int]) -> int:
    """Tell the customers of a batch of new notices; returns how many went out."""
    return sum(services.notice_send(notice_id=pk) for pk in notice_ids)
