"""Writes for cases. Keyword-only, typed, atomic.

``case_open_or_join`` is how every contact becomes or joins a case; channels call it, together
with ``case_add_event``. Every status change goes through ``cases.rules.transition_error`` and
leaves a timeline entry with who and when. Public entries email the customer (on commit, once).
"""

import re
import textwrap
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Case as CaseWhen
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from cases import presence, routing, rules
from cases.models import (
    OPEN_STATUSES,
    AgentProfile,
    Attachment,
    Case,
    CaseEvent,
    CaseEventKind,
    CaseStatus,
    ChannelKind,
    Contact,
    Priority,
    Promise,
    PromiseStatus,
    SlaPolicy,
    Team,
    TeamRule,
)
from cases.signals import contacts_changed
from cases.timeline import FALLBACK_SUBJECT, english_text, stored_text
from core import outbox, pagecache
from core.dates import weekday_and_datetime
from core.text import strip_bidi
from mystuff.models import ContactReason, Customer, Item
from mystuff.selectors import customer_for_user

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
    """Join the open case about the same item + reason, or open a new one with SLA targets,
    routed to a team (and, for a push team, offered to an agent) in the same transaction.
    ``join=False`` always opens a new one (a guest must not land in a customer's case).

    Every way a case is opened comes through here, so no case is ever without a team.
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
        # A subject from the customer's words ends at a word, never in the middle of one.
        subject = (
            " · ".join(p for p in parts if p)
            or textwrap.shorten(" ".join(description.split()), width=80, placeholder=" …")
            or FALLBACK_SUBJECT
        )
    priority = priority_for_urgency(reason.urgency if reason else None)
    opened_at = timezone.now()
    targets = sla_for(priority=priority, opened_at=opened_at)
    decision, team = route_decision(
        customer=customer, item=item, reason=reason, channel=channel, priority=priority
    )
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
        team=team,
        skill=decision.skill,
        language=routing.base_language(customer.preferred_language),
    )
    _routed(case=case, decision=decision, team=team)
    return case, True


# --- Routing: which team, which agent ---------------------------------------------------------


def routing_rules() -> tuple[list[routing.Rule], dict[int, Team]]:
    """The active rules in order (one query), and their teams by id."""
    rows = (
        TeamRule.objects.filter(active=True)
        .select_related("team", "reason")
        .order_by("position", "id")
    )
    rules_, teams = [], {}
    for row in rows:
        teams[row.team_id] = row.team
        rules_.append(
            routing.Rule(
                id=row.pk,
                name=row.name,
                team_id=row.team_id,
                team_name=row.team.name,
                reason_id=row.reason_id,
                reason_name=row.reason.name if row.reason else "",
                item_kind=row.item_kind,
                language=row.language,
                segment=row.segment,
                min_lifetime_value=row.min_lifetime_value,
                channel=row.channel,
                priority=row.priority,
                skill=row.skill,
            )
        )
    return rules_, teams


def default_team() -> Team:
    """The team that catches every case no rule matches. A database without one gets the
    "Customer service" team as its default, so a case is never left without a team."""
    team = Team.objects.filter(is_default=True).first()
    if team is None:
        team, _created = Team.objects.get_or_create(
            slug="customer-service", defaults={"name": "Customer service"}
        )
        # pagecache: which team is the default is not shown to customers
        Team.objects.filter(pk=team.pk).update(is_default=True)
        team.is_default = True
    return team


def case_facts(
    *,
    customer: Customer,
    item: Item | None,
    reason: ContactReason | None,
    channel: str,
    priority: str,
) -> routing.CaseFacts:
    return routing.CaseFacts(
        reason_id=reason.pk if reason else None,
        reason_parent_id=reason.parent_id if reason else None,
        reason_name=reason.name if reason else "",
        item_kind=item.kind if item else "",
        language=customer.preferred_language or "",
        segment=customer.segment or "",
        lifetime_value=customer.lifetime_value,
        channel=channel,
        priority=priority,
    )


def route_decision(
    *,
    customer: Customer,
    item: Item | None,
    reason: ContactReason | None,
    channel: str,
    priority: str,
) -> tuple[routing.Decision, Team]:
    facts = case_facts(
        customer=customer, item=item, reason=reason, channel=channel, priority=priority
    )
    rules_, teams = routing_rules()
    decision = routing.decide(facts, rules_, default_team=(0, ""))
    if decision.rule_id is not None:
        return decision, teams[decision.team_id]
    team = default_team()
    return routing.decide(facts, [], default_team=(team.pk, team.name)), team


def _routed(*, case: Case, decision: routing.Decision, team: Team) -> None:
    """The timeline says which rule routed the case and why; a push team offers it to an
    agent at once; a team that asked for it gets an email."""
    key = "routing.rule" if decision.why else "routing.default"
    case_add_event(
        case=case,
        kind=CaseEventKind.ROUTING,
        public=False,
        body=f"Routed to {team.name}: {decision.explanation}",
        # What happened, as data: the timeline says it in each reader's language.
        data={
            "team": team.pk,
            "rule": decision.rule_id,
            "rule_name": decision.rule_name,
            "reason": case.reason_id,
            "why": [list(condition) for condition in decision.why],
        }
        | stored_text(key, team=team.name),
    )
    if team.assignment == "push":
        case_push(case=case, team=team)
    if team.email_new_cases and team.email:
        outbox.enqueue("cases.send_team_new_case_email", case.pk, dedupe_key=f"team-new-{case.pk}")


def agent_loads(team: Team) -> list[routing.AgentLoad]:
    """The team's active agents with their open cases, desk presence, languages and skills."""
    members = (
        team.members.filter(is_active=True)
        .annotate(
            open_cases=Count("owned_cases", filter=Q(owned_cases__status__in=OPEN_STATUSES)),
            available=presence.available(OuterRef("pk")),
        )
        .select_related("agent_profile")
    )
    loads = []
    for member in members:
        profile = getattr(member, "agent_profile", None)
        loads.append(
            routing.AgentLoad(
                id=member.pk,
                available=bool(member.available),  # type: ignore[attr-defined]
                open_cases=member.open_cases,  # type: ignore[attr-defined]
                languages=frozenset(profile.languages if profile else ()),
                skills=frozenset(profile.skills if profile else ()),
            )
        )
    return loads


def case_push(*, case: Case, team: Team) -> User | None:
    """Offer the case to the available agent of the team with room for it (the customer's
    language first, then the skill, then the fewest open cases). None: it waits for Next
    case.

    The team's row is locked first, as ``cases_offer_waiting`` does, until the case's
    transaction commits: cases opening at once (and an agent coming online meanwhile) are
    offered one after the other, each counting the others' offers, so nobody passes capacity.
    """
    with transaction.atomic():
        list(Team.objects.select_for_update(no_key=True).filter(pk=team.pk).values_list("pk"))
        chosen = routing.pick_agent(
            agent_loads(team), capacity=team.capacity, language=case.language, skill=case.skill
        )
        if chosen is None:
            return None
        agent = User.objects.get(pk=chosen)
        _take(case=case, agent=agent, by=None, text="assignment.push", who=agent)
        return agent


# At most this many waiting cases are offered in one go (the rest at the next occasion).
OFFER_BATCH = 200


@transaction.atomic
def cases_offer_waiting(*, team_ids: Iterable[int]) -> list[Case]:
    """Offer the cases waiting in these push teams (no agent had room when they opened) to
    their available agents with room, most urgent first (as Next case orders them), each to
    the agent push would pick now (``routing.plan_offers``: a speaker of its language first).

    Called when an agent becomes available on the desk or has room again (they resolved or
    handed on a case), in the transaction that did it. The teams' rows are locked first, so
    two agents coming online at once are served one after the other, each seeing the other's
    offers (nobody past capacity); the cases are locked with SKIP LOCKED, as Next case does,
    so a case an agent is taking at that moment is left to them and none is assigned twice.
    Returns the cases offered.
    """
    teams = {
        team.pk: team
        for team in Team.objects.select_for_update(no_key=True)
        .filter(pk__in=set(team_ids), assignment="push")
        .order_by("pk")
    }
    if not teams:
        return []
    agents = {pk: agent_loads(team) for pk, team in teams.items()}
    capacity = {pk: team.capacity for pk, team in teams.items()}
    limit = min(routing.room(agents, capacity), OFFER_BATCH)
    if not limit:
        return []
    waiting = list(next_case_queryset(list(teams)).select_for_update(skip_locked=True)[:limit])
    plan = routing.plan_offers(
        [routing.WaitingCase(c.pk, c.team_id or 0, c.language, c.skill) for c in waiting],
        agents,
        capacity,
    )
    people = User.objects.in_bulk({agent for _case, agent in plan})
    by_id = {case.pk: case for case in waiting}
    offered = []
    for case_id, agent_id in plan:
        case, agent = by_id[case_id], people[agent_id]
        _take(
            case=case, agent=agent, by=None, text="assignment.push_waited", who=agent, waited=True
        )
        offered.append(case)
    return offered


def _push_team_ids(agent_id: int) -> list[int]:
    return list(
        Team.objects.filter(members=agent_id, assignment="push").values_list("pk", flat=True)
    )


def agent_has_room(*, agent_id: int) -> list[Case]:
    """The agent became available at the desk, or has one case fewer: the cases waiting in
    their push teams are offered now (to them, or to a colleague push prefers)."""
    return cases_offer_waiting(team_ids=_push_team_ids(agent_id))


def _name(user: User) -> str:
    return user.get_full_name() or user.email or user.get_username()


def _take(
    *, case: Case, agent: User | None, by: User | None, text: str, who: User, **data: object
) -> None:
    """Make ``agent`` the owner (None: back to the queue) of a row the caller holds; the
    timeline says ``TEXTS[text]`` about ``who``. A caller taking a case from an agent offers
    that agent's room (``agent_has_room``)."""
    before = case.owner_id
    now = timezone.now()
    case.owner = agent
    fields = ["owner", "updated_at"]
    if agent is not None and case.first_assigned_at is None:
        case.first_assigned_at = now
        fields.append("first_assigned_at")
    case.save(update_fields=fields)
    case_add_event(
        case=case,
        kind=CaseEventKind.ASSIGNMENT,
        public=False,
        author=by,
        body=english_text(text, agent=_name(who)),
        data={
            "from": {"team": case.team_id, "owner": before},
            "to": {"team": case.team_id, "owner": agent.pk if agent else None},
            **data,
        }
        | stored_text(text, agent=_name(who)),
    )


def next_case_queryset(team_ids: list[int] | None):
    """Open cases without an owner, most urgent first: first-response due time, then priority,
    then age. ``team_ids=None``: every team (a manager who is in none)."""
    queryset = Case.objects.filter(status__in=OPEN_STATUSES, owner__isnull=True)
    queryset = (
        queryset.filter(team__isnull=False)
        if team_ids is None
        else queryset.filter(team_id__in=team_ids)
    )
    rank = CaseWhen(
        *[When(priority=p, then=Value(r)) for p, r in routing.PRIORITY_RANK.items()],
        default=Value(9),
        output_field=IntegerField(),
    )
    return queryset.order_by(F("first_response_due").asc(nulls_last=True), rank, "created_at", "id")


def agent_languages(agent: User) -> list[str]:
    """The languages the agent speaks (their agent profile), as cases store them."""
    spoken = AgentProfile.objects.filter(user=agent).values_list("languages", flat=True).first()
    return [routing.base_language(code) for code in spoken or ()]


@transaction.atomic
def case_take_next(*, agent: User) -> Case | None:
    """Next case: the most urgent unassigned case of the agent's teams becomes theirs; the
    most urgent in a language they speak comes first (their agent profile), then the most
    urgent of the rest, so a Dutch customer waits for a Dutch speaker only while one is
    pressing Next case.

    The row is locked with SKIP LOCKED, so agents pressing at the same moment each get a
    different case instead of waiting on (or taking) the same one."""
    from cases.selectors import is_manager, team_ids_for

    teams = team_ids_for(agent)
    if not teams and not is_manager(agent):
        return None
    queryset = next_case_queryset(teams or None)
    case = None
    languages = agent_languages(agent)
    if languages:
        # The most urgent case in a language the agent speaks; else the most urgent of all.
        case = queryset.filter(language__in=languages).select_for_update(skip_locked=True).first()
    if case is None:
        case = queryset.select_for_update(skip_locked=True).first()
    if case is None:
        return None
    _take(case=case, agent=agent, by=agent, text="assignment.next", who=agent)
    return case


@transaction.atomic
def case_take_over(*, case: Case, by: User) -> Case:
    """An agent takes a case, also one outside their teams (the customer on the phone gave its
    reference); the timeline and the audit log say who did."""
    from core.audit import record

    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.is_open:
        raise CaseError(_("This case is not open."))
    if case.owner_id == by.pk:
        raise CaseError(_("This case is already yours."))
    before = case.owner_id
    _take(case=case, agent=by, by=by, text="assignment.take_over", who=by, take_over=True)
    record("case_take_over", actor=by, target=case, previous_owner=before, team=case.team_id)
    if before is not None:
        agent_has_room(agent_id=before)  # the agent it was taken from has one case fewer
    return case


@transaction.atomic
def case_hand_to_team(*, case: Case, by: User, note: str) -> CaseEvent:
    """An agent outside the case's team (the customer called them) writes down what the
    customer said and leaves the case with its team; the audit log records who did."""
    from core.audit import record

    note = note.strip()
    if not note:
        raise CaseError(_("Write what the customer said first."))
    event = case_add_event(
        case=case,
        kind=CaseEventKind.NOTE,
        public=False,
        author=by,
        body=note,
        data={"handed_to_team": case.team_id},
    )
    record("case_hand_to_team", actor=by, target=case, team=case.team_id, event=event.pk)
    return event


def cases_requeue_offline(*, limit: int = 500) -> int:
    """Cases whose agent went offline on the desk before answering them go back to their
    team's queue. Returns how many."""
    statuses = presence.statuses()
    offline = [agent for agent, seen in statuses.items() if routing.is_offline(seen)]
    if not offline:
        return 0
    ids = list(
        Case.objects.filter(
            owner_id__in=offline, status__in=OPEN_STATUSES, first_responded_at__isnull=True
        ).values_list("pk", flat=True)[:limit]
    )
    moved = 0
    owners: set[int] = set()
    for pk in ids:
        with transaction.atomic():
            case = (
                Case.objects.select_for_update(skip_locked=True)
                .select_related("owner")
                .filter(pk=pk, owner_id__in=offline, first_responded_at__isnull=True)
                .first()
            )
            if case is None or case.owner is None:
                continue
            owners.add(case.owner.pk)
            _take(case=case, agent=None, by=None, text="assignment.requeue", who=case.owner)
            moved += 1
    # Once, not per case: the requeued cases go to colleagues with room, most urgent first.
    for owner in sorted(owners):
        agent_has_room(agent_id=owner)
    return moved


def team_new_case_email(*, case_id: int) -> bool:
    """Tell the team address about a new case (the team asked for it)."""
    from django.core.mail import send_mail

    case = Case.objects.select_related("team", "customer").filter(pk=case_id).first()
    if case is None or case.team is None or not case.team.email:
        return False
    body = render_to_string(
        "cases/email/team_new_case.txt",
        {"case": case, "link": f"{settings.SITE_URL}/admin/cases/case/{case.pk}/change/"},
    )
    subject = gettext_now("New case %(reference)s: %(subject)s") % {
        "reference": case.reference,
        "subject": case.subject,
    }
    send_mail(subject, body, None, [case.team.email])
    return True


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
        # pagecache: the event saved above refreshes the customer's pages (again on commit)
        Case.objects.filter(pk=case.pk, first_responded_at__isnull=True).update(
            first_responded_at=event.created_at
        )
    if author is not None and author.is_staff:
        # Every agent action on a case is in the audit log as well as on the timeline.
        from core.audit import record

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
    if before in OPEN_STATUSES and not case.is_open and case.owner_id is not None:
        agent_has_room(agent_id=case.owner_id)  # one open case fewer
    return case


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
    # pagecache: the reply event above refreshes the customer's pages (again on commit)
    Contact.objects.filter(
        case=case, channel=ChannelKind.MESSAGE, answered_at__isnull=True, abandoned_at__isnull=True
    ).update(answered_at=event.created_at, agent=_user(by))
    # Answered contacts feed the expected waits (channels_routing listens).
    contacts_changed.send(sender=Contact)
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
    if team is None:
        raise CaseError(_("Choose a team: every case is in a team's queue."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = {"team": case.team_id, "owner": case.owner_id}
    if before == {"team": team.pk if team else None, "owner": owner.pk if owner else None}:
        raise CaseError(_("The case is already assigned that way."))
    case.team = team
    case.owner = owner
    fields = ["team", "owner", "updated_at"]
    if owner is not None and case.first_assigned_at is None:
        case.first_assigned_at = timezone.now()
        fields.append("first_assigned_at")
    case.save(update_fields=fields)
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
    if case.is_open:
        # The agent it was handed on from has room again; a case left without an owner in
        # a push team is offered to its available agents.
        if before["owner"] is not None and before["owner"] != case.owner_id:
            agent_has_room(agent_id=before["owner"])
        if case.owner_id is None and case.team_id is not None:
            cases_offer_waiting(team_ids=[case.team_id])
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
    # pagecache: every caller saves a promise or its case's event, which refresh the pages
    Case.objects.filter(pk__in=ids).update(open_promise_due=Subquery(earliest))


@transaction.atomic
def promise_complete(*, promise: Promise, by: AnyUser | None, cancelled: bool = False) -> Promise:
    now = timezone.now()
    status = PromiseStatus.CANCELLED if cancelled else PromiseStatus.KEPT
    # pagecache: the promise event added below refreshes the customer's pages
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
    *, case: Case, user: User | None, body: str, upload: UploadedFile | None = None
) -> CaseEvent:
    """The customer writes on their case. A case waiting on them goes back to us; a recently
    resolved case reopens (the state machine decides how recent). ``user`` None: a guest,
    writing from the link to their case."""
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
    language = getattr(customer_for_user(user), "preferred_language", None) or "en"
    with translation.override(language):
        summary = case.summary or gettext_now("You told us this is solved. Thank you.")
    return case_change_status(case=case, status=CaseStatus.RESOLVED, by=user, summary=summary)


# --- Email to the customer -------------------------------------------------------------------

REPLY_ADDRESS_SALT = "cases.reply-address"
# "+c<case id>.<20 hex>" in the local part of the reply address.
REPLY_TOKEN = re.compile(r"\+c(\d{1,12})\.([0-9a-f]{20})@", re.IGNORECASE)


def _reply_signature(case_id: int) -> str:
    return salted_hmac(REPLY_ADDRESS_SALT, str(case_id), algorithm="sha256").hexdigest()[:20]


def case_reply_address(case_id: int) -> str:
    """The address a reply about this case comes back to: it names the case and is signed
    with SECRET_KEY, so it can be neither guessed nor changed to another case."""
    local, _at, domain = settings.REPLY_ADDRESS.rpartition("@")
    return f"{local}+c{case_id}.{_reply_signature(case_id)}@{domain}"


def case_id_from_reply_address(address: str) -> tuple[int | None, bool]:
    """(case id, True) for a genuine reply address; (None, True) for any address that is not
    one of our reply addresses; (None, False) for ours with a forged or altered token."""
    local, _at, domain = (address or "").strip().lower().rpartition("@")
    base, plus, token = local.partition("+")
    our_local, _at, our_domain = settings.REPLY_ADDRESS.lower().rpartition("@")
    if not plus or base != our_local or domain != our_domain:
        return None, True
    found = REPLY_TOKEN.fullmatch(f"+{token}@")
    if found is None:
        return None, False
    case_id = int(found.group(1))
    if not constant_time_compare(found.group(2), _reply_signature(case_id)):
        return None, False
    return case_id, True


def case_thread_headers(*, case_id: int, message: str) -> dict[str, str]:
    """Headers that thread every email about a case in the customer's mail client, and send
    their reply back to the case. ``message`` makes this email's Message-ID unique."""
    domain = settings.REPLY_ADDRESS.rpartition("@")[2] or "localhost"
    root = f"<case-{case_id}@{domain}>"
    return {
        "Message-ID": f"<case-{case_id}.{message}@{domain}>",
        "In-Reply-To": root,
        "References": root,
        "Reply-To": case_reply_address(case_id),
    }


def _promise_due(event: CaseEvent) -> str:
    """The due time an agent set on a new promise, in the reader's language; else ""."""
    if event.kind != CaseEventKind.PROMISE or not event.data.get("due_at"):
        return ""
    return weekday_and_datetime(datetime.fromisoformat(event.data["due_at"]))


def case_event_email(*, event_id: int) -> bool:
    """Email the customer about one public timeline entry, once. True if an email went out.

    The conditional UPDATE claims the entry before sending, so a retried or doubled task
    cannot email twice.
    """
    from django.core.mail import EmailMessage

    # pagecache: when we emailed about an entry is not shown on any page
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
            "promise_due": _promise_due(event),
        }
        subject = gettext_now("Your case %(reference)s: %(what)s") % {
            "reference": event.case.reference,
            "what": event.get_kind_display(),
        }
        body = render_to_string("cases/email/case_update.txt", context)
    headers = {
        "Content-Language": language,
        **case_thread_headers(case_id=event.case_id, message=f"event-{event.pk}"),
    }
    EmailMessage(subject, body, to=[customer.email], headers=headers).send()
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
                data={"promise": promise.pk, "late": True}
                | stored_text("promise.late", what=promise.description),
                notify=True,
            )
            done.append(job)
    return done


# --- My data: the customer asks to be erased; an agent runs the erasure (mystuff.services).


@transaction.atomic
def erasure_request(*, customer: Customer, user: AbstractBaseUser | AnonymousUser) -> Case:
    """The customer asks us to erase their data: a case for an agent, who runs the erasure.

    Asking twice while the case is open joins that case instead of opening another.
    """
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    case, created = case_open_or_join(
        customer=customer,
        item=None,
        reason=None,
        channel="web",
        description="Please erase my personal data.",
        subject="Erase my personal data",
    )
    case_add_event(
        case=case,
        kind=CaseEventKind.CUSTOMER_MESSAGE,
        public=True,
        body="Please erase my personal data.",
        author=user if isinstance(user, User) else None,
        data={"erasure_request": True},
    )
    if customer.erasure_requested_at is None:
        customer.erasure_requested_at = timezone.now()
        customer.save(update_fields=["erasure_requested_at", "updated_at"])
    return case


def erasure_noted(
    *, customer: Customer, actor: Any = None, first_time: bool = True, **kw: Any
) -> None:
    """``customer_erased`` receiver: the erasure case says the data is gone (the first time)."""
    if not first_time:
        return
    erasure_cases = Case.objects.filter(
        customer=customer, events__data__erasure_request=True
    ).distinct()
    for case in erasure_cases:
        case_add_event(
            case=case,
            kind=CaseEventKind.NOTE,
            public=False,
            body="Personal data erased; aggregates kept.",
            author=actor if isinstance(actor, User) else None,
            data={"erased": True},
        )
