"""Email in: a reply to a case email lands on that case, a new email to the support address
opens one. Every email is kept as it arrived (``InboundEmail``), with what we did and why.

Mail is read by django-anymail's ``AnymailInboundMessage`` (whether it came through the
Mailgun webhook or the IMAP poller), quoted history and signatures are cut off with
mail-parser-reply, HTML is cleaned with nh3, and attachments pass the same checks as
uploads. Auto-replies, bounces and list mail are recorded but open nothing, so two robots
can never mail each other forever.
"""

from __future__ import annotations

import logging
from email.utils import parseaddr
from typing import Any

import nh3
from anymail.inbound import AnymailInboundMessage
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from mailparser_reply import EmailReplyParser

from cases import rules as case_rules
from cases.models import Attachment, Case, CaseEventKind, CaseStatus, ChannelKind, Contact
from cases.services import (
    CaseError,
    case_add_event,
    case_change_status,
    case_id_from_reply_address,
    case_open_or_join,
    upload_error,
)
from cases.traffic import rate_limited
from channels_routing.models import InboundEmail, InboundEmailStatus
from core import outbox
from mystuff.models import Customer, Lifecycle
from mystuff.selectors import customer_for_user

logger = logging.getLogger(__name__)

MAX_ATTACHMENTS = 10
# Languages mail-parser-reply knows among ours: their "On ... wrote:" lines are recognised.
REPLY_LANGUAGES = ["en", "nl", "de", "fr", "es", "it", "pl"]
AUTOMATIC_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}


# --- Reading the message (pure: no database)


def automatic_reason(message: AnymailInboundMessage) -> str:
    """Why this email was sent by a machine (RFC 3834 and common practice); empty if not."""
    auto_submitted = (message.get("Auto-Submitted") or "no").strip().lower()
    if auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"[:200]
    precedence = (message.get("Precedence") or "").strip().lower()
    if precedence in AUTOMATIC_PRECEDENCE:
        return f"Precedence: {precedence}"
    return_path = message.get("Return-Path")
    if return_path is not None and return_path.strip() in ("<>", ""):
        return "empty Return-Path (a bounce)"
    for header in ("List-Id", "List-Unsubscribe", "X-Autoreply", "X-Autorespond"):
        if message.get(header) is not None:
            return f"{header} present"
    content_type = (message.get_content_type() or "").lower()
    if content_type == "multipart/report":
        return "delivery report (a bounce)"
    return ""


def clean_html(html: str) -> str:
    """Safe to show: no scripts, styles, event handlers or remote content tricks."""
    return nh3.clean(html, link_rel="noopener noreferrer nofollow")


def html_to_text(html: str) -> str:
    """Only the text of an HTML email (every tag removed, entities decoded)."""
    import html as html_module

    text = nh3.clean(
        html.replace("<br", "\n<br").replace("</p>", "</p>\n").replace("</div>", "</div>\n"),
        tags=set(),
    )
    return html_module.unescape(text)


def new_text(full_text: str) -> str:
    """The new words of a reply: quoted history and the signature cut off."""
    text = full_text.replace("\r\n", "\n").strip()
    if not text:
        return ""
    parsed = EmailReplyParser(languages=REPLY_LANGUAGES).read(text=text)
    replies = [reply.body for reply in parsed.replies if (reply.body or "").strip()]
    return (replies[0] if replies else text).strip()


def _recipients(message: AnymailInboundMessage, envelope: str) -> list[str]:
    found = [envelope] if envelope else []
    for address in [*message.to, *message.cc]:
        found.append(address.addr_spec)
    for header in ("Delivered-To", "X-Original-To"):
        for value in message.get_all(header) or []:
            found.append(parseaddr(str(value))[1])
    return [address for address in found if address]


# --- Receiving


def _record(
    *,
    status: str,
    reason: str = "",
    message: AnymailInboundMessage | None = None,
    raw: bytes = b"",
    sender: str = "",
    **fields: Any,
) -> InboundEmail:
    if status == InboundEmailStatus.REFUSED:
        logger.warning("inbound email refused from %r: %s", sender, reason)
    else:
        logger.info("inbound email from %r: %s %s", sender, status, reason)
    return InboundEmail.objects.create(
        status=status,
        reason=reason[:200],
        from_address=sender[:254],
        message_id=(str(message.get("Message-ID") or "") if message is not None else "")[:255],
        to_address=(str(message.get("To") or "") if message is not None else "")[:254],
        subject=(message.subject or "" if message is not None else "")[:300],
        raw=raw,
        **fields,
    )


@transaction.atomic
def email_receive(*, raw: bytes, envelope_recipient: str = "") -> InboundEmail:
    """Take one email as it arrived (its MIME bytes). Never raises for a bad email: the
    outcome and its reason are in the returned record (and the log)."""
    if len(raw) > settings.INBOUND_EMAIL_MAX_BYTES:
        return _record(
            status=InboundEmailStatus.REFUSED,
            reason=f"too large: {len(raw)} bytes (limit {settings.INBOUND_EMAIL_MAX_BYTES})",
        )
    try:
        message = AnymailInboundMessage.parse_raw_mime_bytes(raw)
        sender_address = message.from_email
    except Exception as error:  # noqa: BLE001 - any parser failure means unreadable mail
        return _record(status=InboundEmailStatus.REFUSED, reason=f"unreadable: {error}"[:200])
    sender = (sender_address.addr_spec if sender_address else "").strip().lower()
    if "@" not in sender:
        return _record(
            status=InboundEmailStatus.REFUSED, reason="no sender address", message=message, raw=raw
        )
    message_id = str(message.get("Message-ID") or "").strip()[:255]
    if message_id:
        earlier = InboundEmail.objects.filter(
            message_id=message_id,
            from_address=sender,
            status__in=[InboundEmailStatus.ACCEPTED, InboundEmailStatus.THIRD_PARTY],
        ).first()
        if earlier is not None:  # the provider retried, or the mailbox was read twice
            return earlier
    common = {"message": message, "raw": raw, "sender": sender}
    if reason := automatic_reason(message):
        return _record(status=InboundEmailStatus.AUTOMATIC, reason=reason, **common)
    if rate_limited(
        key=f"email-in:{sender}",
        limit=settings.INBOUND_EMAIL_PER_SENDER_PER_HOUR,
        window_seconds=3600,
    ):
        return _record(
            status=InboundEmailStatus.REFUSED, reason="too many emails from this sender", **common
        )
    case_id: int | None = None
    for address in _recipients(message, envelope_recipient):
        found, genuine = case_id_from_reply_address(address)
        if not genuine:
            return _record(
                status=InboundEmailStatus.REFUSED,
                reason=f"forged or altered reply address: {address}"[:200],
                **common,
            )
        case_id = case_id or found
    full_text = message.text or ""
    html = clean_html(message.html or "")
    if not full_text.strip() and html:
        full_text = html_to_text(html)
    body = new_text(full_text)
    if case_id is not None:
        case = Case.objects.select_related("customer").filter(pk=case_id).first()
        while case is not None and case.merged_into_id is not None:
            case = Case.objects.select_related("customer").get(pk=case.merged_into_id)
        if case is None:
            return _record(
                status=InboundEmailStatus.REFUSED, reason="the case no longer exists", **common
            )
        if sender != (case.customer.email or "").strip().lower():
            return _third_party(case=case, body=body, full_text=full_text, html=html, **common)
        return _reply(case=case, body=body, full_text=full_text, html=html, **common)
    return _new_case(body=body, full_text=full_text, html=html, **common)


def _third_party(
    *,
    case: Case,
    body: str,
    full_text: str,
    html: str,
    message: AnymailInboundMessage,
    raw: bytes,
    sender: str,
) -> InboundEmail:
    """A genuine reply address, used by someone who is not the case's customer (a forward, a
    colleague in copy): kept for the agent, flagged, never shown as the customer's words."""
    email = _record(
        status=InboundEmailStatus.THIRD_PARTY,
        reason="sender is not the case's customer",
        case=case,
        text=full_text,
        html=html,
        message=message,
        raw=raw,
        sender=sender,
    )
    case_add_event(
        case=case,
        kind=CaseEventKind.NOTE,
        public=False,
        body=body,
        data={"third_party": True, "from": sender, "email_id": email.pk},
    )
    return email


def _reply(
    *,
    case: Case,
    body: str,
    full_text: str,
    html: str,
    message: AnymailInboundMessage,
    raw: bytes,
    sender: str,
) -> InboundEmail:
    """The customer answered a case email: their words go on the case, which comes back to
    us (a resolved case reopens within the re-open window; after it, or when closed, the
    email starts a new case about the same thing)."""
    customer = case.customer
    user = customer.user
    target = {
        CaseStatus.RESOLVED: CaseStatus.OPEN,
        CaseStatus.WAITING_CUSTOMER: CaseStatus.WAITING_US,
    }.get(CaseStatus(case.status))
    if case.status == CaseStatus.CLOSED:
        case = _follow_up_case(case=case, body=body)
    elif target is not None:
        try:
            case = case_change_status(case=case, status=target, by=user)
        except CaseError:  # resolved too long ago to reopen
            case = _follow_up_case(case=case, body=body)
    return _on_case(
        case=case,
        customer=customer,
        body=body,
        full_text=full_text,
        html=html,
        message=message,
        raw=raw,
        sender=sender,
        guest=False,
    )


def _follow_up_case(*, case: Case, body: str) -> Case:
    new_case, _created = case_open_or_join(
        customer=case.customer,
        item=case.item,
        reason=case.reason,
        channel=ChannelKind.EMAIL,
        description=body,
        subject=case.subject,
    )
    return new_case


def _customer_for(sender: str) -> tuple[Customer, bool]:
    """(customer, guest): the customer whose sign-in has this address verified; otherwise
    a guest record for the address, never someone's account (anyone can write any From)."""
    from allauth.account.models import EmailAddress

    verified = (
        EmailAddress.objects.filter(email__iexact=sender, verified=True)
        .select_related("user__customer")
        .first()
    )
    customer = customer_for_user(verified.user) if verified is not None else None
    if customer is not None and customer.erased_at is None:
        return customer, False
    guest = (
        Customer.objects.filter(email__iexact=sender, user__isnull=True, source="email")
        .order_by("id")
        .first()
    )
    if guest is None:
        guest = Customer.objects.create(email=sender, lifecycle=Lifecycle.PROSPECT, source="email")
    return guest, True


def _new_case(
    *, body: str, full_text: str, html: str, message: AnymailInboundMessage, raw: bytes, sender: str
) -> InboundEmail:
    customer, guest = _customer_for(sender)
    subject = (message.subject or "").strip() or body[:80] or "Email"
    case, _created = case_open_or_join(
        customer=customer,
        item=None,
        reason=None,
        channel=ChannelKind.EMAIL,
        description=body,
        subject=subject,
    )
    return _on_case(
        case=case,
        customer=customer,
        body=body,
        full_text=full_text,
        html=html,
        message=message,
        raw=raw,
        sender=sender,
        guest=guest,
        confirm=True,
    )


def _on_case(
    *,
    case: Case,
    customer: Customer,
    body: str,
    full_text: str,
    html: str,
    message: AnymailInboundMessage,
    raw: bytes,
    sender: str,
    guest: bool,
    confirm: bool = False,
) -> InboundEmail:
    """The customer's email on their case: a contact on the email channel, their words on
    the timeline (shown to them and the agent), the files as case attachments."""
    contact = Contact.objects.create(
        customer=customer,
        case=case,
        channel=ChannelKind.EMAIL,
        description=body,
        guest_email=sender if guest else "",
        message_sent_at=timezone.now(),
        context={
            "customer": {
                "id": customer.pk,
                "name": customer.name,
                "email": customer.email,
                "segment": customer.segment,
            },
            "item": None,
            "reason": None,
            "description": body,
            "channel": ChannelKind.EMAIL,
            "subject": message.subject or "",
        },
    )
    email = _record(
        status=InboundEmailStatus.ACCEPTED,
        case=case,
        contact=contact,
        text=full_text,
        html=html,
        message=message,
        raw=raw,
        sender=sender,
    )
    files, refused = _attachments(message)
    event = case_add_event(
        case=case,
        kind=CaseEventKind.CUSTOMER_MESSAGE,
        public=True,
        body=body,
        author=customer.user if not guest else None,
        data={
            "contact_id": contact.pk,
            "channel": ChannelKind.EMAIL,
            "email_id": email.pk,
            "attachments": [upload.name for upload in files],
            "refused_attachments": refused,
        },
    )
    for index, upload in enumerate(files):
        if index > 0:
            event = case_add_event(
                case=case,
                kind=CaseEventKind.ATTACHMENT,
                public=True,
                data={"contact_id": contact.pk, "attachment": upload.name},
            )
        head = upload.read(2048)
        upload.seek(0)
        Attachment.objects.create(
            case=case,
            event=event,
            file=upload,
            name=upload.name or "file",
            content_type=case_rules.sniff_content_type(head) or "application/octet-stream",
            size=upload.size or 0,
            uploaded_by=customer.user if not guest else None,
        )
    if refused:
        email.reason = ("attachments refused: " + "; ".join(refused))[:200]
        email.save(update_fields=["reason"])
    if confirm:
        outbox.enqueue("channels_routing.email_message_received", contact.pk)
    return email


def _attachments(message: AnymailInboundMessage) -> tuple[list[SimpleUploadedFile], list[str]]:
    """The files that pass the upload checks, and why the others did not."""
    accepted: list[SimpleUploadedFile] = []
    refused: list[str] = []
    for part in message.attachments:
        name = (part.get_filename() or "file").replace("/", "_").replace("\\", "_")[-200:]
        if len(accepted) >= MAX_ATTACHMENTS:
            refused.append(f"{name}: more than {MAX_ATTACHMENTS} files")
            continue
        upload = SimpleUploadedFile(
            name, part.get_content_bytes() or b"", content_type=part.get_content_type()
        )
        if error := upload_error(upload):
            refused.append(f"{name}: {error}")
            continue
        accepted.append(upload)
    return accepted, refused


def anymail_inbound(sender: Any, event: Any, esp_name: str, **kwargs: Any) -> None:
    """django-anymail's ``inbound`` signal: an email its webhook accepted (signature checked)."""
    message = event.message
    email_receive(
        raw=message.as_bytes(), envelope_recipient=getattr(message, "envelope_recipient", "") or ""
    )


# --- IMAP: a mailbox read by Celery beat (channels_routing.email_poll_imap)

IMAP_BATCH = 50


def imap_poll() -> int:
    """Read unseen mail from the IMAP mailbox in settings; each email is marked seen only
    once it is stored, so a crash in between means it is read again (and taken once, by its
    Message-ID), never lost. The number of emails read."""
    from imapclient import IMAPClient

    if not settings.IMAP_HOST:
        return 0
    done = 0
    with IMAPClient(
        settings.IMAP_HOST, port=settings.IMAP_PORT, ssl=settings.IMAP_SSL, timeout=30
    ) as client:
        client.login(settings.IMAP_USER, settings.IMAP_PASSWORD)
        client.select_folder(settings.IMAP_FOLDER)
        uids = client.search(["UNSEEN"])[:IMAP_BATCH]
        sizes = client.fetch(uids, ["RFC822.SIZE"]) if uids else {}
        for uid in uids:
            size = int(sizes.get(uid, {}).get(b"RFC822.SIZE", 0))
            if size > settings.INBOUND_EMAIL_MAX_BYTES:
                _record(
                    status=InboundEmailStatus.REFUSED,
                    reason=f"too large: {size} bytes (limit {settings.INBOUND_EMAIL_MAX_BYTES})",
                )
            else:
                raw = client.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]
                email_receive(raw=bytes(raw))
            client.add_flags([uid], [b"\\Seen"])
            done += 1
    return done
