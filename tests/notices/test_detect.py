"""Detection: late items and promises are noticed once, told by email in the customer's
language, shown on My Stuff and the item, and cleared when the item recovers."""

from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django.utils.formats import date_format

from cases.models import PromiseStatus
from cases.services import case_reply_address
from mystuff.services import items_upsert
from notices.models import Notice, NoticeKind, NoticeRule
from notices.services import notices_detect
from tests.cases.factories import PromiseFactory
from tests.factories import CaseFactory, ItemFactory


def test_an_order_past_its_expected_delivery_is_noticed_once(
    customer, customer_client, fridge, django_capture_on_commit_callbacks
):
    customer.preferred_language = "nl"
    customer.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert notices_detect().created == []  # not late yet
    later = timezone.now() + timedelta(hours=4)  # the clock moves past delivery + 2 hours
    with django_capture_on_commit_callbacks(execute=True):
        first = notices_detect(now=later)
    assert len(first.created) == 1
    notice = Notice.objects.get()
    assert (notice.item, notice.kind, notice.customer) == (fridge, "order_late", customer)
    assert notice.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [customer.email]
    assert mail.outbox[0].extra_headers["Content-Language"] == "nl"
    assert "ORD-10388" in mail.outbox[0].body
    assert "Annuleren en terugbetalen" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        again = notices_detect(now=later + timedelta(minutes=5))
        notices_detect(now=later + timedelta(hours=3))
    assert again.created == []
    assert Notice.objects.count() == 1
    assert len(mail.outbox) == 1

    customer.preferred_language = "en"
    customer.save()
    home = customer_client.get("/my-stuff/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your order ORD-10388 is running late" in home
    assert "Cancel and refund" in home
    item_page = customer_client.get(fridge.get_absolute_url()).content.decode()
    assert "Your order ORD-10388 is running late" in item_page
    assert "I&#x27;ll wait for the new date" in item_page


def test_a_delivered_order_clears_its_notice_and_the_banner(customer, customer_client, fridge):
    notices_detect(now=timezone.now() + timedelta(hours=4))
    customer_client.get("/my-stuff/")  # cached with the banner
    fridge.status = "delivered"
    fridge.save()
    notices_detect(now=timezone.now() + timedelta(hours=5))
    assert Notice.objects.get().cleared_at is not None
    assert "is running late" not in customer_client.get("/my-stuff/").content.decode()


def test_an_update_that_makes_an_order_late_is_noticed_on_arrival(customer, deliveries):
    customer.source, customer.external_id = "shop", "C-1"
    customer.save()
    due = timezone.now() - timedelta(days=1)
    payload = {
        "source": "shop",
        "external_id": "O-1",
        "customer": "C-1",
        "kind": "order",
        "reference": "ORD-1",
        "title": "Oven",
        "status": "shipped",
        "occurred_at": (timezone.now() - timedelta(days=5)).isoformat(),
        "due_at": (timezone.now() + timedelta(days=1)).isoformat(),
    }
    items_upsert(payloads=[payload])
    assert not Notice.objects.exists()
    items_upsert(payloads=[{**payload, "due_at": due.isoformat()}])
    assert Notice.objects.get().kind == NoticeKind.ORDER_LATE
    items_upsert(payloads=[{**payload, "due_at": due.isoformat()}])
    assert Notice.objects.count() == 1
    items_upsert(payloads=[{**payload, "status": "delivered", "due_at": due.isoformat()}])
    assert Notice.objects.get().cleared_at is not None


def test_a_moved_visit_is_told_with_its_new_date(customer):
    customer.source, customer.external_id = "shop", "C-2"
    customer.save()
    first = timezone.now() + timedelta(days=2)
    moved = timezone.now() + timedelta(days=5)
    payload = {
        "source": "shop",
        "external_id": "V-1",
        "customer": "C-2",
        "kind": "appointment",
        "reference": "VIS-1",
        "title": "Dishwasher repair",
        "status": "booked",
        "occurred_at": timezone.now().isoformat(),
        "due_at": first.isoformat(),
    }
    items_upsert(payloads=[payload])
    items_upsert(payloads=[{**payload, "due_at": moved.isoformat(), "status": "rescheduled"}])
    notice = Notice.objects.get()
    assert notice.kind == NoticeKind.VISIT_MOVED
    assert notice.new_due_at == moved.replace(microsecond=notice.new_due_at.microsecond)


def test_a_disabled_rule_notices_nothing(customer, fridge):
    notices_detect()
    NoticeRule.objects.filter(kind=NoticeKind.ORDER_LATE).update(enabled=False)
    assert notices_detect(now=timezone.now() + timedelta(hours=4)).created == []


def test_a_quote_about_to_expire_and_a_late_promise_are_noticed(customer, deliveries):
    quote = ItemFactory(
        customer=customer, kind="quote", status="open", due_at=timezone.now() + timedelta(days=3)
    )
    case = CaseFactory(customer=customer, item=None, team=deliveries)
    promise = PromiseFactory(case=case, team=deliveries, due_at=timezone.now() + timedelta(hours=1))
    notices_detect()
    found = notices_detect(now=timezone.now() + timedelta(days=2))
    kinds = set(Notice.objects.filter(pk__in=found.created).values_list("kind", flat=True))
    assert kinds == {NoticeKind.QUOTE_EXPIRING, NoticeKind.PROMISE_LATE}
    assert Notice.objects.get(kind=NoticeKind.QUOTE_EXPIRING).item == quote
    promise.status = PromiseStatus.KEPT
    promise.save()
    notices_detect(now=timezone.now() + timedelta(days=2, minutes=5))
    assert Notice.objects.get(kind=NoticeKind.PROMISE_LATE).cleared_at is not None


@override_settings(REPLY_ADDRESS="reply@help.example.com")
def test_the_email_about_a_late_promise_is_answered_on_its_case(
    customer, deliveries, django_capture_on_commit_callbacks
):
    case = CaseFactory(customer=customer, item=None, team=deliveries)
    PromiseFactory(case=case, team=deliveries, due_at=timezone.now() + timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        notices_detect(now=timezone.now() + timedelta(days=2))
    (email,) = mail.outbox
    assert email.extra_headers["Reply-To"] == case_reply_address(case.pk)
    assert email.extra_headers["References"] == f"<case-{case.pk}@help.example.com>"


def test_a_subscription_about_to_renew_is_noticed_once_a_week_before(customer):
    renews = timezone.now() + timedelta(days=10)
    plan = ItemFactory(customer=customer, kind="subscription", status="active", due_at=renews)
    assert notices_detect().created == []  # ten days ahead: not yet
    found = notices_detect(now=renews - timedelta(days=6))
    notice = Notice.objects.get(pk__in=found.created)
    assert (notice.item, notice.kind) == (plan, NoticeKind.SUBSCRIPTION_RENEWING)
    assert notices_detect(now=renews - timedelta(days=5)).created == []  # once
    # Renewed: nothing left to warn about, the notice clears.
    notices_detect(now=renews + timedelta(hours=1))
    assert Notice.objects.get().cleared_at is not None


def test_a_missed_visit_is_noticed_by_the_clock_and_by_the_back_office(customer):
    booked = timezone.now() + timedelta(hours=1)
    visit = ItemFactory(customer=customer, kind="appointment", status="booked", due_at=booked)
    assert notices_detect(now=booked + timedelta(hours=1)).created == []  # may still be there
    found = notices_detect(now=booked + timedelta(hours=3))
    assert Notice.objects.get(pk__in=found.created).kind == NoticeKind.VISIT_MISSED
    visit.status = "completed"
    visit.save()
    notices_detect(now=booked + timedelta(hours=4))
    assert Notice.objects.get(item=visit).cleared_at is not None

    customer.source, customer.external_id = "shop", "C-3"
    customer.save()
    payload = {
        "source": "shop",
        "external_id": "V-9",
        "customer": "C-3",
        "kind": "appointment",
        "reference": "VIS-9",
        "title": "Boiler service",
        "status": "booked",
        "occurred_at": timezone.now().isoformat(),
        "due_at": (timezone.now() + timedelta(days=1)).isoformat(),
    }
    items_upsert(payloads=[payload])
    items_upsert(payloads=[{**payload, "status": "missed"}])
    assert Notice.objects.get(item__reference="VIS-9").kind == NoticeKind.VISIT_MISSED


def test_a_late_order_with_a_new_expected_date_shows_it_on_the_banner(
    customer, customer_client, fridge
):
    notices_detect(now=timezone.now() + timedelta(hours=4))
    new_date = timezone.now() + timedelta(days=3)
    customer.source, customer.external_id = "shop", "C-4"
    customer.save()
    fridge.source, fridge.external_id = "shop", "O-4"
    fridge.save()
    items_upsert(
        payloads=[
            {
                "source": "shop",
                "external_id": "O-4",
                "customer": "C-4",
                "kind": "order",
                "reference": fridge.reference,
                "title": fridge.title,
                "status": "shipped",
                "occurred_at": fridge.occurred_at.isoformat(),
                "due_at": new_date.isoformat(),
            }
        ]
    )
    notice = Notice.objects.get(item=fridge)
    assert notice.cleared_at is None and notice.new_due_at is not None
    page = customer_client.get(fridge.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    shown = date_format(timezone.localtime(new_date), "DATE_FORMAT")
    assert shown in page.content.decode()
