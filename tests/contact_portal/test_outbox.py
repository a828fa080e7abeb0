import pytest
from django.core import mail

from core import outbox
from core.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_an_enqueued_email_goes_out_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue("contact_portal.send_email", ["ana@example.org"], "Case C-000001", "Hi")
    assert [m.subject for m in mail.outbox] == ["Case C-000001"]
    assert OutboxMessage.objects.get().published_at is not None


def test_nothing_goes_out_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pass
    assert callbacks == []
    assert mail.outbox == []


def test_the_same_dedupe_key_is_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = outbox.enqueue(
            "contact_portal.send_email", ["a@example.org"], "S", "B", dedupe_key="case-1-resolved"
        )
        second = outbox.enqueue(
            "contact_portal.send_email", ["a@example.org"], "S", "B", dedupe_key="case-1-resolved"
        )
    assert first is not None and second is None
    assert len(mail.outbox) == 1


def test_flush_publishes_only_what_is_still_waiting(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue("contact_portal.send_email", ["a@example.org"], "S", "B")
    assert outbox.flush() == 0
    assert len(mail.outbox) == 1
