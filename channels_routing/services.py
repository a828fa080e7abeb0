"""Writes for channels and contacts. Keyword-only, typed, atomic; emails go out on commit."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import rules as case_rules
from cases.models import Attachment as CaseAttachment
from cases.models import Case, CaseEvent, CaseEventKind
from cases.services import case_add_event, case_open_or_join, upload_error
from channels_routing import selectors
from channels_routing.models import (
    AgentPresence,
    CallbackRequest,
    CallbackSlot,
    CallbackStatus,
    CallRecord,
    Channel,
    ChannelKind,
    ChatAuthor,
    ChatMessage,
    Contact,
    ContactAttachment,
    PresenceStatus,
    ReferenceCode,
)
from channels_routing.selectors import Target, earlier_contacts
from contact_portal import outbox
from knowledge.models import Journey, JourneyOutcome
from live import events as live
from mystuff.models import Customer, Lifecycle

REFERENCE_CODE_DIGITS = 8
REFERENCE_CODE_VALID = timedelta(minutes=30)
GUEST_CODE_VALID_SECONDS = 15 * 60
GUEST_CASE_LINK_MAX_AGE = 60 * 60 * 24 * 90
GUEST_CASE_SALT = "channels_routing.guest_case"
CALLBACK_RETRY_AFTER = timedelta(minutes=15)
CALLBACK_MAX_ATTEMPTS = 2

CONTACT_EVENT_TEXT = {
    ChannelKind.PHONE: "You chose to call us.",
    ChannelKind.CALLBACK: "You asked us to call you back.",
    ChannelKind.CHAT: "You started a chat with us.",
    ChannelKind.MESSAGE: "You chose to send us a message.",
}


def rate_limited(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt under ``key``; True once more than ``limit`` happened in the window."""
    cache_key = f"channels:rate:{key}"
    if cache.add(cache_key, 1, window_seconds):
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, window_seconds)
        count = 1
    return count > limit


# --- The context snapshot


def journey_trail(journey: Journey | None) -> dict[str, list[dict[str, Any]]]:
    """Articles opened, searches made (with their result counts) and answers given in a
    self-help journey, as the knowledge app records them."""
    if journey is None:
        return {"articles_opened": [], "searches": [], "solved_answers": []}
    from knowledge.selectors import journey_context

    return journey_context(journey)


def contact_context(
    *, target: Target, channel: str, description: str, repeat_contacts: int
) -> dict[str, Any]:
    customer, item, reason = target.customer, target.item, target.reason
    return {
        "customer": {
            "id": customer.pk,
            "name": customer.name,
            "email": customer.email,
            "segment": customer.segment,
        },
        "item": {
            "id": item.pk,
            "kind": item.kind,
            "reference": item.reference,
            "title": item.title,
            "status": item.status,
            "value": str(item.value) if item.value is not None else None,
            "currency": item.currency,
        }
        if item
        else None,
        "reason": {
            "id": reason.pk,
            "slug": reason.slug,
            "name": reason.name,
            "urgency": reason.urgency,
        }
        if reason
        else None,
        "description": description,
        **journey_trail(target.journey),
        "channel": channel,
        "repeat_contacts": repeat_contacts,
    }


# --- Making contact


@transaction.atomic
def contact_create(
    *,
    target: Target,
    channel: str,
    description: str = "",
    idempotency_key: str = "",
    guest_email: str = "",
    offer: dict[str, Any] | None = None,
) -> Contact:
    """A contact with its context snapshot, on a new case or the open one about the same thing.

    The same idempotency key twice (a double-clicked button) gives back the first contact.
    """
    assert channel in ChannelKind.values, channel
    if idempotency_key:
        existing = Contact.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    description = description.strip()
    repeat = earlier_contacts(target)
    if target.case is not None and target.case.is_open:
        case: Case = target.case
    else:
        case, _created = case_open_or_join(
            customer=target.customer,
            item=target.item,
            reason=target.reason,
            channel=channel,
            description=description,
        )
    try:
        with transaction.atomic():
            contact = Contact.objects.create(
                customer=target.customer,
                case=case,
                item=target.item,
                journey=target.journey,
                channel=channel,
                description=description,
                context=contact_context(
                    target=target,
                    channel=channel,
                    description=description,
                    repeat_contacts=repeat,
                )
                | ({"offer": offer} if offer else {}),
                idempotency_key=idempotency_key,
                guest_email=guest_email,
            )
    except IntegrityError:
        # The other click won the race; it made the contact.
        return Contact.objects.get(idempotency_key=idempotency_key)
    case_add_event(
        case=case,
        kind=CaseEventKind.CONTACT,
        public=True,
        body=CONTACT_EVENT_TEXT[ChannelKind(channel)],
        data={"contact_id": contact.pk, "channel": channel},
    )
    if target.journey is not None:
        target.journey.outcome = JourneyOutcome.CONTACTED
        target.journey.ended_at = timezone.now()
        target.journey.save(update_fields=["outcome", "ended_at"])
    if channel == ChannelKind.PHONE:
        reference_code_issue(contact=contact)
    return contact


# --- Send a message


def attachment_problem(upload: UploadedFile) -> str:
    """Why an upload cannot be accepted, in plain words; empty when it is fine."""
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        megabytes = settings.UPLOAD_MAX_BYTES / (1024 * 1024)
        return _("%(name)s is too large: files can be up to %(size).0f MB.") % {
            "name": upload.name,
            "size": megabytes,
        }
    # Checked on the content, as case attachments are: the declared type and the name are
    # the sender's claim, and both must match what the first bytes are.
    if upload.content_type not in settings.UPLOAD_ALLOWED_TYPES or upload_error(upload):
        return _("%(name)s is not a type we accept: send a picture, a PDF or a text file.") % {
            "name": upload.name
        }
    return ""


@transaction.atomic
def message_send(*, contact: Contact, body: str, files: list[UploadedFile]) -> Contact:
    """The customer's words and files go to the case; they get an email with its reference.

    Sending twice (a double click, the back button) adds the message once.
    """
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.message_sent_at is not None:
        return contact
    names = []
    stored: list[ContactAttachment] = []
    for upload in files:
        name = (upload.name or "file").rsplit("/", 1)[-1][:200]
        head = upload.read(2048)
        upload.seek(0)
        attachment = ContactAttachment(
            contact=contact,
            name=name,
            content_type=case_rules.sniff_content_type(head) or upload.content_type or "",
            size=upload.size or 0,
        )
        # A random directory, as for case attachments: the path must not be guessable if media
        # is ever served directly (DEBUG serves /media/ to anyone).
        attachment.file.save(f"{uuid.uuid4().hex}/{name}", upload, save=False)
        attachment.save()
        stored.append(attachment)
        names.append(upload.name)
    body = body.strip()
    contact.description = body
    contact.context = {**contact.context, "description": body}
    contact.message_sent_at = timezone.now()
    contact.save(update_fields=["description", "context", "message_sent_at"])
    if contact.case is not None:
        event = case_add_event(
            case=contact.case,
            kind=CaseEventKind.CUSTOMER_MESSAGE,
            public=True,
            body=body,
            data={"contact_id": contact.pk, "attachments": names},
        )
        _files_to_case(contact=contact, event=event, stored=stored)
    # Through the outbox: if Redis is down the message is still stored and the customer told;
    # the confirmation email goes out when the broker is back.
    outbox.enqueue("channels_routing.email_message_received", contact.pk)
    return contact


def _files_to_case(*, contact: Contact, event: CaseEvent, stored: list[ContactAttachment]) -> None:
    """The files also become the case's attachments (same stored file), so the agent opens
    them from the case page and the customer from their case, through views that check who
    is asking; nothing depends on /media/ being served."""
    assert contact.case is not None
    if not stored:
        return  # most messages have no files: nothing to look up
    uploader_id = contact.customer.user_id if contact.customer is not None else None
    for index, attachment in enumerate(stored):
        if index > 0:
            # One file per timeline entry: the first rides on the message itself.
            event = case_add_event(
                case=contact.case,
                kind=CaseEventKind.ATTACHMENT,
                public=True,
                data={"contact_id": contact.pk, "attachment": attachment.name},
            )
        CaseAttachment.objects.create(
            case=contact.case,
            event=event,
            file=attachment.file.name,
            name=attachment.name,
            content_type=attachment.content_type,
            size=attachment.size,
            uploaded_by_id=uploader_id,
        )


def guest_case_token(*, case_id: int, email: str) -> str:
    return signing.dumps({"case": case_id, "email": email}, salt=GUEST_CASE_SALT)


def guest_case_id_from_token(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=GUEST_CASE_SALT, max_age=GUEST_CASE_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    case_id = data.get("case") if isinstance(data, dict) else None
    return case_id if isinstance(case_id, int) else None


# --- Guests confirm their email with a code


def _guest_code_key(email: str) -> str:
    return "channels:guest-code:" + hashlib.sha256(email.lower().encode()).hexdigest()


def guest_code_send(*, email: str, ip: str) -> bool:
    """Email a six-digit code to ``email``. False when too many were asked for."""
    email = email.strip().lower()
    if rate_limited(key=f"guest-send:{email}", limit=3, window_seconds=3600) or rate_limited(
        key=f"guest-send-ip:{ip}", limit=10, window_seconds=3600
    ):
        return False
    code = f"{secrets.randbelow(1_000_000):06d}"
    cache.set(
        _guest_code_key(email),
        {"hash": hashlib.sha256(code.encode()).hexdigest(), "tries": 0},
        GUEST_CODE_VALID_SECONDS,
    )
    from channels_routing.tasks import send_email

    send_email(
        to=email,
        subject=_("Your Need Help code"),
        body=_("Your code is %(code)s. It is valid for 15 minutes.") % {"code": code},
    )
    return True


def guest_code_check(*, email: str, code: str) -> bool:
    """True once for the right code; five wrong tries and the code is gone."""
    key = _guest_code_key(email.strip().lower())
    stored = cache.get(key)
    if not stored:
        return False
    given = hashlib.sha256(code.strip().encode()).hexdigest()
    if secrets.compare_digest(stored["hash"], given):
        cache.delete(key)
        return True
    stored["tries"] += 1
    if stored["tries"] >= 5:
        cache.delete(key)
    else:
        cache.set(key, stored, GUEST_CODE_VALID_SECONDS)
    return False


@transaction.atomic
def guest_customer(*, email: str, name: str = "") -> Customer:
    """The customer record for a confirmed guest email: an existing one, or a new prospect."""
    email = email.strip().lower()
    customer = Customer.objects.filter(email__iexact=email).order_by("id").first()
    if customer is None:
        customer = Customer.objects.create(
            email=email, name=name.strip(), lifecycle=Lifecycle.PROSPECT, source="portal"
        )
    return customer


# --- Phone: reference codes and CTI events


def reference_code_issue(*, contact: Contact) -> ReferenceCode:
    expires = timezone.now() + REFERENCE_CODE_VALID
    for _attempt in range(10):
        code = f"{secrets.randbelow(10**REFERENCE_CODE_DIGITS):0{REFERENCE_CODE_DIGITS}d}"
        try:
            with transaction.atomic():
                return ReferenceCode.objects.create(contact=contact, code=code, expires_at=expires)
        except IntegrityError:
            existing = ReferenceCode.objects.filter(contact=contact).first()
            if existing is not None:
                return existing
    raise RuntimeError("could not find a free reference code")


def reference_code_redeem(*, code: str, now: datetime | None = None) -> Contact | None:
    """The contact a valid code belongs to; the code cannot be used again."""
    now = now or timezone.now()
    digits = "".join(ch for ch in code if ch.isdigit())
    if len(digits) != REFERENCE_CODE_DIGITS:
        return None
    updated = ReferenceCode.objects.filter(code=digits, used_at__isnull=True, expires_at__gt=now)
    reference = updated.select_related("contact").first()
    if reference is None or not updated.filter(pk=reference.pk).update(used_at=now):
        return None
    return reference.contact


class CtiError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


CTI_EVENTS = ("newCall", "answer", "hangup")


def _phone_digits(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit())
    return digits[-9:]  # national significant number; ignores +31 / 0 prefixes


def _match_caller(*, payload: dict[str, Any], now: datetime) -> tuple[Contact | None, str]:
    """The contact a caller is about: by the reference code first, then by their number."""
    code = str(payload.get("code") or payload.get("dtmf") or "")
    queue = str(payload.get("queue") or "")
    if not code and queue.isdigit() and len(queue) == REFERENCE_CODE_DIGITS:
        code = queue
    caller = str(payload.get("from") or "")
    if code:
        limit_key = f"cti-code:{_phone_digits(caller) or 'unknown'}"
        if not rate_limited(key=limit_key, limit=5, window_seconds=600):
            contact = reference_code_redeem(code=code, now=now)
            if contact is not None:
                return contact, "code"
    digits = _phone_digits(caller)
    if len(digits) >= 6:
        contact = (
            Contact.objects.filter(
                customer__phone__endswith=digits,
                channel__in=[ChannelKind.PHONE, ChannelKind.CALLBACK],
                requested_at__gte=now - timedelta(hours=2),
                ended_at__isnull=True,
                abandoned_at__isnull=True,
            )
            .order_by("-requested_at")
            .first()
        )
        if contact is not None:
            return contact, "phone"
    return None, ""


@transaction.atomic
def cti_event(*, payload: dict[str, Any], now: datetime | None = None) -> dict[str, Any]:
    """Handle one event from the phone system (Zammad's generic CTI shape); the JSON answer."""
    now = now or timezone.now()
    event = payload.get("event")
    if event not in CTI_EVENTS:
        raise CtiError("event", "must be one of newCall, answer, hangup")
    call_id = str(payload.get("callId") or "").strip()
    if not call_id:
        raise CtiError("callId", "is required")
    users = payload.get("user") or []
    if isinstance(users, str):
        users = [users]
    if event == "newCall":
        direction = payload.get("direction")
        if direction not in ("in", "out"):
            raise CtiError("direction", "must be in or out")
        if not payload.get("from"):
            raise CtiError("from", "is required")
        call, created = CallRecord.objects.get_or_create(
            call_id=call_id,
            defaults={
                "direction": direction,
                "from_number": str(payload.get("from"))[:64],
                "to_number": str(payload.get("to") or "")[:64],
                "queue": str(payload.get("queue") or "")[:100],
                "users": users,
                "started_at": now,
            },
        )
        matched_by = ""
        if created and direction == "in":
            contact, matched_by = _match_caller(payload=payload, now=now)
            if contact is not None:
                call.contact = contact
                call.save(update_fields=["contact"])
        return _cti_answer(call, matched_by)
    found = CallRecord.objects.select_for_update().filter(call_id=call_id).first()
    if found is None:
        raise CtiError("callId", "no newCall was received for this call")
    call = found
    contact = call.contact
    if event == "answer":
        if call.answered_at is None:
            call.answered_at = now
            call.users = users or call.users
            call.answering_number = str(payload.get("answeringNumber") or "")[:64]
            call.save(update_fields=["answered_at", "users", "answering_number"])
        if contact is not None and contact.answered_at is None:
            contact.answered_at = now
            # The phone system names the answering agent; link them when we know the name.
            names = [str(name) for name in users if name]
            agent = User.objects.filter(is_staff=True, username__in=names).first()
            contact.agent_id = agent.pk if agent else contact.agent_id
            contact.save(update_fields=["answered_at", "agent"])
    else:
        if call.ended_at is None:
            call.ended_at = now
            call.cause = str(payload.get("cause") or "")[:40]
            call.save(update_fields=["ended_at", "cause"])
        if contact is not None and contact.ended_at is None and contact.abandoned_at is None:
            if contact.answered_at is not None:
                contact.ended_at = now
                contact.save(update_fields=["ended_at"])
            else:
                contact.abandoned_at = now
                contact.save(update_fields=["abandoned_at"])
    return _cti_answer(call, "")


def _cti_answer(call: CallRecord, matched_by: str) -> dict[str, Any]:
    contact = call.contact
    answer: dict[str, Any] = {"ok": True, "callId": call.call_id, "caller": None}
    if contact is not None:
        context = contact.context or {}
        answer["caller"] = {
            "matched_by": matched_by or None,
            "contact_id": contact.pk,
            "case": contact.case.reference if contact.case else None,
            "customer": (context.get("customer") or {}).get("name"),
            "reason": (context.get("reason") or {}).get("name"),
            "item": (context.get("item") or {}).get("reference"),
        }
    return answer


# --- Callback


@transaction.atomic
def callback_request(
    *, contact: Contact, phone: str, slot: CallbackSlot | None, now: datetime | None = None
) -> CallbackRequest:
    """Call the customer back now (``slot`` None) or in a slot that still has room."""
    now = now or timezone.now()
    existing = CallbackRequest.objects.filter(contact=contact).first()
    if existing is not None:
        return existing
    if slot is not None:
        slot = CallbackSlot.objects.select_for_update().get(pk=slot.pk)
        taken = slot.callbacks.exclude(status=CallbackStatus.CANCELLED).count()
        if taken >= slot.capacity or slot.starts_at <= now:
            raise ValueError("slot is full")
    callback = CallbackRequest.objects.create(
        contact=contact, slot=slot, phone=phone.strip(), due_at=slot.starts_at if slot else now
    )
    if contact.case is not None:
        when = timezone.localtime(callback.due_at).strftime("%Y-%m-%d %H:%M") if slot else _("now")
        case_add_event(
            case=contact.case,
            kind=CaseEventKind.CONTACT,
            public=True,
            body=_("We will call you back on %(phone)s (%(when)s).")
            % {"phone": callback.phone, "when": when},
            data={"contact_id": contact.pk, "callback_id": callback.pk},
        )
    return callback


@transaction.atomic
def callback_outcome(
    *,
    callback: CallbackRequest,
    reached: bool,
    agent: User,
    now: datetime | None = None,
) -> CallbackRequest:
    """Record an attempt. Not reached: tell the customer and try again once more later."""
    now = now or timezone.now()
    callback = CallbackRequest.objects.select_for_update().get(pk=callback.pk)
    if callback.status in (CallbackStatus.DONE, CallbackStatus.FAILED, CallbackStatus.CANCELLED):
        return callback
    contact = callback.contact
    callback.attempts += 1
    callback.tried_at = now
    if reached:
        callback.status = CallbackStatus.DONE
        contact.answered_at = contact.answered_at or now
        contact.ended_at = now
        contact.agent_id = agent.pk
        contact.save(update_fields=["answered_at", "ended_at", "agent"])
    elif callback.attempts >= CALLBACK_MAX_ATTEMPTS:
        callback.status = CallbackStatus.FAILED
        contact.abandoned_at = now
        contact.save(update_fields=["abandoned_at"])
    else:
        callback.status = CallbackStatus.TRIED
        callback.due_at = now + CALLBACK_RETRY_AFTER
    callback.save(update_fields=["attempts", "tried_at", "status", "due_at"])
    if not reached:
        outbox.enqueue("channels_routing.email_callback_missed", callback.pk, callback.attempts)
    return callback


# --- Chat


def chat_post(
    *, contact: Contact, body: str, author_kind: str, author: User | None = None
) -> ChatMessage:
    message = ChatMessage.objects.create(
        contact=contact,
        author_kind=author_kind,
        author=author,
        body=body.strip()[:4000],
    )
    line = selectors.chat_line(message, contact)
    # Both sides' pages get the line pushed (the id lets a reconnecting page catch up).
    live.publish(live.chat_group(contact.pk), "message", **{**line, "at": line["at"].isoformat()})
    return message


def chat_typing(*, contact: Contact, author_kind: str, author: User | None = None) -> None:
    """Tell the other side someone is writing; nothing is stored."""
    who = selectors.chat_author_name(kind=author_kind, author=author, contact=contact)
    live.send_now(live.chat_group(contact.pk), "typing", side=author_kind, who=who)


@transaction.atomic
def chat_answer(*, contact: Contact, agent: User) -> Contact:
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.answered_at is None and contact.abandoned_at is None:
        contact.answered_at = timezone.now()
        contact.agent_id = agent.pk
        contact.save(update_fields=["answered_at", "agent"])
        live.publish(live.chat_group(contact.pk), "answered", who=agent.first_name)
    return contact


@transaction.atomic
def chat_end(*, contact: Contact, now: datetime | None = None) -> Contact:
    """Close a chat. Unanswered it counts as abandoned; the transcript goes to the case."""
    now = now or timezone.now()
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.ended_at is not None or contact.abandoned_at is not None:
        return contact
    if contact.answered_at is None:
        contact.abandoned_at = now
        contact.save(update_fields=["abandoned_at"])
    else:
        contact.ended_at = now
        contact.save(update_fields=["ended_at"])
    # Both sides close their form at once (a message typed meanwhile is kept on the page).
    live.publish(live.chat_group(contact.pk), "ended")
    lines = list(contact.chat_messages.values_list("author_kind", "body", "created_at"))
    if contact.case is not None and lines:
        transcript = "\n".join(
            f"[{timezone.localtime(at):%H:%M}] {ChatAuthor(kind).label}: {body}"
            for kind, body, at in lines
        )
        case_add_event(
            case=contact.case,
            kind=CaseEventKind.CONTACT,
            public=True,
            body=_("Chat transcript") + "\n" + transcript,
            data={"contact_id": contact.pk, "transcript": True},
        )
    return contact


# --- Agents


def presence_set(*, agent: User, channel: Channel, status: str) -> AgentPresence:
    assert status in PresenceStatus.values, status
    presence, _created = AgentPresence.objects.update_or_create(
        agent_id=agent.pk,
        channel=channel,
        defaults={"status": status, "updated_at": timezone.now()},
    )
    return presence
