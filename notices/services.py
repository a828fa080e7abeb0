"""Writes for notices: detection (the beat job and the moment an item update arrives), the
email, and the customer's one-click choice. Keyword-only, typed, idempotent.

Detection never scans every item. Each rule keeps ``checked_until``: a run reads only the items
(and promises) whose due time plus the rule's offset fell between that moment and now, through
a partial index on items still waiting for something, and promises through their (status, due)
index. An item whose date or status changes is judged when the update arrives (``items_stored``
from mystuff). A partial unique constraint keeps one active notice per item and problem, so a
lateness is noticed once however often detection runs; the recovery sweep reads only active
notices and clears the ones whose item recovered.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import CharField, DateTimeField, F, IntegerField, Value
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from cases import services as case_services
from cases.models import OPEN_STATUSES, Case, CaseEventKind, Promise, PromiseStatus, Team
from cases.timeline import english_text, stored_text
from core import outbox, pagecache
from mystuff.models import ContactReason, Item
from notices import rules
from notices.models import Notice, NoticeChannel, NoticeKind, NoticeRule


class NoticeError(ValueError):
    """A choice the notice does not offer (any more); its message is shown to the customer."""


def rules_current() -> dict[str, NoticeRule]:
    """Every rule (the migration made them; one is made again if a manager deleted it)."""
    found = {rule.kind: rule for rule in NoticeRule.objects.all()}
    for kind in NoticeKind.values:
        if kind not in found:
            found[kind], _ = NoticeRule.objects.get_or_create(
                kind=kind, defaults={"offset_hours": rules.DEFAULT_OFFSET_HOURS[kind]}
            )
    return found


def rule_reason(rule: NoticeRule) -> ContactReason | None:
    """The rule's contact reason, else the default one for its problem if it exists."""
    if rule.reason_id is not None:
        return rule.reason
    slug = rules.DEFAULT_REASONS.get(rule.kind, "")
    return ContactReason.objects.filter(slug=slug, active=True).first() if slug else None


def rule_team(rule: NoticeRule) -> Team | None:
    if rule.team_id is not None:
        return rule.team
    return Team.objects.filter(slug=rules.DEFAULT_TEAMS.get(rule.kind, "")).first()


SEND_BATCH = 200


@dataclass
class Detected:
    created: list[int] = field(default_factory=list)
    cleared: int = 0


def _announce(created: list[tuple[int, int]]) -> list[int]:
    """Queue the emails of new notices ((id, customer) pairs) and refresh their customers'
    pages; returns the ids."""
    ids = sorted(pk for pk, _customer in created)
    # One outbox message per batch, not per notice: the first run after a deploy may make
    # thousands, and each send is claimed on its own row, so a batch retried sends nothing twice.
    for start in range(0, len(ids), SEND_BATCH):
        batch = ids[start : start + SEND_BATCH]
        outbox.enqueue("notices.send_notices", batch, dedupe_key=f"notices:{batch[0]}-{batch[-1]}")
    # Written in bulk, past the model signals: the banners show on the next visit.
    pagecache.bump(*{customer for _pk, customer in created})
    return ids


def _store(notices: list[Notice], stamp: datetime) -> list[int]:
    """Insert the notices that are not already active (the partial unique constraints skip
    the rest) and announce them; returns the new ids."""
    if not notices:
        return []
    # pagecache: _announce refreshes the customers' pages of the notices it finds stored
    Notice.objects.bulk_create(notices, ignore_conflicts=True, batch_size=1000)
    kinds = {notice.kind for notice in notices}
    return _announce(
        list(
            Notice.objects.filter(created_at=stamp, kind__in=kinds).values_list("pk", "customer_id")
        )
    )


# The columns detection fills; the rest are NULL (or, for ``choice``, empty) in a new notice.
_INSERT = (
    "INSERT INTO notices_notice (customer_id, item_id, promise_id, case_id, kind, channel, "
    "due_at, created_at, choice) {select} ON CONFLICT DO NOTHING RETURNING id, customer_id"
)


def _insert_from(rows: Any, columns: list[str], *, kind: str, now: datetime) -> list[int]:
    """INSERT .. SELECT the scan's rows as notices in one statement (the first run after a
    deploy may find thousands; building them in Python took most of its time). ``columns``:
    the fields of ``rows`` that give customer, item, promise and case; ``due`` the due time."""
    select = rows.annotate(
        n_kind=Value(kind, CharField()),
        n_channel=Value(NoticeChannel.EMAIL, CharField()),
        n_created=Value(now, DateTimeField()),
        n_choice=Value("", CharField()),
    ).values_list(*columns, "n_kind", "n_channel", "due", "n_created", "n_choice")
    sql, params = select.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_INSERT.format(select=sql), params)
        created = [(pk, customer) for pk, customer in cursor.fetchall()]
    return _announce(created)


def _window(rule: NoticeRule, now: datetime) -> tuple[datetime, datetime]:
    """Due times whose notice moment (due + offset) fell in (last run, now]."""
    offset = timedelta(hours=rule.offset_hours)
    start = rule.checked_until or now - timedelta(hours=rule.look_back_hours)
    return start - offset, now - offset


def _scan_items(rule: NoticeRule, now: datetime) -> list[int]:
    """Items that crossed the rule's line since the last run. The same test as
    ``rules.item_problem`` for these rows: not settled (the index's condition), due plus
    offset passed, and for a warning (quote, renewal) the due time itself still ahead."""
    start, end = _window(rule, now)
    rows = (
        Item.objects.filter(kind=rules.SCANNED[rule.kind], due_at__gt=start, due_at__lte=end)
        .exclude(status__in=rules.UNWATCHED_STATUSES)
        .order_by()
    )
    if rule.kind in (NoticeKind.QUOTE_EXPIRING, NoticeKind.SUBSCRIPTION_RENEWING):
        rows = rows.filter(due_at__gt=now)
    rows = rows.annotate(
        n_promise=Value(None, IntegerField()), n_case=Value(None, IntegerField()), due=F("due_at")
    )
    return _insert_from(rows, ["customer_id", "id", "n_promise", "n_case"], kind=rule.kind, now=now)


def _scan_promises(rule: NoticeRule, now: datetime) -> list[int]:
    start, end = _window(rule, now)
    rows = (
        Promise.objects.filter(status=PromiseStatus.OPEN, due_at__gt=start, due_at__lte=end)
        .order_by()
        .annotate(due=F("due_at"))
    )
    columns = ["case__customer_id", "case__item_id", "id", "case_id"]
    return _insert_from(rows, columns, kind=rule.kind, now=now)


def _recover(now: datetime, offsets: dict[str, timedelta]) -> int:
    """Clear active notices whose item (or promise) no longer has the problem."""
    cleared: list[int] = []
    customers: set[int] = set()
    active = Notice.objects.filter(cleared_at__isnull=True)
    item_rows = active.filter(promise__isnull=True, item__isnull=False).values_list(
        "pk", "kind", "customer_id", "item__kind", "item__status", "item__due_at"
    )
    for pk, notice, customer, kind, status, due_at in item_rows.iterator(chunk_size=2000):
        if not rules.still_applies(
            notice=notice,
            kind=kind,
            status=status,
            due_at=due_at,
            now=now,
            offset=offsets.get(notice, timedelta()),
        ):
            cleared.append(pk)
            customers.add(customer)
    promise_rows = active.filter(promise__isnull=False).exclude(promise__status=PromiseStatus.OPEN)
    for pk, customer in promise_rows.values_list("pk", "customer_id"):
        cleared.append(pk)
        customers.add(customer)
    for start in range(0, len(cleared), 1000):
        Notice.objects.filter(pk__in=cleared[start : start + 1000]).update(cleared_at=now)
    pagecache.bump(*customers)
    return len(cleared)


@transaction.atomic
def notices_detect(*, now: datetime | None = None) -> Detected:
    """The beat job: notice what became late since the last run, clear what recovered."""
    now = now or timezone.now()
    current = rules_current()
    result = Detected()
    for kind, rule in current.items():
        if kind == NoticeKind.VISIT_MOVED:
            continue  # only an update can move a visit: judged on ingestion
        if rule.enabled:
            scan = _scan_promises if kind == NoticeKind.PROMISE_LATE else _scan_items
            result.created += scan(rule, now)
        # pagecache: how far a rule was checked is not shown to customers
        NoticeRule.objects.filter(pk=rule.pk).update(checked_until=now)
    offsets = {kind: timedelta(hours=rule.offset_hours) for kind, rule in current.items()}
    result.cleared = _recover(now, offsets)
    return result


def items_changed(*, rows: list[dict[str, Any]], now: datetime | None = None) -> Detected:
    """Judge items the moment an update arrives: a new problem is noticed at once, a moved
    visit is told, and a notice whose item recovered is cleared."""
    watched = [row for row in rows if row["kind"] in rules.SETTLED]
    if not watched:
        return Detected()
    now = now or timezone.now()
    current = rules_current()
    offsets = {kind: timedelta(hours=rule.offset_hours) for kind, rule in current.items()}
    fresh: list[Notice] = []
    for row in watched:
        problem = rules.item_problem(
            kind=row["kind"],
            status=row["status"],
            due_at=row["due_at"],
            now=now,
            offset=offsets.get(rules_kind_for(row["kind"]), timedelta()),
        )
        if rules.visit_moved(
            kind=row["kind"],
            status=row["status"],
            due_at=row["due_at"],
            previous_status=row["previous_status"],
            previous_due_at=row["previous_due_at"],
            now=now,
        ):
            problem = NoticeKind.VISIT_MOVED
        if problem and current[problem].enabled:
            fresh.append(
                Notice(
                    customer_id=row["customer_id"],
                    item_id=row["id"],
                    kind=problem,
                    due_at=row["previous_due_at"] or row["due_at"],
                    new_due_at=row["due_at"] if problem == NoticeKind.VISIT_MOVED else None,
                    created_at=now,
                )
            )
    result = Detected(created=_store(fresh, now))
    # A new expected date on an item with an active notice: the notice shows it. Only items
    # that existed before can have one.
    by_id = {row["id"]: row for row in watched if row["previous_status"] is not None}
    if not by_id:
        return result
    active = Notice.objects.filter(
        item_id__in=list(by_id), cleared_at__isnull=True, promise__isnull=True
    ).values_list("pk", "item_id", "kind", "customer_id", "due_at", "new_due_at")
    cleared: list[int] = []
    customers: set[int] = set()
    for pk, item_id, notice, customer, was_due, new_due in active:
        row = by_id[item_id]
        if not rules.still_applies(
            notice=notice,
            kind=row["kind"],
            status=row["status"],
            due_at=row["due_at"],
            now=now,
            offset=offsets.get(notice, timedelta()),
        ):
            cleared.append(pk)
            customers.add(customer)
        elif row["due_at"] and row["due_at"] != was_due and row["due_at"] != new_due:
            Notice.objects.filter(pk=pk).update(new_due_at=row["due_at"])
            customers.add(customer)
    if cleared:
        Notice.objects.filter(pk__in=cleared).update(cleared_at=now)
    pagecache.bump(*customers)
    result.cleared = len(cleared)
    return result


def rules_kind_for(item_kind: str) -> str:
    """The clock-driven rule that applies to an item kind."""
    return next(notice for notice, kind in rules.SCANNED.items() if kind == item_kind)


# --- Telling the customer ----------------------------------------------------------------------


def notice_text(notice: Notice) -> dict[str, str]:
    """What happened, what we do, the apology, in the active language."""
    wording = rules.WORDING[notice.kind]
    due = timezone.localtime(notice.due_at) if notice.due_at else None
    values = {
        "reference": notice.item.reference if notice.item else "",
        # A promise's time in 24-hour form: "a.m." would end the sentence twice.
        "due": date_format(due, "j F Y, H:i" if notice.promise_id else "DATE_FORMAT")
        if due
        else "",
        "promise": notice.promise.description if notice.promise else "",
    }
    return {
        "what": str(wording.what) % values,
        "doing": str(wording.doing),
        "sorry": str(wording.sorry),
    }


def notice_send(*, notice_id: int) -> bool:
    """Tell the customer on the notice's channel, once. True if something went out.

    Email is the one channel wired today; a notice on another channel stays unsent (and shows
    as such in the admin) until that channel's sender exists.
    """
    # pagecache: the banner does not say when the notice was sent
    claimed = Notice.objects.filter(
        pk=notice_id, sent_at__isnull=True, cleared_at__isnull=True
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    notice = Notice.objects.select_related("customer", "item", "promise__case", "case").get(
        pk=notice_id
    )
    if notice.promise_id is not None:
        # The promise jobs tell the customer about a late promise too: whoever claims the
        # promise's column first tells them, so they hear it once.
        # pagecache: whether we told them a promise is late is not shown on a page
        told = Promise.objects.filter(
            pk=notice.promise_id, customer_told_late_at__isnull=True
        ).update(customer_told_late_at=timezone.now())
        assert notice.case is not None  # a promise's notice names the promise's case
        case_services.case_add_event(
            case=notice.case,
            kind=CaseEventKind.NOTE,
            public=False,
            body=f"Proactive notice #{notice.pk} sent: promise late",
            data={"notice": notice.pk, "kind": notice.kind},
        )
        if not told:
            return False
    elif notice.item_id is not None:
        # Agents working a case about the item see that the customer was told.
        for case in Case.objects.filter(item_id=notice.item_id, status__in=OPEN_STATUSES):
            case_services.case_add_event(
                case=case,
                kind=CaseEventKind.NOTE,
                public=False,
                body=f"Proactive notice #{notice.pk} sent: {notice.get_kind_display()}",
                data={"notice": notice.pk, "kind": notice.kind},
            )
    sender = SENDERS.get(notice.channel)
    return sender(notice) if sender else False


def _send_email(notice: Notice) -> bool:
    customer = notice.customer
    if not customer.email:
        return False
    language = customer.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        text = notice_text(notice)
        link = notice.item.get_absolute_url() if notice.item else "/my-stuff/"
        context = {
            "notice": notice,
            "customer": customer,
            "text": text,
            "new_due": timezone.localtime(notice.new_due_at) if notice.new_due_at else None,
            "choices": [rules.choice_label(notice.kind, c) for c in rules.choices_for(notice.kind)],
            "link": f"{settings.SITE_URL}{link}",
        }
        subject = gettext("Before you ask: %(what)s") % {"what": text["what"]}
        body = render_to_string("notices/email/notice.txt", context)
    headers = {"Content-Language": language}
    if notice.case_id:  # a reply threads onto the case the notice is about
        headers |= case_services.case_thread_headers(
            case_id=notice.case_id, message=f"notice-{notice.pk}"
        )
    EmailMessage(subject[:200], body, to=[customer.email], headers=headers).send()
    return True


SENDERS = {"email": _send_email}


# --- The customer's one-click way out ----------------------------------------------------------


@transaction.atomic
def notice_choose(*, notice: Notice, choice: str, user: User) -> Notice:
    """Record the choice, and hand the work to a team: the case about the item (opened or
    joined) gets the whole context and a promise with a due time. Choosing again is a no-op."""
    notice = (
        Notice.objects.select_for_update(of=("self",))
        .select_related("item", "customer", "case")
        .get(pk=notice.pk)
    )
    if notice.choice:
        return notice
    if choice not in rules.choices_for(notice.kind):
        raise NoticeError(gettext("Choose one of the ways offered."))
    if notice.cleared_at is not None:
        raise NoticeError(gettext("This is sorted already; nothing more to choose."))
    rule = rules_current()[notice.kind]
    customer = notice.customer
    now = timezone.now()
    language = customer.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        text = notice_text(notice)
        label = rules.choice_label(notice.kind, choice)
        promised = str(rules.PROMISES[choice])
        chosen_line = gettext("You chose: %(choice)s") % {"choice": label}
    if notice.case is not None:
        case = notice.case
    else:
        case, _created = case_services.case_open_or_join(
            customer=customer,
            item=notice.item,
            reason=rule_reason(rule),
            channel="notice",
            description=f"{text['what']}\n{chosen_line}",
        )
    context = {
        "notice": notice.pk,
        "problem": notice.kind,
        "noticed_at": notice.created_at.isoformat(),
        "sent_at": notice.sent_at.isoformat() if notice.sent_at else None,
        "was_due": notice.due_at.isoformat() if notice.due_at else None,
        "new_due": notice.new_due_at.isoformat() if notice.new_due_at else None,
        "item": notice.item.reference if notice.item else None,
        "item_status": notice.item.status if notice.item else None,
        "choice": choice,
    }
    # Stored as data, so each reader (the customer, an agent) reads them in their language;
    # ``body`` is the English searches read.
    chose = {"kind": notice.kind, "choice": choice}
    case_services.case_add_event(
        case=case,
        kind=CaseEventKind.CONTACT,
        public=True,
        body=english_text("notice.chose", **chose),
        author=user,
        data={**context, "channel": "notice"} | stored_text("notice.chose", **chose),
    )
    noted = {"notice": notice.pk, "sent": notice.sent_at, **chose}
    case_services.case_add_event(
        case=case,
        kind=CaseEventKind.NOTE,
        public=False,
        body=english_text("notice.note", **noted),
        data=context | stored_text("notice.note", **noted),
    )
    # The rule's team is the one a manager chose for this problem; without one, the team the
    # case was routed to keeps it.
    team = rule_team(rule) or case.team or Team.objects.order_by("pk").first()
    if team is not None:
        case_services.promise_make(
            case=case,
            by=None,
            description=promised,
            team=team,
            due_at=now + timedelta(hours=rule.promise_hours),
            hand_off=case.team_id != team.pk,
        )
    notice.choice = choice
    notice.chosen_at = now
    notice.case = case
    notice.save(update_fields=["choice", "chosen_at", "case"])
    return notice
