import time

from celery import shared_task
from celery.signals import worker_ready
from django.core.mail import send_mail


@shared_task(name="contact_portal.ping", ignore_result=False)
def ping(word: str) -> str:
    """Answers a worker health probe; also used by the test that runs a real worker."""
    return f"pong:{word}"


@shared_task(name="contact_portal.flush_outbox")
def flush_outbox() -> int:
    from core import outbox

    return outbox.flush()


@shared_task(name="contact_portal.send_email", acks_late=True)
def send_email(to: list[str], subject: str, body: str) -> int:
    """Plain notification email, usually enqueued through the outbox."""
    return send_mail(subject, body, None, to)


@worker_ready.connect
def _flush_on_start(**kwargs) -> None:
    # A worker coming back after an outage publishes whatever waited in the meantime.
    flush_outbox.delay()


@shared_task(name="contact_portal.selftest", acks_late=True)
def selftest(key: str, seconds: float = 0.0) -> str:
    """Worker self-test with an idempotent effect: used to prove a killed task runs again once."""
    from core.models import AuditLog

    time.sleep(seconds)
    AuditLog.objects.get_or_create(action="worker_selftest", target_id=key[:64])
    return key
