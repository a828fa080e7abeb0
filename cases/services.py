"""Writes for cases. Keyword-only, typed, atomic.

``case_open_or_join`` is how every contact becomes or joins a case; channels call it, together
with ``case_add_event``. Every status change goes through ``cases.rules.transition_error`` and
leaves a timeline entry with who and when. Public entries email the customer (on commit, once).
"""

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from cases import rules
from cases.models import (
    OPEN_STATUSES,
    Attachment,
    Case,
    CaseEvent,
    CaseEventKind,
    CaseStatus,
    Priority,
    Promise,
    PromiseStatus,
    SlaPolicy,
    Team,
)
from contact_portal import outbox, pagecache
from contact_portal.text import strip_bidi
from knowledge.models import ContactReason
from mystuff.models import Customer, Item

AnyUser = User | AbstractBaseUser | AnonymousUser


class CaseError(ValidationError):
    """A change the rules refuse; its message is shown to the person who asked for it."""


def priority_for_urgency(urgency: str | None) -> str:
    return urgency if urgency in Priority.values else Priority.NORMAL


def sla_for(*, priority: str, opened_at: datetime) -> rules.SlaTargets:
    policy = SlaPolicy.objects.filter(priority=priority).first()
    if policy is None:
        first, resolution = rules.DEFAULT_SLA_HOURS.get(
            priority, rules.DEFAULT_SLA_HOURS[Priority.NORMAL]
        )
        return rules.sla_targets(
            opened_at,
            first_response_hours=first,
            resolution_hours=resolution,
            business_hours=rules.DEFAULT_BUSINESS_HOURS,
            timezone=rules.DEFAULT_TIMEZONE,
        )
    return rules.sla_targets(
        opened_at,
        first_response_hours=policy.first_response_hours,
        resolution_hours=policy.resolution_hours,
        business_hours=policy.business_hours or rules.DEFAULT_BUSINESS_HOURS,
        timezone=policy.timezone,
        holidays=policy.holidays,
    )


@transaction.atomic
def case_open_or_join(
    *,
    customer: Customer,
    item: Item | None,
    reason: ContactReason | None,
    channel: str,
    description: str,
    subject: str = "",
    join: bool = True,
) -> tuple[Case, bool]:
    """Join the open case about the same item + reason, or open a new one with SLA targets.
    ``join=False`` always opens a new one (a guest must not land in a customer's case).

    Returns (case, created).
    """
    existing = (
        Case.objects.select_for_update()
        .filter(customer=customer, item=item, reason=reason, status__in=OPEN_STATUSES)
        .order_by("-created_at")
        .first()
    )
    if join and existing is not None:
        return existing, False
    if not subject:
        parts = [str(reason.name) if reason else "", item.reference if item else ""]
        subject = " · ".join(p for p in parts if p) or description[:80] or "Contact"
    priority = priority_for_urgency(reason.urgency if reason else None)
    opened_at = timezone.now()
    targets = sla_for(priority=priority, opened_at=opened_at)
    case = Case.objects.create(
        customer=customer,
        item=item,
        reason=reason,
        subject=subject[:200],
        description=description,
        channel=channel,
        priority=priority,
        created_at=opened_at,
        first_response_due=targets.first_response_due,
        resolution_due=targets.resolution_due,
    )
    return case, True


def case_add_event(
    *,
    case: Case,
    kind: str,
    public: bool,
    body: str = "",
    author: User | None = None,
    data: dict | None = None,
    notify: bool = False,
) -> CaseEvent:
    """Add a timeline entry. ``notify=True`` emails the customer about a public entry once the
    transaction commits."""
    assert kind in CaseEventKind.values, kind
    event = CaseEvent.objects.create(
        case=case, kind=kind, public=public, body=body, author=author, data=data or {}
    )
    # A public reply, or a contact an agent handled live (a call or chat they answered),
    # is the case's first response.
    answered_live = kind == CaseEventKind.CONTACT and author is not None and author.is_staff
    responded = (kind == CaseEventKind.REPLY and public) or answered_live
    if responded and case.first_responded_at is None:
        case.first_responded_at = event.created_at
        Case.objects.filter(pk=case.pk, first_responded_at__isnull=True).update(
            first_responded_at=event.created_at
        )
    if author is not None and author.is_staff:
        # Every agent action on a case is in the audit log as well as on the timeline.
        from contact_portal.audit import record

        record(f"case_{kind}", actor=author, target=case, event=event.pk, public=public)
    if notify and public:
        outbox.enqueue("cases.send_case_event_email", event.pk)
    return event


def _user(user: AnyUser | None) -> User | None:
    return user if isinstance(user, User) else None


def _status_event(
    *, case: Case, before: str, after: str, by: AnyUser | None, body: str = "", notify: bool = True
) -> CaseEvent:
    return case_add_event(
        case=case,
        kind=CaseEventKind.STATUS,
        public=True,
        body=body,
        author=_user(by),
        data={"from": before, "to": after},
        # The customer is told about what we do, not about what they just did themselves.
        notify=notify and (by is None or bool(getattr(by, "is_staff", False))),
    )


@transaction.atomic
def case_change_status(
    *,
    case: Case,
    status: str,
    by: AnyUser | None,
    summary: str = "",
    merging: bool = False,
    notify: bool = True,
) -> Case:
    """Move the case through the state machine; resolving needs a summary for the customer.

    ``notify=False`` when the change rides along with another emailed entry (a reply)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    now = timezone.now()
    summary = summary.strip() or (case.summary if status != CaseStatus.RESOLVED else "")
    error = rules.transition_error(
        current=case.status,
        target=status,
        summary=summary,
        resolved_at=case.resolved_at,
        now=now,
        reopen_days=settings.CASE_REOPEN_DAYS,
        merging=merging,
    )
    if error:
        raise CaseError(str(error))
    before = case.status
    fields = ["status", "updated_at"]
    if rules.is_reopen(before, status):
        case.reopened_count = F("reopened_count") + 1
        case.resolved_at = None
        fields += ["reopened_count", "resolved_at"]
    if status == CaseStatus.RESOLVED:
        case.summary = summary
        case.resolved_at = now
        fields += ["summary", "resolved_at"]
    if status == CaseStatus.CLOSED:
        case.closed_at = now
        fields.append("closed_at")
    case.status = status
    case.save(update_fields=fields)
    case.refresh_from_db()
    _status_event(
        case=case,
        before=before,
        after=status,
        by=by,
        body=summary if status == CaseStatus.RESOLVED else "",
        notify=notify,
    )
    return case


def case_resolve(*, case: Case, by: AnyUser | None, summary: str) -> Case:
    return case_change_status(case=case, status=CaseStatus.RESOLVED, by=by, summary=summary)


@transaction.atomic
def case_reply(*, case: Case, by: AnyUser, body: str, status: str = "") -> CaseEvent:
    """A reply the customer reads on the case page and by email."""
    body = body.strip()
    if not body:
        raise CaseError(_("Write a reply first."))
    event = case_add_event(
        case=case, kind=CaseEventKind.REPLY, public=True, body=body, author=_user(by), notify=True
    )
    # Messages the customer sent are answered by this reply: speed of answer is measured.
    from channels_routing.models import ChannelKind, Contact
    from channels_routing.selectors import routing_changed

    Contact.objects.filter(
        case=case, channel=ChannelKind.MESSAGE, answered_at__isnull=True, abandoned_at__isnull=True
    ).update(answered_at=event.created_at, agent=_user(by))
    routing_changed()  # answered contacts feed the expected waits
    # The reply email already carries the new status: one email, not two.
    if case.status == CaseStatus.NEW and status != CaseStatus.NEW:
        case_change_status(case=case, status=status or CaseStatus.OPEN, by=by, notify=False)
    elif status and status != case.status:
        case_change_status(case=case, status=status, by=by, notify=False)
    return event


def case_add_note(*, case: Case, by: AnyUser, body: str) -> CaseEvent:
    body = body.strip()
    if not body:
        raise CaseError(_("Write the note first."))
    return case_add_event(
        case=case, kind=CaseEventKind.NOTE, public=False, body=body, author=_user(by)
    )


@transaction.atomic
def case_assign(*, case: Case, by: AnyUser | None, team: Team | None, owner: User | None) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = {"team": case.team_id, "owner": case.owner_id}
    if before == {"team": team.pk if team else None, "owner": owner.pk if owner else None}:
        raise CaseError(_("The case is already assigned that way."))
    case.team = team
    case.owner = owner
    case.save(update_fields=["team", "owner", "updated_at"])
    case_add_event(
        case=case,
        kind=CaseEventKind.ASSIGNMENT,
        public=False,
        author=_user(by),
        body=" → ".join(
            [str(team) if team else "-", owner.get_full_name() or owner.email if owner else "-"]
        ),
        data={
            "from": before,
            "to": {"team": case.team_id, "owner": case.owner_id},
        },
    )
    return case


@transaction.atomic
def promise_make(
    *,
    case: Case,
    by: AnyUser | None,
    description: str,
    team: Team,
    due_at: datetime,
    owner: User | None = None,
    hand_off: bool = False,
) -> Promise:
    """Record what will happen, by which team, by when. With ``hand_off`` the case moves to
    that team and waits on us, so nothing is lost between departments."""
    description = description.strip()
    if not description:
        raise CaseError(_("Say what will happen."))
    if due_at <= timezone.now():
        raise CaseError(_("A promise needs a due time in the future."))
    promise = Promise.objects.create(
        case=case, description=description, team=team, owner=owner, due_at=due_at
    )
    case_add_event(
        case=case,
        kind=CaseEventKind.PROMISE,
        public=True,
        author=_user(by),
        body=description,
        data={
            "promise": promise.pk,
            "team": team.name,
            "due_at": due_at.isoformat(),
            "hand_off": hand_off,
        },
        notify=True,
    )
    if hand_off:
        if case.team_id != team.pk:
            case_assign(case=case, by=by, team=team, owner=owner)
        if case.status in (CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING_CUSTOMER):
            case_change_status(case=case, status=CaseStatus.WAITING_US, by=by)
    return promise


def refresh_promise_due(*case_ids: int | None) -> None:
    """Keep Case.open_promise_due equal to the earliest due time of the case's open promises
    (None when it has none). Called wherever promises change; saves through the ORM are
    covered by the signal in cases.apps."""
    ids = [pk for pk in case_ids if pk is not None]
    if not ids:
        return
    earliest = (
        Promise.objects.filter(case=OuterRef("pk"), status=PromiseStatus.OPEN)
        .order_by("due_at")
        .values("due_at")[:1]
    )
    Case.objects.filter(pk__in=ids).update(open_promise_due=Subquery(earliest))


@transaction.atomic
def promise_complete(*, promise: Promise, by: AnyUser | None, cancelled: bool = False) -> Promise:
    now = timezone.now()
    status = PromiseStatus.CANCELLED if cancelled else PromiseStatus.KEPT
    updated = Promise.objects.filter(pk=promise.pk, status=PromiseStatus.OPEN).update(
        status=status, completed_at=now
    )
    if not updated:
        raise CaseError(_("This promise is no longer open."))
    # The promise event added below refreshes the customer's cached pages.
    refresh_promise_due(promise.case_id)
    promise.refresh_from_db()
    case_add_event(
        case=promise.case,
        kind=CaseEventKind.PROMISE,
        public=True,
        author=_user(by),
        body=promise.description,
        data={"promise": promise.pk, "status": status},
        notify=True,
    )
    return promise


@transaction.atomic
def case_merge(*, duplicate: Case, into: Case, by: AnyUser) -> Case:
    """Fold a duplicate into the case that stays: contacts and open promises move over, the
    duplicate is closed and points at the other case."""
    from channels_routing.models import Contact

    if duplicate.pk == into.pk:
        raise CaseError(_("A case cannot be merged into itself."))
    if duplicate.customer_id != into.customer_id:
        raise CaseError(_("Only cases of the same customer can be merged."))
    if not into.is_open:
        raise CaseError(_("Merge into a case that is still open."))
    Contact.objects.filter(case=duplicate).update(case=into)
    Promise.objects.filter(case=duplicate, status=PromiseStatus.OPEN).update(case=into)
    refresh_promise_due(duplicate.pk, into.pk)
    Attachment.objects.filter(case=duplicate).update(case=into)
    duplicate = case_change_status(case=duplicate, status=CaseStatus.CLOSED, by=by, merging=True)
    Case.objects.filter(pk=duplicate.pk).update(merged_into=into)
    pagecache.bump(duplicate.customer_id, into.customer_id)
    with translation.override(duplicate.customer.preferred_language or settings.LANGUAGE_CODE):
        continues = gettext_now("We joined this case with %(reference)s; it continues there.") % {
            "reference": into.reference
        }
    case_add_event(
        case=duplicate,
        kind=CaseEventKind.MERGE,
        public=True,
        author=_user(by),
        body=continues,
        data={"into": into.pk, "reference": into.reference},
        notify=True,
    )
    case_add_event(
        case=into,
        kind=CaseEventKind.MERGE,
        public=False,
        author=_user(by),
        body=duplicate.description,
        data={"from": duplicate.pk, "reference": duplicate.reference},
    )
    duplicate.refresh_from_db()
    return duplicate


# --- What the customer does on their case page ----------------------------------------------


def case_files_problem(*, case: Case | None, adding: int) -> str:
    """Why ``adding`` more bytes of files cannot go on ``case`` (the case's total is capped by
    CASE_FILES_MAX_BYTES), in plain words; empty when they fit."""
    if case is None or adding <= 0:
        return ""
    stored = Attachment.objects.filter(case=case).aggregate(total=Sum("size"))["total"] or 0
    if stored + adding <= settings.CASE_FILES_MAX_BYTES:
        return ""
    return str(
        _(
            "This case already holds %(stored).0f MB of files; together they can be up to "
            "%(limit).0f MB. Your message is kept; send fewer or smaller files."
        )
    ) % {"stored": stored / (1024 * 1024), "limit": settings.CASE_FILES_MAX_BYTES / (1024 * 1024)}


def upload_error(upload: UploadedFile) -> str | None:
    """Why this upload is refused (size, or a name, declared type and first bytes that do not
    agree on an allowed type); None when it is fine. Every upload form checks files here."""
    head = upload.read(2048)
    upload.seek(0)
    return rules.attachment_error(
        name=upload.name or "",
        size=upload.size or 0,
        head=head,
        allowed_types=settings.UPLOAD_ALLOWED_TYPES,
        max_bytes=settings.UPLOAD_MAX_BYTES,
    )


def attachment_check(upload: UploadedFile) -> None:
    error = upload_error(upload)
    if error:
        raise CaseError(str(error))


@transaction.atomic
def case_customer_message(
    *, case: Case, user: User, body: str, upload: UploadedFile | None = None
) -> CaseEvent:
    """The customer writes on their case. A case waiting on them goes back to us; a recently
    resolved case reopens (the state machine decides how recent)."""
    body = body.strip()
    if not body and upload is None:
        raise CaseError(_("Write a message or choose a file."))
    if upload is not None:
        attachment_check(upload)
    if case.status == CaseStatus.CLOSED:
        raise CaseError(_("This case is closed. Contact us about it to start a new one."))
    if case.status == CaseStatus.RESOLVED:
        case = case_change_status(case=case, status=CaseStatus.OPEN, by=user)
    elif case.status == CaseStatus.WAITING_CUSTOMER:
        case = case_change_status(case=case, status=CaseStatus.WAITING_US, by=user)
    event = case_add_event(
        case=case, kind=CaseEventKind.CUSTOMER_MESSAGE, public=True, body=body, author=user
    )
    if upload is not None:
        name = strip_bidi(upload.name or "file").rsplit("/", 1)[-1][:200] or "file"
        head = upload.read(2048)
        upload.seek(0)
        Attachment.objects.create(
            case=case,
            event=event,
            file=upload,
            name=name,
            content_type=rules.sniff_content_type(head) or "application/octet-stream",
            size=upload.size or 0,
            uploaded_by=user,
        )
        event.kind = CaseEventKind.ATTACHMENT if not body else event.kind
        event.data = {"attachment": name}
        event.save(update_fields=["kind", "data"])
    return event


def case_customer_solved(*, case: Case, user: User) -> Case:
    """The customer says it is solved: resolve with their words as the summary."""
    if case.status not in OPEN_STATUSES:
        raise CaseError(_("This case is not open."))
    language = getattr(getattr(user, "customer", None), "preferred_language", None) or "en"
    with translation.override(language):
        summary = case.summary or gettext_now("You told us this is solved. Thank you.")
    return case_change_status(case=case, status=CaseStatus.RESOLVED, by=user, summary=summary)


# --- Email to the customer -------------------------------------------------------------------


def case_event_email(*, event_id: int) -> bool:
    """Email the customer about one public timeline entry, once. True if an email went out.

    The conditional UPDATE claims the entry before sending, so a retried or doubled task
    cannot email twice.
    """
    from django.core.mail import EmailMessage

    claimed = CaseEvent.objects.filter(pk=event_id, public=True, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return False
    event = CaseEvent.objects.select_related("case__customer", "author").get(pk=event_id)
    customer = event.case.customer
    if not customer.email:
        return False
    language = customer.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "case": event.case,
            "event": event,
            "customer": customer,
            "link": f"{settings.SITE_URL}{event.case.get_absolute_url()}",
            "status_label": CaseStatus(event.case.status).label,
        }
        subject = gettext_now("Your case %(reference)s: %(what)s") % {
            "reference": event.case.reference,
            "what": event.get_kind_display(),
        }
        body = render_to_string("cases/email/case_update.txt", context)
    EmailMessage(subject, body, to=[customer.email], headers={"Content-Language": language}).send()
    return True


# --- Promise jobs (run by Celery beat through cases.tasks) ----------------------------------


def _claim(promise_id: int, column: str) -> bool:
    """Set ``column`` once, only on an open promise where it is still empty: the one writer
    that gets the row is the one that acts, however often the job runs."""
    claimed = bool(
        Promise.objects.filter(
            pk=promise_id, status=PromiseStatus.OPEN, **{f"{column}__isnull": True}
        ).update(**{column: timezone.now()})
    )
    if claimed:  # the case page shows an overdue promise as late
        pagecache.bump(
            *Promise.objects.filter(pk=promise_id).values_list("case__customer_id", flat=True)
        )
    return claimed


def _staff_email(*, to: list[str], subject: str, template: str, promise: Promise) -> None:
    from django.core.mail import send_mail

    recipients = [address for address in to if address]
    if not recipients:
        return
    context = {
        "promise": promise,
        "case": promise.case,
        "link": f"{settings.SITE_URL}/admin/cases/case/{promise.case_id}/change/",
    }
    send_mail(subject, render_to_string(template, context), None, recipients)


def _owner_addresses(promise: Promise) -> list[str]:
    if promise.owner and promise.owner.email:
        return [promise.owner.email]
    if promise.team.email:
        return [promise.team.email]
    return [promise.team.lead.email] if promise.team.lead else []


def promise_run_jobs(*, promise_id: int) -> list[str]:
    """Do what is due for one promise now; returns the jobs this call actually did."""
    promise = (
        Promise.objects.select_related("case__customer", "team__lead", "owner")
        .filter(pk=promise_id)
        .first()
    )
    if promise is None:
        return []
    done: list[str] = []
    clock = rules.PromiseClock(
        status=promise.status,
        due_at=promise.due_at,
        reminded_at=promise.reminded_at,
        overdue_at=promise.overdue_at,
        escalated_at=promise.escalated_at,
        customer_told_late_at=promise.customer_told_late_at,
    )
    for job in rules.promise_jobs_due(clock, now=timezone.now()):
        if job == "remind" and _claim(promise.pk, "reminded_at"):
            _staff_email(
                to=_owner_addresses(promise),
                subject=gettext_now("Due soon: %(what)s (%(reference)s)")
                % {"what": promise.description, "reference": promise.case.reference},
                template="cases/email/promise_reminder.txt",
                promise=promise,
            )
            done.append(job)
        elif job == "mark_overdue" and _claim(promise.pk, "overdue_at"):
            case_add_event(
                case=promise.case,
                kind=CaseEventKind.NOTE,
                public=False,
                body=gettext_now("Promise overdue: %(what)s") % {"what": promise.description},
                data={"promise": promise.pk, "overdue": True},
            )
            done.append(job)
        elif job == "escalate" and _claim(promise.pk, "escalated_at"):
            lead = promise.team.lead
            _staff_email(
                to=[lead.email] if lead else _owner_addresses(promise),
                subject=gettext_now("Overdue promise on %(reference)s: %(what)s")
                % {"what": promise.description, "reference": promise.case.reference},
                template="cases/email/promise_escalation.txt",
                promise=promise,
            )
            done.append(job)
        elif job == "tell_customer" and _claim(promise.pk, "customer_told_late_at"):
            customer = promise.case.customer
            with translation.override(customer.preferred_language or "en"):
                body = gettext_now(
                    "We are late with this: %(what)s. We are sorry; the team is on it and "
                    "we will update you here."
                ) % {"what": promise.description}
            case_add_event(
                case=promise.case,
                kind=CaseEventKind.PROMISE,
                public=True,
                body=body,
                data={"promise": promise.pk, "late": True},
                notify=True,
            )
            done.append(job)
    return done
