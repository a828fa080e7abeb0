"""Emails and queue housekeeping for contacts. Tasks take ids and are safe to run twice."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, send_mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cases.models import ChannelKind, Contact
from channels_routing.models import CallbackRequest, CallbackStatus

CALLBACK_REMIND_BEFORE = timedelta(minutes=15)
CHAT_GONE_AFTER = timedelta(minutes=2)


def send_email(*, to: str, subject: str, body: str, headers: dict[str, str] | None = None) -> None:
    if headers:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers).send()
    else:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def _thread(contact: Contact, what: str) -> dict[str, str] | None:
    """Threading and reply-address headers for an email about the contact's case."""
    if contact.case_id is None:
        return None
    from cases.services import case_thread_headers

    return case_thread_headers(case_id=contact.case_id, message=f"{what}-{contact.pk}")


def chat_seen_key(contact_id: int) -> str:
    return f"channels:chat-seen:{contact_id}"


def case_link(contact: Contact) -> str:
    """Where the customer follows the case: their case page, or the secret link for a guest."""
    from channels_routing.services import contact_guest_token

    if contact.case_id is None:
        return settings.SITE_URL
    if contact.guest_email:
        token = contact_guest_token(contact)
        return settings.SITE_URL + reverse("channels_routing:guest_case", args=[token])
    return settings.SITE_URL + reverse("cases:detail", args=[contact.case_id])


def _recipient(contact: Contact) -> tuple[str, str]:
    customer = contact.customer
    email = contact.guest_email or (customer.email if customer else "")
    language = customer.preferred_language if customer else settings.LANGUAGE_CODE
    return email, language


@shared_task(name="channels_routing.email_message_received")
def email_message_received(contact_id: int) -> bool:
    contact = Contact.objects.select_related("case", "customer").filter(pk=contact_id).first()
    if contact is None or contact.customer_emailed_at is not None or contact.case is None:
        return False
    email, language = _recipient(contact)
    if not email:
        return False
    with translation.override(language):
        reference = contact.case.reference
        send_email(
            to=email,
            subject=_("We received your message (%(reference)s)") % {"reference": reference},
            body=_(
                "Thank you for your message. Your case reference is %(reference)s.\n"
                "We reply by email; you can follow your case here:\n%(link)s\n"
            )
            % {"reference": reference, "link": case_link(contact)},
            headers=_thread(contact, "received"),
        )
    # pagecache: when we emailed them is not shown on any page
    Contact.objects.filter(pk=contact.pk).update(customer_emailed_at=timezone.now())
    return True


@shared_task(name="channels_routing.email_callback_booked")
def email_callback_booked(callback_id: int, due_at: str) -> bool:
    """Confirm a booked (or moved) callback: when, on which number, the case, how to change it."""
    from channels_routing.services import callback_when

    callback = (
        CallbackRequest.objects.select_related("contact", "contact__customer", "contact__case")
        .filter(pk=callback_id)
        .first()
    )
    if callback is None or callback.status != CallbackStatus.WAITING:
        return False
    if callback.due_at.isoformat() != due_at:
        return False  # moved since: the newer time has its own email
    if not cache.add(f"channels:callback-booked:{callback.pk}:{due_at}", 1, 7 * 24 * 3600):
        return False  # already sent
    email, language = _recipient(callback.contact)
    if not email:
        return False
    with translation.override(language):
        contact = callback.contact
        reference = contact.case.reference if contact.case else ""
        if contact.guest_email:  # a guest moves or cancels it on their case's secret page
            change = case_link(contact) + "#callback"
        else:
            change = settings.SITE_URL + reverse(
                "channels_routing:callback_booked", args=[contact.pk]
            )
        send_email(
            to=email,
            subject=_("We will call you back (%(reference)s)") % {"reference": reference}
            if reference
            else _("We will call you back"),
            body=_(
                "We will call you on %(phone)s, %(when)s.\n"
                "Your case reference is %(reference)s; follow it here:\n%(link)s\n\n"
                "To choose another time or cancel the call:\n%(change)s\n"
            )
            % {
                "phone": callback.phone,
                "when": callback_when(callback),
                "reference": reference,
                "link": case_link(contact),
                "change": change,
            },
            headers=_thread(contact, f"booked-{callback.pk}"),
        )
    return True


@shared_task(name="channels_routing.email_callback_missed")
def email_callback_missed(callback_id: int, attempt: int) -> bool:
    """Tell the customer we tried to reach them, once per attempt."""
    callback = (
        CallbackRequest.objects.select_related("contact", "contact__customer", "contact__case")
        .filter(pk=callback_id)
        .first()
    )
    if callback is None or callback.attempts != attempt or callback.tried_at is None:
        return False
    if callback.customer_told_at is not None and callback.customer_told_at >= callback.tried_at:
        return False
    email, language = _recipient(callback.contact)
    if not email:
        return False
    with translation.override(language):
        if callback.status == CallbackStatus.FAILED:
            body = _(
                "We tried to call you on %(phone)s twice but could not reach you. "
                "Reply to your case and we will pick it up: %(link)s"
            )
        else:
            body = _(
                "We tried to call you on %(phone)s but could not reach you. "
                "We will try once more at %(when)s. Your case: %(link)s"
            )
        send_email(
            to=email,
            subject=_("We tried to reach you"),
            body=body
            % {
                "phone": callback.phone,
                "when": formats.time_format(timezone.localtime(callback.due_at), "TIME_FORMAT"),
                "link": case_link(callback.contact),
            },
            headers=_thread(callback.contact, f"callback-{attempt}"),
        )
    CallbackRequest.objects.filter(pk=callback.pk).update(customer_told_at=timezone.now())
    return True


@shared_task(name="channels_routing.callback_reminders")
def callback_reminders() -> int:
    """Remind customers shortly before a scheduled callback. Each callback once."""
    now = timezone.now()
    due = CallbackRequest.objects.select_related("contact", "contact__customer").filter(
        status=CallbackStatus.WAITING,
        slot__isnull=False,
        reminded_at__isnull=True,
        due_at__gt=now,
        due_at__lte=now + CALLBACK_REMIND_BEFORE,
    )
    sent = 0
    for callback in due:
        # Claim it first, so two beat runs never remind twice.
        if not CallbackRequest.objects.filter(pk=callback.pk, reminded_at__isnull=True).update(
            reminded_at=now
        ):
            continue
        email, language = _recipient(callback.contact)
        if not email:
            continue
        with translation.override(language):
            send_email(
                to=email,
                subject=_("We will call you soon"),
                body=_("We will call you on %(phone)s at %(when)s.")
                % {
                    "phone": callback.phone,
                    "when": formats.time_format(timezone.localtime(callback.due_at), "TIME_FORMAT"),
                },
                headers=_thread(callback.contact, f"reminder-{callback.pk}"),
            )
        sent += 1
    return sent


@shared_task(name="channels_routing.chats_abandoned")
def chats_abandoned() -> int:
    """Chats whose customer left (no polling for a while) before anyone answered."""
    from channels_routing.services import chat_end

    now = timezone.now()
    waiting = Contact.objects.filter(
        channel=ChannelKind.CHAT,
        requested_at__lte=now - CHAT_GONE_AFTER,
        answered_at__isnull=True,
        ended_at__isnull=True,
        abandoned_at__isnull=True,
    )
    ended = 0
    for contact in waiting[:500]:
        seen = cache.get(chat_seen_key(contact.pk))
        if seen is None or seen < (now - CHAT_GONE_AFTER).timestamp():
            chat_end(contact=contact, now=now)
            ended += 1
    return ended


@shared_task(name="channels_routing.email_poll_imap")
def email_poll_imap() -> int:
    """Read new mail from the support mailbox (when IMAP_HOST is set)."""
    from channels_routing.email_in import imap_poll

    return imap_poll()
