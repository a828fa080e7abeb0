"""Enqueue tasks so that a broker outage never loses them.

``enqueue`` writes an OutboxMessage in the caller's transaction and publishes it on commit. When
the broker is unreachable the row stays unpublished; ``flush_outbox`` (beat, every minute, and
at worker start) publishes what is left. Tasks run through here must be idempotent, because a
message can be published again if the process dies between publishing and marking it.
"""

import logging
import time
from datetime import timedelta
from typing import Any

from celery import current_app
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.models import OutboxMessage

logger = logging.getLogger(__name__)

# Publishing gives up quickly so a customer's request never hangs on a dead broker.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
# After a failed publish, requests in this process leave their messages to the next flush for
# REDIS_RETRY_SECONDS instead of each waiting on the broker's timeouts.
_broker_down_until = 0.0


def enqueue(task: str, *args: Any, dedupe_key: str = "", **kwargs: Any) -> OutboxMessage | None:
    """Run ``task`` after commit; returns None when ``dedupe_key`` was already enqueued."""
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                task=task, args=list(args), kwargs=kwargs, dedupe_key=dedupe_key
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: _publish_unless_broker_down(message.pk))
    return message


def _publish_unless_broker_down(message_id: int) -> bool:
    if time.monotonic() < _broker_down_until:
        return False  # waits in the outbox for the next flush
    return publish(message_id)


def publish(message_id: int) -> bool:
    message = OutboxMessage.objects.filter(pk=message_id, published_at__isnull=True).first()
    if message is None:
        return False
    try:
        if message.task not in current_app.tasks:
            current_app.loader.import_default_modules()  # registers every app's tasks
        current_app.tasks[message.task].apply_async(
            args=message.args,
            kwargs=message.kwargs,
            retry=True,
            retry_policy=PUBLISH_RETRY_POLICY,
        )
    except Exception as exc:  # noqa: BLE001 - any broker failure leaves it for the next flush
        global _broker_down_until
        _broker_down_until = time.monotonic() + float(getattr(settings, "REDIS_RETRY_SECONDS", 5))
        logger.warning("outbox %s not published yet: %s", message_id, exc)
        OutboxMessage.objects.filter(pk=message_id).update(
            attempts=F("attempts") + 1, last_error=str(exc)[:300]
        )
        return False
    OutboxMessage.objects.filter(pk=message_id, published_at__isnull=True).update(
        published_at=timezone.now(), attempts=F("attempts") + 1
    )
    return True


def flush(older_than: timedelta = timedelta(seconds=0)) -> int:
    """Publish every message still waiting; returns how many went out."""
    cutoff = timezone.now() - older_than
    waiting = OutboxMessage.objects.filter(published_at__isnull=True, created_at__lte=cutoff)
    return sum(publish(pk) for pk in waiting.order_by("id").values_list("pk", flat=True)[:1000])
