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
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases import rules as case_rules
from cases.contacts import contact_snapshot
from cases.models import OPEN_STATUSES, Case, CaseEvent, CaseEventKind, ChannelKind, Contact
from cases.models import Attachment as CaseAttachment
from cases.services import case_add_event, case_open_or_join, upload_error
from cases.timeline import stored_text, transcript_text
from cases.traffic import rate_limited
from channels_routing import selectors
from channels_routing.models import (
    AgentPresence,
    CallbackRequest,
    CallbackSlot,
    CallbackStatus,
    CallRecord,
    Channel,
    ChatAuthor,
    ChatMessage,
    ContactAttachment,
    PresenceStatus,
    ReferenceCode,
)
from channels_routing.selectors import (
    Target,
    caller_profile,
    customer_by_phone,
    earlier_contacts,
)
from core import live, outbox
from core.text import strip_bidi
from knowledge import gaps
from knowledge.models import GapSource, Journey, JourneyOutcome
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
    ChannelKind.EMAIL: "You emailed us.",
    "phone_call": "You called us.",
}


def message_files_problem(files: list[UploadedFile]) -> str:
    """Why these files cannot go with one message together (MESSAGE_FILES_MAX_BYTES)."""
    total = sum(upload.size or 0 for upload in files)
    if total <= settings.MESSAGE_FILES_MAX_BYTES:
        return ""
    return _(
        "These files come to %(total).0f MB; one message can carry up to %(limit).0f MB. "
        "Your message is kept; please choose fewer or smaller files."
    ) % {
        "total": total / (1024 * 1024),
        "limit": settings.MESSAGE_FILES_MAX_BYTES / (1024 * 1024),
    }


class CallbackAlreadyBooked(ValueError):
    """The case already has a callback waiting: one open callback per case."""

    def __init__(self, booking: CallbackRequest):
        super().__init__("a callback is already booked for this case")
        self.booking = booking


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
    return contact_snapshot(
        customer=target.customer,
        item=target.item,
        reason=target.reason,
        channel=channel,
        description=description,
        trail=journey_trail(target.journey),
        repeat_contacts=repeat_contacts,
    )


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
    deferred: bool = False,
) -> Contact:
    """A contact with its context snapshot, on a new case or the open one about the same thing.
    A guest's contact always opens a new case: confirming an address is not signing in, so a
    guest must never see (or write into) what its customer already has open.

    ``deferred``: the customer only chose a channel (the channel page). The contact is kept,
    so the choice is measured, but it gets a case (and a line in the case's timeline) only
    once the customer actually reaches us: ``contact_reached``, called when the message is
    sent, the callback booked, the chat started or the call matched. A choice walked away
    from leaves no case.

    The same idempotency key twice (a double-clicked button) gives back the first contact.
    """
    assert channel in ChannelKind.values, channel
    if idempotency_key:
        existing = Contact.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    description = description.strip()
    repeat = earlier_contacts(target)
    context = contact_context(
        target=target, channel=channel, description=description, repeat_contacts=repeat
    ) | ({"offer": offer} if offer else {})
    if target.case is not None:
        context["about_case"] = target.case.pk
    try:
        with transaction.atomic():
            contact = Contact.objects.create(
                customer=target.customer,
                item=target.item,
                reason=target.reason,
                journey=target.journey,
                channel=channel,
                description=description,
                context=context,
                idempotency_key=idempotency_key,
                guest_email=guest_email,
            )
    except IntegrityError:
        # The other click won the race; it made the contact.
        return Contact.objects.get(idempotency_key=idempotency_key)
    if channel == ChannelKind.PHONE:
        reference_code_issue(contact=contact)
    if not deferred:
        contact = contact_reached(contact=contact)
    return contact


@transaction.atomic
def contact_reached(*, contact: Contact) -> Contact:
    """The customer actually reached us on this contact: it joins the case it was about (while
    open), else the open case about the same item and reason, else a new one. Once per contact."""
    if contact.case_id is not None:
        return contact
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if locked.case_id is not None:
        contact.case = locked.case
        return contact
    _journey_contacted(contact)
    about = contact.context.get("about_case")
    case = None
    if about and contact.customer is not None:
        case = Case.objects.filter(
            pk=about, customer=contact.customer, status__in=OPEN_STATUSES
        ).first()
    if case is None and contact.customer is not None:
        case, _created = case_open_or_join(
            customer=contact.customer,
            item=contact.item,
            reason=contact.reason,
            channel=contact.channel,
            description=contact.description,
            # A guest's message never lands in a registered customer's open case.
            join=not contact.guest_email,
        )
    if case is None:
        return contact
    contact.case = locked.case = case
    locked.save(update_fields=["case"])
    # Who may follow the chat changes with its case (its team): open streams check again.
    live.publish(live.chat_group(contact.pk), "access")
    case_add_event(
        case=case,
        kind=CaseEventKind.CONTACT,
        public=True,
        body=CONTACT_EVENT_TEXT[ChannelKind(contact.channel)],
        data={"contact_id": contact.pk, "channel": contact.channel},
    )
    return contact


def _journey_contacted(contact: Contact) -> None:
    """The self-help journey that led here ends in a contact, now that the customer reached us
    (not when they chose a channel: reading a suggested article and leaving is self-service).
    The agent's trail is taken again, with what was read since the channel was chosen."""
    if contact.journey_id is None:
        return
    journey = Journey.objects.select_for_update().filter(pk=contact.journey_id).first()
    if journey is None:
        return
    trail = journey_trail(journey)
    if any(contact.context.get(key) != value for key, value in trail.items()):
        contact.context = {**contact.context, **trail}
        contact.save(update_fields=["context"])
    if journey.outcome != JourneyOutcome.CONTACTED:
        journey.outcome = JourneyOutcome.CONTACTED
        journey.ended_at = timezone.now()
        journey.save(update_fields=["outcome", "ended_at"])


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
def message_send(
    *,
    contact: Contact,
    body: str,
    files: list[UploadedFile],
    suggested: list[dict[str, Any]] | None = None,
) -> Contact:
    """The customer's words and files go to the case; they get an email with its reference.

    ``suggested``: the articles shown under "These may answer it" while they typed; the agent
    sees them beside the articles read. Sending twice (a double click, the back button) adds
    the message once.
    """
    given = contact
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.message_sent_at is not None:
        return contact
    for relation in ("customer", "item"):  # what the caller already read, not read again
        if Contact._meta.get_field(relation).is_cached(given):  # type: ignore[union-attr]
            setattr(contact, relation, getattr(given, relation))
    contact = contact_reached(contact=contact)
    names = []
    stored: list[ContactAttachment] = []
    for upload in files:
        name = strip_bidi(upload.name or "file").rsplit("/", 1)[-1][:200] or "file"
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
    if suggested:
        contact.context["suggested_while_typing"] = suggested
    # Self-help did not answer this: it feeds the knowledge gaps, grouped by meaning.
    gaps.record(
        source=GapSource.MESSAGE,
        text=body,
        language=translation.get_language() or "en",
        case_id=contact.case_id,
    )
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


def contact_guest_token(contact: Contact) -> str:
    """The guest's link to their case: a random token kept on the contact (nothing about the
    guest in it, unlike a signed value, so nothing leaks through logs or referrers)."""
    if not contact.guest_token:
        token = secrets.token_urlsafe(32)
        # pagecache: the guest's link is not on any signed-in customer's cached page
        Contact.objects.filter(pk=contact.pk, guest_token="").update(guest_token=token)
        contact.guest_token = Contact.objects.filter(pk=contact.pk).values_list(
            "guest_token", flat=True
        )[0]
    return contact.guest_token


def guest_case_token(*, case_id: int, email: str) -> str:
    """A guest link for a case: the token of the guest's latest contact on it."""
    contact = (
        Contact.objects.filter(case_id=case_id, guest_email__iexact=email).order_by("-id").first()
    )
    if contact is None:
        # No guest contact on this case itself (it was merged into another): a signed link
        # that names the address, which guest_case_for_token checks against the contacts.
        return signing.dumps({"case": case_id, "email": email}, salt=GUEST_CASE_SALT)
    return contact_guest_token(contact)


def guest_case_contact(token: str) -> Contact | None:
    """The guest contact a case link belongs to, while the link is valid (90 days)."""
    if not token or len(token) > 64:
        return None
    since = timezone.now() - timedelta(seconds=GUEST_CASE_LINK_MAX_AGE)
    return (
        Contact.objects.select_related("case")
        .filter(guest_token=token, case__isnull=False, requested_at__gte=since)
        .first()
    )


def guest_case_id_from_token(token: str) -> int | None:
    contact = guest_case_contact(token)
    if contact is not None:
        return contact.case_id
    # Links sent before the tokens were opaque: signed, and honoured until they expire only
    # when the address in them confirmed a contact on the case (guest_case_for_token).
    case = guest_case_for_token(token)
    return case.pk if case is not None else None


def guest_case_message(*, case: Case, body: str) -> CaseEvent:
    """A guest writes on their case from the link: like a signed-in customer's message."""
    from cases.services import case_customer_message

    return case_customer_message(case=case, user=None, body=body)


def guest_case_for_token(token: str) -> Case | None:
    """The case a guest's link opens: only when the address in the link is the one that
    confirmed a contact on that case. A link signed with a leaked key (the public development
    key) for somebody else's case opens nothing."""
    try:
        data = signing.loads(token, salt=GUEST_CASE_SALT, max_age=GUEST_CASE_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    case_id, email = (data.get("case"), data.get("email")) if isinstance(data, dict) else (0, 0)
    if not isinstance(case_id, int) or not isinstance(email, str) or not email:
        return None
    email = email.strip()
    # A merged case hands its contacts to the case it went into; the old link still opens it.
    wrote_here = Q(contacts__guest_email__iexact=email)
    wrote_before_merge = Q(merged_into__contacts__guest_email__iexact=email)
    return Case.objects.filter(wrote_here | wrote_before_merge, pk=case_id).distinct().first()


# --- Guests confirm their email with a code


GUEST_CODE_TRIES = 5


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
        # Tries are counted per code (its own id), so a new code starts at none.
        {"hash": hashlib.sha256(code.encode()).hexdigest(), "id": secrets.token_hex(8)},
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
    """True once for the right code; five tries in all and the code is gone.

    Every try is counted first, with the cache's atomic increment, and only a try within the
    five is compared: parallel guesses cannot read the same count and all get through.
    """
    email = email.strip().lower()
    key = _guest_code_key(email)
    stored = cache.get(key)
    if not stored:
        return False
    if rate_limited(
        key=f"guest-code-tries:{stored.get('id', '')}",
        limit=GUEST_CODE_TRIES,
        window_seconds=GUEST_CODE_VALID_SECONDS,
    ):
        cache.delete(key)
        return False
    given = hashlib.sha256(code.strip().encode()).hexdigest()
    # The delete is the claim: of two right tries at once only one wins.
    return secrets.compare_digest(stored["hash"], given) and bool(cache.delete(key))


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


# Reference-code tries per 10 minutes: per caller number, per code and per webhook key. The
# caller number is the request's own claim, so it alone does not stop guessing; the key's
# limit does (a code is 8 digits: at 120 tries per 10 minutes, guessing one takes years).
CTI_CODE_WINDOW = 600
CTI_CODE_TRIES = {"caller": 5, "code": 5, "key": 120}


def _code_tries_left(*, caller: str, code: str, key_id: str) -> bool:
    """Count one reference-code try under each of its limits; False once any is spent."""
    digits = "".join(ch for ch in code if ch.isdigit())
    keys = {
        "caller": _phone_digits(caller) or "unknown",
        "code": hashlib.sha256(digits.encode()).hexdigest()[:32],
        "key": key_id or "none",
    }
    spent = [
        rate_limited(
            key=f"cti-code-{name}:{value}",
            limit=CTI_CODE_TRIES[name],
            window_seconds=CTI_CODE_WINDOW,
        )
        for name, value in keys.items()
    ]
    return not any(spent)


def _match_caller(
    *, payload: dict[str, Any], now: datetime, key_id: str = ""
) -> tuple[Contact | None, str]:
    """The contact a caller is about: by the reference code first, then by their number."""
    code = str(payload.get("code") or payload.get("dtmf") or "")
    queue = str(payload.get("queue") or "")
    if not code and queue.isdigit() and len(queue) == REFERENCE_CODE_DIGITS:
        code = queue
    caller = str(payload.get("from") or "")
    if code and _code_tries_left(caller=caller, code=code, key_id=key_id):
        contact = reference_code_redeem(code=code, now=now)
        if contact is not None:
            return contact, "code"
    customer = customer_by_phone(caller)
    if customer is not None:
        contact = (
            Contact.objects.filter(
                customer=customer,
                channel__in=[ChannelKind.PHONE, ChannelKind.CALLBACK],
                requested_at__gte=now - timedelta(hours=2),
                ended_at__isnull=True,
                abandoned_at__isnull=True,
                calls__isnull=True,
            )
            .order_by("-requested_at")
            .first()
        )
        if contact is not None:
            return contact, "phone"
    return None, ""


def _call_contact(*, caller: str, now: datetime) -> tuple[Contact, str]:
    """A call that did not start on our site is a contact too: on the case of the customer
    the number belongs to (opened or joined as every channel does), or an unknown caller the
    agent links after the call."""
    customer = customer_by_phone(caller)
    if customer is None:
        contact = Contact.objects.create(
            channel=ChannelKind.PHONE,
            requested_at=now,
            context={"channel": ChannelKind.PHONE, "caller_number": caller},
        )
        return contact, ""
    profile = caller_profile(customer)
    case, _created = case_open_or_join(
        customer=customer,
        item=None,
        reason=None,
        channel=ChannelKind.PHONE,
        description="",
        subject=_("Phone call"),
    )
    contact = Contact.objects.create(
        customer=customer,
        case=case,
        channel=ChannelKind.PHONE,
        requested_at=now,
        context={
            **profile,
            "item": None,
            "reason": None,
            "description": "",
            "channel": ChannelKind.PHONE,
            "caller_number": caller,
            "repeat_contacts": 0,
        },
    )
    case_add_event(
        case=case,
        kind=CaseEventKind.CONTACT,
        public=True,
        body=CONTACT_EVENT_TEXT["phone_call"],
        data={"contact_id": contact.pk, "channel": ChannelKind.PHONE, **stored_text("call.in")},
    )
    return contact, "phone"


def _outbound_call(*, call: CallRecord) -> None:
    """We called someone: kept on their customer record and on their latest open case."""
    customer = customer_by_phone(call.to_number)
    if customer is None:
        return
    case = (
        Case.objects.filter(customer=customer, status__in=OPEN_STATUSES)
        .order_by("-created_at", "-id")
        .first()
    )
    call.customer = customer
    call.case = case
    call.save(update_fields=["customer", "case"])
    if case is not None:
        case_add_event(
            case=case,
            kind=CaseEventKind.CONTACT,
            public=False,
            body=_("We called the customer on %(number)s.") % {"number": call.to_number},
            data={"call_id": call.call_id, "direction": "out"},
        )


@transaction.atomic
def cti_event(
    *, payload: dict[str, Any], now: datetime | None = None, key_id: str = ""
) -> dict[str, Any]:
    """Handle one event from the phone system (Zammad's generic CTI shape); the JSON answer.
    ``key_id`` names the webhook key that sent it, for the per-key reference-code limit.

    Every incoming call is a contact on the phone channel, whether or not it started on our
    site, so speed of answer and abandonment cover every call.
    """
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
            contact, matched_by = _match_caller(payload=payload, now=now, key_id=key_id)
            if contact is not None:
                contact = contact_reached(contact=contact)  # the call is made
                if contact.customer is not None:
                    # The web journey's context, plus what the agent needs about the customer.
                    profile = caller_profile(contact.customer)
                    contact.context = {
                        **contact.context,
                        **{k: profile[k] for k in PROFILE_KEYS},
                    }
                    contact.save(update_fields=["context"])
            if contact is None:
                contact, matched_by = _call_contact(caller=call.from_number, now=now)
            call.contact = contact
            call.save(update_fields=["contact"])
        elif created:
            _outbound_call(call=call)
        return _cti_answer(call, matched_by)
    found = (
        CallRecord.objects.select_for_update(of=("self",))
        .select_related("contact", "contact__case")
        .filter(call_id=call_id)
        .first()
    )
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


PROFILE_KEYS = ("open_cases", "recent_items", "last_contacts")


def _cti_answer(call: CallRecord, matched_by: str) -> dict[str, Any]:
    contact = call.contact
    answer: dict[str, Any] = {"ok": True, "callId": call.call_id, "caller": None}
    if contact is not None and contact.customer_id is not None:
        context = contact.context or {}
        answer["caller"] = {
            "matched_by": matched_by or None,
            "contact_id": contact.pk,
            "case": contact.case.reference if contact.case else None,
            "customer": (context.get("customer") or {}).get("name"),
            "reason": (context.get("reason") or {}).get("name"),
            "item": (context.get("item") or {}).get("reference"),
            **{key: context.get(key, []) for key in PROFILE_KEYS},
        }
    return answer


class CallAlreadyLinked(ValueError):
    """Someone linked the call to a customer first."""


@transaction.atomic
def call_link(*, call: CallRecord, customer: Customer, case: Case | None, by: User) -> Contact:
    """After the call (or while on it), the agent says who an unknown caller was and which
    of their open cases it was about; none given, it opens a new case, routed to a team as
    every case is. The call is then their contact on that case, on its timeline, and the
    link is in the audit log. Raises CallAlreadyLinked when someone linked it first."""
    call = CallRecord.objects.select_for_update().get(pk=call.pk)
    contact = call.contact
    if contact is not None and contact.customer_id is not None:
        raise CallAlreadyLinked(call.call_id)
    if contact is None:
        contact = Contact.objects.create(
            channel=ChannelKind.PHONE, requested_at=call.started_at, abandoned_at=call.ended_at
        )
        call.contact = contact
        call.save(update_fields=["contact"])
    if case is None:
        case, _created = case_open_or_join(
            customer=customer,
            item=None,
            reason=None,
            channel=ChannelKind.PHONE,
            description="",
            subject=_("Phone call"),
            join=False,
        )
    elif case.customer_id != customer.pk:
        raise ValueError("the case belongs to another customer")
    contact.customer = customer
    contact.case = case
    contact.context = {
        **(contact.context or {}),
        **caller_profile(customer),
        "linked_by": by.pk,
    }
    contact.save(update_fields=["customer", "case", "context"])
    event = case_add_event(
        case=case,
        kind=CaseEventKind.CONTACT,
        public=True,
        body=CONTACT_EVENT_TEXT["phone_call"],
        data={
            "contact_id": contact.pk,
            "channel": ChannelKind.PHONE,
            "linked": True,
            **stored_text("call.in"),
        },
    )
    from core.audit import record

    record(
        "call_linked",
        actor=by,
        target=case,
        case=case.reference,
        call=call.call_id,
        contact=contact.pk,
        customer=customer.pk,
        event=event.pk,
    )
    return contact


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
    if contact.case_id is not None:
        # The case row is the lock: two bookings on the same case at once cannot both pass.
        Case.objects.select_for_update().filter(pk=contact.case_id).first()
        waiting = CallbackRequest.objects.filter(
            contact__case_id=contact.case_id,
            status__in=[CallbackStatus.WAITING, CallbackStatus.TRIED],
        ).first()
        if waiting is not None:
            raise CallbackAlreadyBooked(waiting)
    if slot is not None:
        slot = CallbackSlot.objects.select_for_update().get(pk=slot.pk)
        taken = slot.callbacks.exclude(status=CallbackStatus.CANCELLED).count()
        if taken >= slot.capacity or slot.starts_at <= now:
            raise ValueError("slot is full")
    callback = CallbackRequest.objects.create(
        contact=contact, slot=slot, phone=phone.strip(), due_at=slot.starts_at if slot else now
    )
    contact = contact_reached(contact=contact)
    _callback_confirm(callback)
    if contact.case is not None:
        when = callback_when(callback)
        case_add_event(
            case=contact.case,
            kind=CaseEventKind.CONTACT,
            public=True,
            body=_("We will call you back on %(phone)s (%(when)s).")
            % {"phone": callback.phone, "when": when},
            # Stored as data: the entry reads in the reader's language (cases.timeline).
            data={"contact_id": contact.pk, "callback_id": callback.pk}
            | (
                stored_text("callback.booked", phone=callback.phone, when=callback.due_at)
                if slot
                else stored_text("callback.now", phone=callback.phone)
            ),
        )
    return callback


def _callback_confirm(callback: CallbackRequest) -> None:
    """The confirmation email, with the time and the link to the case: once per booked time."""
    moment = callback.due_at.isoformat()
    outbox.enqueue(
        "channels_routing.email_callback_booked",
        callback.pk,
        moment,
        dedupe_key=f"callback-booked:{callback.pk}:{moment}",
    )


def callback_when(callback: CallbackRequest) -> str:
    """When we call, for the customer: weekday, date and time in their language, or "now"."""
    if callback.slot_id is None:
        return _("as soon as possible")
    from core.dates import weekday_and_datetime

    # "Friday 5 December 2026, 11:00": the page and the email (read later) say the same.
    return weekday_and_datetime(callback.due_at)


def callback_changeable(callback: CallbackRequest) -> bool:
    """The customer may still move or cancel it: nobody has tried to call yet."""
    return callback.status == CallbackStatus.WAITING and callback.attempts == 0


@transaction.atomic
def callback_change(
    *, callback: CallbackRequest, slot: CallbackSlot, now: datetime | None = None
) -> CallbackRequest:
    """Move a booked callback to another slot with room. ValueError when it cannot be."""
    now = now or timezone.now()
    callback = CallbackRequest.objects.select_for_update().get(pk=callback.pk)
    if not callback_changeable(callback):
        raise ValueError("callback can no longer be changed")
    if callback.slot_id == slot.pk:
        return callback
    slot = CallbackSlot.objects.select_for_update().get(pk=slot.pk)
    taken = slot.callbacks.exclude(status=CallbackStatus.CANCELLED).count()
    if taken >= slot.capacity or slot.starts_at <= now:
        raise ValueError("slot is full")
    callback.slot = slot
    callback.due_at = slot.starts_at
    callback.reminded_at = None
    callback.save(update_fields=["slot", "due_at", "reminded_at"])
    contact = callback.contact
    if contact.case is not None:
        case_add_event(
            case=contact.case,
            kind=CaseEventKind.CONTACT,
            public=True,
            body=_("You moved the callback to %(when)s.") % {"when": callback_when(callback)},
            data={"contact_id": contact.pk, "callback_id": callback.pk},
        )
    _callback_confirm(callback)
    return callback


@transaction.atomic
def callback_cancel(*, callback: CallbackRequest) -> CallbackRequest:
    """The customer no longer wants the call; the slot's place is free again."""
    callback = CallbackRequest.objects.select_for_update().get(pk=callback.pk)
    if not callback_changeable(callback):
        raise ValueError("callback can no longer be cancelled")
    callback.status = CallbackStatus.CANCELLED
    callback.save(update_fields=["status"])
    contact = callback.contact
    if contact.ended_at is None and contact.abandoned_at is None:
        contact.ended_at = timezone.now()
        contact.save(update_fields=["ended_at"])
    if contact.case is not None:
        case_add_event(
            case=contact.case,
            kind=CaseEventKind.CONTACT,
            public=True,
            body=_("You cancelled the callback."),
            data={"contact_id": contact.pk, "callback_id": callback.pk, "cancelled": True},
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
    if author_kind == ChatAuthor.CUSTOMER:
        contact_reached(contact=contact)  # the customer started the chat
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


CHAT_SEND_KEY_SECONDS = 3600


def chat_send_key_used(*, contact: Contact, author_kind: str, key: str) -> bool:
    """The page gives each line it sends a key, and the same key again when it sends that
    line again after a lost connection: True when the line already arrived (it is not posted
    twice). A key that is not one of ours (or none, without JavaScript) never matches."""
    if not key or len(key) > 64 or not key.isalnum():
        return False
    return not cache.add(_chat_send_key(contact, author_kind, key), 1, CHAT_SEND_KEY_SECONDS)


def chat_send_key_release(*, contact: Contact, author_kind: str, key: str) -> None:
    """The line with this key was not posted after all: sending it again posts it."""
    if key and len(key) <= 64 and key.isalnum():
        cache.delete(_chat_send_key(contact, author_kind, key))


def _chat_send_key(contact: Contact, author_kind: str, key: str) -> str:
    return f"chat-sent:{contact.pk}:{author_kind}:{key}"


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
        live.publish(live.chat_group(contact.pk), "access")
    return contact_reached(contact=contact)


@transaction.atomic
def chat_end(
    *, contact: Contact, now: datetime | None = None, agent: User | None = None
) -> Contact:
    """Close a chat. Unanswered it counts as abandoned; the transcript goes to the case.

    An agent who ends a chat nobody answered yet has taken it (the customer did not leave:
    their page must not say so), so it is answered by them, then ended."""
    now = now or timezone.now()
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.ended_at is not None or contact.abandoned_at is not None:
        return contact
    if agent is not None and contact.answered_at is None:
        contact = chat_answer(contact=contact, agent=agent)
    if contact.answered_at is None:
        contact.abandoned_at = now
        contact.save(update_fields=["abandoned_at"])
    else:
        contact.ended_at = now
        contact.save(update_fields=["ended_at"])
    # Both sides close their form at once (a message typed meanwhile is kept on the page).
    live.publish(live.chat_group(contact.pk), "ended")
    lines = [
        [kind, at.isoformat(), body]
        for kind, body, at in contact.chat_messages.values_list("author_kind", "body", "created_at")
    ]
    if contact.case is not None and lines:
        # Stored as data, so each reader sees the times and who said what in their own
        # language and format; ``body`` is the English text searches read.
        with translation.override("en"):
            transcript = transcript_text(lines)
        case_add_event(
            case=contact.case,
            kind=CaseEventKind.CONTACT,
            public=True,
            body="Chat transcript\n" + transcript,
            data={"contact_id": contact.pk, "transcript": True, "lines": lines}
            | stored_text("chat.transcript"),
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
