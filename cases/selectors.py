"""Reads for cases: tuned querysets and the one SQL form of first-contact resolution."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Case as CaseWhen
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from cases import rules
from cases.models import (
    OPEN_STATUSES,
    Attachment,
    Case,
    CaseEvent,
    CaseEventKind,
    CaseStatus,
    Promise,
    PromiseStatus,
)
from cases.timeline import fold
from mystuff.models import Customer, Item
from mystuff.selectors import customer_for_user

AnyUser = User | AbstractBaseUser | AnonymousUser

CUSTOMER_PAGE_SIZE = 20


# --- Who sees what ---------------------------------------------------------------------------


def is_manager(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    cached = getattr(user, "_cases_is_manager", None)
    if cached is None:
        cached = user.groups.filter(name="manager").exists()
        user._cases_is_manager = cached
    return bool(cached)


def team_ids_for(user: Any) -> list[int]:
    """Teams the agent works in: member of, or lead of."""
    cached = getattr(user, "_cases_team_ids", None)
    if cached is None:
        from cases.models import Team

        cached = list(
            Team.objects.filter(Q(members=user) | Q(lead=user))
            .values_list("pk", flat=True)
            .distinct()
        )
        user._cases_team_ids = cached
    return cached


def cases_visible_to(user: Any, queryset: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Managers see every case; an agent sees the cases of their teams and those assigned to
    them."""
    queryset = Case.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_staff:
        return queryset.none()
    if is_manager(user):
        return queryset
    return queryset.filter(Q(team_id__in=team_ids_for(user)) | Q(owner_id=user.pk))


# --- Agent queues ----------------------------------------------------------------------------

QUEUES = ["mine", "team", "unassigned", "overdue", "breaching"]


def queue_filter(queue: str, *, user: AnyUser, now: datetime) -> Q:
    """The filter of one agent queue. Every queue is open cases only, which matches the
    partial indexes on Case."""
    is_open = Q(status__in=OPEN_STATUSES)
    if queue == "mine":
        return is_open & Q(owner_id=user.pk)
    if queue == "team":
        return is_open & Q(team_id__in=team_ids_for(user))
    if queue == "unassigned":
        # No owner yet, in my teams (a manager in no team: in every team).
        unowned = is_open & Q(owner__isnull=True)
        teams = team_ids_for(user)
        if not teams and is_manager(user):
            return unowned
        return unowned & Q(team_id__in=teams)
    if queue == "overdue":
        # An open promise is late when the earliest one is (Case.open_promise_due).
        return is_open & Q(open_promise_due__lt=now)
    if queue == "breaching":
        return is_open & (
            Q(first_responded_at__isnull=True, first_response_due__lt=now)
            | Q(resolution_due__lt=now)
        )
    raise ValueError(queue)


QUEUE_COUNT_CAP = 1_000


def queue_counts(*, user: AnyUser, now: datetime) -> dict[str, int]:
    """How many cases wait in each of the agent's queues (capped: "1000" means "many"), for
    the desk: new in my teams, mine, waiting on us, breaching SLA, overdue promises."""
    visible = cases_visible_to(user)
    queues = {
        "unassigned": queue_filter("unassigned", user=user, now=now),
        "mine": queue_filter("mine", user=user, now=now),
        "waiting_us": Q(status=CaseStatus.WAITING_US),
        "breaching": queue_filter("breaching", user=user, now=now),
        "overdue": queue_filter("overdue", user=user, now=now),
    }
    return _capped_counts({name: visible.filter(q) for name, q in queues.items()})


def _capped_counts(querysets: dict[str, QuerySet[Case]]) -> dict[str, int]:
    """Each queryset's row count up to QUEUE_COUNT_CAP, all in one query: each count reads at
    most that many index entries, and the desk pays one round trip, not five."""
    parts, params = [], []
    for queryset in querysets.values():
        capped = queryset.order_by().values("pk")[:QUEUE_COUNT_CAP]
        try:
            sql, part_params = capped.query.get_compiler(using=queryset.db).as_sql()
        except EmptyResultSet:  # e.g. the teams of an agent who is in none
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) capped)")  # noqa: S608  # nosec B608
        params.extend(part_params)
    # The SQL is the ORM's own (values are parameters), only wrapped in COUNT(*).
    query = "SELECT " + ", ".join(parts)  # nosec B608
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(query, params)
        row = cursor.fetchone()
    return {name: int(count) for name, count in zip(querysets, row, strict=True)}


def case_exact_lookup(term: str) -> Q | None:
    """What a customer says on the phone: an exact case reference, their email or their phone
    number. Any agent finds those cases, whatever team they are in. None: not such a term."""
    from cases.models import parse_case_reference

    term = term.strip()
    if term[:1] in ("C", "c"):
        pk = parse_case_reference(term)
        return Q(pk=pk) if pk is not None else None
    if "@" in term and " " not in term:
        customers = Customer.objects.filter(Q(email=term) | Q(email=term.lower()))
    else:
        digits = "".join(ch for ch in term if ch.isdigit())
        if len(digits) < 6 or any(ch.isalpha() for ch in term):
            return None
        # The national number (last nine digits), as the phone system matches callers: the
        # customer may say "06 ..." for a number stored as "+316...".
        customers = Customer.objects.filter(phone__endswith=digits[-9:])
    return Q(customer_id__in=list(customers.values_list("pk", flat=True)[:500]))


def case_search(term: str) -> Q:
    """What an agent typed in the search box: a case reference, a customer's email (exact,
    any case), their phone number or part of a customer's name."""
    exact = case_exact_lookup(term)
    if exact is not None:
        return exact
    customers = Customer.objects.filter(name__icontains=term.strip())
    # Resolved once here, not as a subquery: the page and its count would each scan for it.
    return Q(customer_id__in=list(customers.values_list("pk", flat=True)[:500]))


# --- The customer's side ---------------------------------------------------------------------


@dataclass
class CasePage:
    cases: list[Any]
    next_cursor: str = ""


def encode_cursor(row: Case | CaseEvent) -> str:
    return f"{row.created_at.timestamp():.6f}_{row.pk}"


def decode_cursor(cursor: str) -> tuple[datetime, int] | None:
    """The position a cursor names, or None for one we did not make (out of range included:
    a year past 9999 or an id past a bigint is not an error page)."""
    stamp, _sep, pk = cursor.partition("_")
    try:
        position = datetime.fromtimestamp(float(stamp), tz=UTC), int(pk)
    except (ValueError, OverflowError, OSError):
        return None
    return position if 0 < position[1] < 2**63 else None


def _before(queryset: QuerySet, cursor: str) -> QuerySet:
    """The rows after ``cursor`` in newest-first (created_at, id) order; all for no cursor or
    one that does not parse."""
    position = decode_cursor(cursor) if cursor else None
    if position is None:
        return queryset
    created_at, pk = position
    return queryset.filter(Q(created_at__lt=created_at) | Q(created_at=created_at, pk__lt=pk))


def customer_cases(*, user: AnyUser, cursor: str = "", limit: int = CUSTOMER_PAGE_SIZE) -> CasePage:
    """The customer's cases, newest first, one keyset page: one query whatever the page."""
    customer = customer_for_user(user)
    if customer is None:
        return CasePage(cases=[])
    next_due = (
        Promise.objects.filter(case=OuterRef("pk"), status=PromiseStatus.OPEN)
        .order_by("due_at")
        .values("due_at")[:1]
    )
    queryset = (
        Case.objects.filter(customer=customer, merged_into__isnull=True)
        .select_related("item", "reason")
        .annotate(next_promise_due=Subquery(next_due, output_field=DateTimeField()))
        .order_by("-created_at", "-id")
    )
    rows = list(_before(queryset, cursor)[: limit + 1])
    page = rows[:limit]
    return CasePage(cases=page, next_cursor=encode_cursor(page[-1]) if len(rows) > limit else "")


def customer_case(*, user: AnyUser, pk: int) -> Case:
    """The customer's own case or 404: another customer's case does not exist for them."""
    customer = customer_for_user(user)
    if customer is None:
        from django.http import Http404

        raise Http404
    return get_object_or_404(
        Case.objects.select_related("item", "reason", "team", "merged_into"),
        pk=pk,
        customer=customer,
    )


# Entries for what the customer did (no author means the customer, through a channel).
CUSTOMER_KINDS = {CaseEventKind.CONTACT, CaseEventKind.CUSTOMER_MESSAGE, CaseEventKind.ATTACHMENT}

# The newest entries a case page shows at once; earlier ones come a page at a time.
TIMELINE_PAGE_SIZE = 50


@dataclass
class TimelinePage:
    events: list[CaseEvent]  # oldest first, as the page reads
    earlier_cursor: str = ""  # empty: the page reaches back to the case's start
    # The case was opened by a contact whose own entry says so: no separate opening entry.
    opened_by_entry: bool = False


def public_timeline(
    *, case: Case, before: str = "", limit: int = TIMELINE_PAGE_SIZE
) -> TimelinePage:
    """What the customer sees happened on the case: the newest ``limit`` public entries (before
    ``before``, a cursor from an earlier page), in one keyset query however long the case."""
    queryset = (
        CaseEvent.objects.filter(case=case, public=True)
        .select_related("author", "attachment")
        .order_by("-created_at", "-id")
    )
    rows = list(_before(queryset, before)[: limit + 1])
    page = rows[:limit][::-1]
    earlier_cursor = encode_cursor(page[0]) if len(rows) > limit else ""
    events = fold(page)
    opened_by_entry = bool(events) and events[0].kind in CUSTOMER_KINDS
    if opened_by_entry and not earlier_cursor and case.description:
        first = events[0]
        if first.kind == CaseEventKind.CONTACT and case.description.strip() != first.text:  # type: ignore[attr-defined]
            first.words = case.description  # type: ignore[attr-defined]
    return TimelinePage(
        events=events, earlier_cursor=earlier_cursor, opened_by_entry=opened_by_entry
    )


def case_promises(*, case: Case) -> list[Promise]:
    return list(Promise.objects.filter(case=case).select_related("team").order_by("due_at", "id"))


def customer_attachment(*, user: AnyUser, case_pk: int, pk: int) -> Attachment:
    case = customer_case(user=user, pk=case_pk)
    return get_object_or_404(Attachment, pk=pk, case=case)


# --- The agent's context panel ---------------------------------------------------------------


@dataclass
class CaseContext:
    contacts: list[Any] = field(default_factory=list)
    latest_context: dict[str, Any] = field(default_factory=dict)
    earlier_cases: list[Case] = field(default_factory=list)
    earlier_contacts: list[Any] = field(default_factory=list)
    timeline: list[CaseEvent] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    # Filled where the page is composed with feedback (pages.admin): cases reads no feedback.
    feedback: list[Any] = field(default_factory=list)
    order_lines: list[dict[str, Any]] = field(default_factory=list)
    item_details: dict[str, Any] = field(default_factory=dict)
    # The same facts the customer's item page shows, labelled and typed, then any other detail.
    item_facts: list[Any] = field(default_factory=list)
    first_contact_resolution: bool = False


def agent_item_facts(kind: str, due_at: Any, details: dict[str, Any]) -> list[Any]:
    """The item's details for people: the customer page's labelled facts, then every other
    detail with a readable name and dates as dates (never "Delivered_at 2025-10-15T02:18")."""
    from mystuff.display import Fact, detail_label, detail_value, item_facts

    # The page shows the due time on its own line ("Expected / due"): not twice.
    facts = [
        fact
        for fact in item_facts(kind=kind, due_at=due_at, details=details)
        if not (fact.type == "datetime" and fact.value == due_at)
    ]
    shown = {str(fact.label) for fact in facts}
    for key, value in details.items():
        label = detail_label(key)
        if str(label) in shown or value in (None, "", [], {}):
            continue
        facts.append(Fact(label, *detail_value(value)))
    return facts


def case_context(*, case: Case) -> CaseContext:
    from cases.models import Contact

    contacts = list(Contact.objects.filter(case=case).order_by("requested_at", "id"))
    item = case.item
    details = dict(item.details or {}) if item else {}
    lines = details.pop("lines", []) if isinstance(details.get("lines"), list) else []
    return CaseContext(
        contacts=contacts,
        latest_context=(contacts[-1].context or {}) if contacts else {},
        earlier_cases=list(
            Case.objects.filter(customer_id=case.customer_id)
            .exclude(pk=case.pk)
            .select_related("item", "reason")
            .order_by("-created_at", "-id")[:10]
        ),
        earlier_contacts=list(
            Contact.objects.filter(customer_id=case.customer_id)
            .exclude(case=case)
            .order_by("-requested_at", "-id")[:10]
        ),
        timeline=fold(
            list(
                CaseEvent.objects.filter(case=case)
                .select_related("author", "attachment")
                .order_by("created_at", "id")
            )
        ),
        promises=list(
            Promise.objects.filter(case=case).select_related("team", "owner").order_by("due_at")
        ),
        attachments=list(Attachment.objects.filter(case=case)),
        order_lines=lines,
        item_details=details,
        item_facts=agent_item_facts(item.kind, item.due_at, details) if item else [],
        first_contact_resolution=case_is_fcr(case=case),
    )


# --- First-contact resolution: one definition, in SQL, for the case page and the reports ------


def case_is_fcr(*, case: Case) -> bool:
    """Whether this case was resolved on first contact: ``fcr_annotate`` read for one case, so
    the agent's case page and the manager's reports cannot disagree."""
    if case.resolved_at is None:
        return False
    annotated = fcr_annotate(Case.objects.filter(pk=case.pk)).first()
    return bool(getattr(annotated, "is_fcr", False))


def fcr_annotate(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate ``is_fcr``: first-contact resolution, the one definition (the reports' roll-ups
    and, through ``case_is_fcr``, the case page).

    Resolved (or closed), on exactly one contact (every contact on the case counts, so "no
    further contact on it" is part of "exactly one"), never reopened, and no new case by the
    same customer about the same item and reason within ``FCR_WINDOW_DAYS`` after resolution.
    A case without an item or a reason is compared as "the same empty item/reason" (``= NULL``
    never matches in SQL, hence the coalesced keys).
    """
    from cases.models import Contact

    window = timedelta(days=settings.FCR_WINDOW_DAYS)
    contact_count = (
        Contact.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    window_end = ExpressionWrapper(
        OuterRef("resolved_at") + Value(window), output_field=DateTimeField()
    )
    later_case = (
        Case.objects.filter(customer_id=OuterRef("customer_id"))
        .annotate(
            item_key=Coalesce("item_id", Value(0), output_field=IntegerField()),
            reason_key=Coalesce("reason_id", Value(0), output_field=IntegerField()),
        )
        .filter(
            item_key=OuterRef("item_key"),
            reason_key=OuterRef("reason_key"),
            created_at__gt=OuterRef("resolved_at"),
            created_at__lte=window_end,
        )
        .exclude(pk=OuterRef("pk"))
    )
    return queryset.annotate(
        item_key=Coalesce("item_id", Value(0), output_field=IntegerField()),
        reason_key=Coalesce("reason_id", Value(0), output_field=IntegerField()),
        contact_count=Coalesce(Subquery(contact_count, output_field=IntegerField()), 0),
    ).annotate(
        is_fcr=Q(
            status__in=list(rules.RESOLVED_STATUSES),
            resolved_at__isnull=False,
            contact_count=1,
            reopened_count=0,
        )
        & ~Q(Exists(later_case)),
    )


# --- A customer's cases as My Stuff shows them (pages.mystuff)

HOME_CASES = 5


def _open_first(cases: QuerySet[Case]) -> QuerySet[Case]:
    rank = CaseWhen(
        When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return cases.annotate(open_rank=rank).order_by("open_rank", "-created_at", "-id")


def cases_for_my_stuff(*, customer: Customer, limit: int = HOME_CASES) -> list[Case]:
    """Open cases first, then the most recent closed ones. One query."""
    cases = Case.objects.filter(customer=customer).select_related("item")
    return list(_open_first(cases)[:limit])


def item_cases(*, item: Item) -> list[Case]:
    return list(_open_first(Case.objects.filter(item=item, customer_id=item.customer_id)))


def erasure_case(*, customer: Customer) -> Case | None:
    """The case opened when the customer asked us to erase their data, if any."""
    return (
        Case.objects.filter(customer=customer, events__data__erasure_request=True)
        .order_by("-created_at")
        .first()
    )
