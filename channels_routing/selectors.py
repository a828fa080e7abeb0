"""Reads for channels and contacts: what the routing policy needs, and what agents see."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db.models import Count, F, Min, Q, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cases.models import Case, ChannelKind, Contact
from channels_routing import policy
from channels_routing.models import (
    AgentPresence,
    CallbackRequest,
    CallbackSlot,
    CallbackStatus,
    CallRecord,
    Channel,
    ChatAuthor,
    ChatMessage,
    PresenceStatus,
    RoutingRule,
)
from core import pagecache
from knowledge.models import Journey
from mystuff.models import ContactReason, Customer, Item

logger = logging.getLogger(__name__)

# Seconds an agent spends on one real-time contact, for the expected wait of a queue.
HANDLE_SECONDS = 240
# Contacts requested longer ago than this no longer count as waiting in a queue.
QUEUE_WINDOW = timedelta(hours=2)


@dataclass
class Target:
    """What the customer wants to contact us about."""

    customer: Customer
    item: Item | None = None
    reason: ContactReason | None = None
    journey: Journey | None = None
    case: Case | None = None


def _int_param(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def target_for(*, customer: Customer, params: Any) -> Target:
    """The journey, case or item + reason named in the query string, if it is the customer's.

    Anything that belongs to someone else, or does not exist, is a 404.
    """
    journey_id = _int_param(params.get("journey"))
    case_id = _int_param(params.get("case"))
    item_id = _int_param(params.get("item"))
    reason_slug = (params.get("reason") or "").strip()
    if params.get("journey") and journey_id is None:
        raise Http404
    if params.get("case") and case_id is None:
        raise Http404
    if params.get("item") and item_id is None:
        raise Http404
    if journey_id is not None:
        journey = (
            Journey.objects.select_related("item", "reason")
            .filter(pk=journey_id, customer=customer)
            .first()
        )
        if journey is None:
            raise Http404
        return Target(customer, journey.item, journey.reason, journey=journey)
    if case_id is not None:
        case = (
            Case.objects.select_related("item", "reason")
            .filter(pk=case_id, customer=customer)
            .first()
        )
        if case is None:
            raise Http404
        return Target(customer, case.item, case.reason, case=case)
    item = None
    if item_id is not None:
        item = Item.objects.filter(pk=item_id, customer=customer).first()
        if item is None:
            raise Http404
    reason = None
    if reason_slug:
        reason = ContactReason.objects.filter(slug=reason_slug, active=True).first()
        if reason is None:
            raise Http404
        if item is not None and reason.item_kinds and item.kind not in reason.item_kinds:
            # A reason that does not fit this kind of item would mis-route the contact (and set
            # the wrong urgency): the customer chooses from what is offered instead.
            reason = None
    return Target(customer, item, reason)


def rules_current() -> policy.Rules:
    rule = RoutingRule.objects.filter(active=True).order_by("position", "id").first()
    if rule is None:
        return policy.Rules()
    return policy.Rules(
        high_value=rule.high_value,
        priority_segments=frozenset(rule.priority_segments),
        urgent_urgencies=frozenset(rule.urgent_urgencies),
        repeat_contacts=rule.repeat_contacts,
        due_soon_hours=rule.due_soon_hours,
        callback_within_minutes=rule.callback_within_minutes,
        max_wait_minutes=rule.max_wait_minutes,
        message_reply_hours=rule.message_reply_hours,
    )


def next_free_slot(now: datetime) -> CallbackSlot | None:
    return free_slots(now).first()


def free_slots(now: datetime) -> QuerySet[CallbackSlot]:
    return (
        CallbackSlot.objects.filter(starts_at__gt=now)
        .annotate(booked=Count("callbacks", filter=~Q(callbacks__status=CallbackStatus.CANCELLED)))
        .filter(booked__lt=F("capacity"))
        .order_by("starts_at")
    )


def channel_states(now: datetime) -> list[policy.ChannelState]:
    """Every channel with its hours, the agents available, its queue and the expected wait.

    Five queries whatever the load: channels, presence, recent contacts, live calls, next slot.
    """
    return _channel_states(now)[0]


def _channel_states(now: datetime) -> tuple[list[policy.ChannelState], datetime | None]:
    """``channel_states`` and the first moment, if any, when time alone changes them: a counted
    contact or call leaves the queue window, or the next free slot starts."""
    channels = list(Channel.objects.all())
    available = dict(
        AgentPresence.objects.filter(status=PresenceStatus.AVAILABLE)
        .values_list("channel_id")
        .annotate(n=Count("id"))
        .values_list("channel_id", "n")
    )
    queues: dict[str, int] = {}
    answer_times: dict[str, list[float]] = {}
    recent = (
        Contact.objects.filter(
            requested_at__gte=now - QUEUE_WINDOW,
            channel__in=[ChannelKind.PHONE, ChannelKind.CHAT, ChannelKind.CALLBACK],
        )
        .order_by("-requested_at")
        .values_list("channel", "requested_at", "answered_at", "ended_at", "abandoned_at")[:1000]
    )
    moments: list[datetime] = []
    for kind, requested, answered, ended, abandoned in recent:
        moments.append(requested + QUEUE_WINDOW)
        if answered is not None:
            answer_times.setdefault(kind, []).append((answered - requested).total_seconds())
        elif ended is None and abandoned is None and kind != ChannelKind.PHONE:
            queues[kind] = queues.get(kind, 0) + 1
    # A caller waits in the queue only once they actually ring, not when they chose to call.
    calls = CallRecord.objects.filter(
        started_at__gte=now - QUEUE_WINDOW, answered_at__isnull=True, ended_at__isnull=True
    ).aggregate(n=Count("id"), first=Min("started_at"))
    queues[ChannelKind.PHONE] = calls["n"]
    if calls["first"] is not None:
        moments.append(calls["first"] + QUEUE_WINDOW)
    slot = next_free_slot(now)
    if slot is not None:
        moments.append(slot.starts_at)
    states = []
    for channel in channels:
        agents = available.get(channel.pk, 0)
        queue = queues.get(channel.kind, 0)
        times = answer_times.get(channel.kind, [])
        recent_speed = sum(times) / len(times) if times else 0
        per_agent = max(agents * max(channel.capacity, 1), 1)
        wait = int(recent_speed + queue * HANDLE_SECONDS / per_agent)
        states.append(
            policy.ChannelState(
                kind=channel.kind,
                enabled=channel.enabled,
                business_hours=channel.business_hours or {},
                holidays=frozenset(channel.holidays or ()),
                time_zone=channel.timezone,
                agents_available=agents,
                capacity=channel.capacity,
                queue_length=queue,
                expected_wait_seconds=wait,
                next_slot_at=slot.starts_at if slot else None,
                phone_number=channel.phone_number,
            )
        )
    return states, min(moments, default=None)


def earlier_contacts(target: Target) -> int:
    """Contacts the customer already made about the same item and reason."""
    if target.item is None and target.reason is None:
        return 0
    return Contact.objects.filter(
        customer=target.customer, item=target.item, case__reason=target.reason
    ).count()


def situation_for(target: Target, now: datetime, earlier: int | None = None) -> policy.Situation:
    """``earlier``: ``earlier_contacts(target)`` when the caller already counted them."""
    item, reason = target.item, target.reason
    return policy.Situation(
        now=now,
        urgency=reason.urgency if reason else None,
        item_kind=item.kind if item else None,
        item_value=item.value if item else None,
        item_status=item.status if item else "",
        item_due_at=item.due_at if item else None,
        segment=target.customer.segment,
        earlier_contacts=earlier_contacts(target) if earlier is None else earlier,
        time_zone=settings.TIME_ZONE,
    )


# --- The routing inputs every customer shares, kept between requests.
#
# The channel page needs the channels, agents, queues, next slot and rules: six queries that are
# the same for every customer. They are kept in the cache under a token that every write to
# those tables replaces (``routing_changed``, connected to the models' signals in apps.py), and
# only until time alone would change them (``_channel_states``); within that, they are exactly
# what the queries would return. Measured for issue 21: reading them from the database on every
# visit instead (no copy, no token) put a cached channel page at 13-51% of the one-query ceiling
# in the load test and 22% in-process, against 60% needed; the shared copy costs a visit nothing
# over reading the token alone (both in one round trip), so no per-process copy is kept on top.

ROUTING_VERSION_KEY = "routing:v"
ROUTING_INPUTS_KEY = "routing:inputs:2"  # :2 since ChannelState has phone_number


def routing_changed(*args: Any, **kwargs: Any) -> None:
    """A channel, agent presence, contact, call, slot, callback or rule changed: the token is
    replaced now and again after commit (inputs read meanwhile from the data as it was are not
    kept)."""
    pagecache.replace_tokens([ROUTING_VERSION_KEY])


# What a cached channel page reads with its own tokens, in the same round trip: the token and
# the inputs kept under it.
ROUTING_KEYS = (ROUTING_VERSION_KEY, ROUTING_INPUTS_KEY)


def _usable(kept: Any, version: str | None, now: datetime) -> bool:
    return (
        isinstance(kept, dict)
        and bool(version)
        and kept.get("version") == version
        and kept["at"] <= now
        and (kept["until"] is None or now < kept["until"])
    )


def routing_inputs(
    now: datetime, prefetched: dict[str, Any] | None = None
) -> tuple[list[policy.ChannelState], policy.Rules]:
    """The channels, agents, queues, next slot and rules: the copy kept in the shared cache
    while the routing token is unchanged, else read (six queries) and kept. ``prefetched``:
    ``ROUTING_KEYS`` as the caller already read them from the cache."""
    try:
        found = cache.get_many(list(ROUTING_KEYS)) if prefetched is None else prefetched
        version = pagecache.current_tokens([ROUTING_VERSION_KEY], found)[ROUTING_VERSION_KEY]
        kept: Any = found.get(ROUTING_INPUTS_KEY)
        if _usable(kept, version, now):
            return kept["states"], kept["rules"]
    except Exception:
        logger.warning("routing inputs: cache unavailable", exc_info=True)
        return channel_states(now), rules_current()
    # The token is read before the queries: a change while they run makes this copy stale.
    states, until = _channel_states(now)
    rules = rules_current()
    if version:
        kept = {"version": version, "at": now, "until": until, "states": states, "rules": rules}
        try:
            cache.set(ROUTING_INPUTS_KEY, kept, timeout=3600)
        except Exception:
            logger.warning("routing inputs: could not store", exc_info=True)
    return states, rules


def decision_at(
    situation: policy.Situation,
    now: datetime | None = None,
    prefetched: dict[str, Any] | None = None,
) -> policy.Decision:
    """The decision for this situation at ``now``: what a cached channel page decides again on
    every visit, from the situation it kept (a few plain values, cheap to read back)."""
    now = now or timezone.now()
    states, rules = routing_inputs(now, prefetched)
    return policy.decide(situation=replace(situation, now=now), channels=states, rules=rules)


def channel_phone_number() -> str:
    channel = Channel.objects.filter(kind=ChannelKind.PHONE).first()
    return channel.phone_number if channel else ""


def contact_for_customer(*, customer: Customer, pk: int) -> Contact:
    contact = (
        Contact.objects.select_related("case", "item").filter(pk=pk, customer=customer).first()
    )
    if contact is None:
        raise Http404
    contact.customer = customer  # the same row: not read again
    return contact


# --- The agent desk


# --- What an agent may see: a contact, its chat, calls and callback go with its case


def contacts_visible_to(user: Any, queryset: QuerySet[Contact] | None = None) -> QuerySet[Contact]:
    """The contacts whose case the user sees (``cases.selectors.cases_visible_to``): an agent
    outside a case's team must not read its messages, chat or files through the contact.
    Besides those: the contacts the agent answered, and chats and calls still waiting on the
    desk before they are a case (a chat becomes one with its first line or its answer), so
    someone can pick them up. Other contacts without a case are for managers only."""
    from cases.selectors import cases_visible_to, is_manager

    queryset = Contact.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_staff:
        return queryset.none()
    if is_manager(user):
        return queryset
    waiting = Q(
        case__isnull=True,
        channel__in=[ChannelKind.CHAT, ChannelKind.PHONE],
        ended_at__isnull=True,
        abandoned_at__isnull=True,
    )
    return queryset.filter(
        Q(case__in=cases_visible_to(user).values("pk")) | Q(agent_id=user.pk) | waiting
    )


def calls_visible_to(
    user: Any, queryset: QuerySet[CallRecord] | None = None
) -> QuerySet[CallRecord]:
    """Calls about a contact the user sees, and calls nobody is matched to yet (an unknown
    caller: every agent may pick them up and link them to a case)."""
    from cases.selectors import is_manager

    queryset = CallRecord.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_staff:
        return queryset.none()
    if is_manager(user):
        return queryset
    visible = contacts_visible_to(user).values("pk")
    unknown_caller = Q(direction="in", contact__customer__isnull=True)
    return queryset.filter(Q(contact__isnull=True) | unknown_caller | Q(contact__in=visible))


def callbacks_visible_to(
    user: Any, queryset: QuerySet[CallbackRequest] | None = None
) -> QuerySet[CallbackRequest]:
    from cases.selectors import is_manager

    queryset = CallbackRequest.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_staff:
        return queryset.none()
    if is_manager(user):
        return queryset
    return queryset.filter(contact__in=contacts_visible_to(user).values("pk"))


def desk_contacts(now: datetime, user: Any = None) -> dict[str, list[Contact]]:
    """Contacts waiting for an agent or in progress, per channel, oldest first (of the cases
    ``user`` sees, when given)."""
    since = now - QUEUE_WINDOW
    contacts = (
        (Contact.objects if user is None else contacts_visible_to(user))
        .select_related("case", "customer", "agent")
        .filter(
            requested_at__gte=since,
            channel__in=[ChannelKind.PHONE, ChannelKind.CHAT],
            ended_at__isnull=True,
            abandoned_at__isnull=True,
            # Once they ring they are an incoming call, not an expected caller.
            calls__isnull=True,
        )
        .order_by("requested_at")[:100]
    )
    grouped: dict[str, list[Contact]] = {ChannelKind.PHONE: [], ChannelKind.CHAT: []}
    for contact in contacts:
        grouped[contact.channel].append(contact)
    return grouped


def live_calls(now: datetime, user: Any = None) -> QuerySet[CallRecord]:
    return (
        (CallRecord.objects if user is None else calls_visible_to(user))
        .select_related("contact", "contact__case")
        .filter(ended_at__isnull=True, started_at__gte=now - QUEUE_WINDOW)
        .order_by("started_at")[:50]
    )


# Unknown callers stay on the desk this long after their call, for the agent to link them.
UNLINKED_CALL_WINDOW = timedelta(hours=24)


def unlinked_calls(now: datetime, user: Any = None) -> QuerySet[CallRecord]:
    """Finished incoming calls from numbers we did not recognise: the agent links each to a
    customer and a case after the call."""
    return (
        (CallRecord.objects if user is None else calls_visible_to(user))
        .select_related("contact")
        .filter(
            direction="in",
            ended_at__isnull=False,
            started_at__gte=now - UNLINKED_CALL_WINDOW,
            contact__isnull=False,
            contact__customer__isnull=True,
        )
        .order_by("-started_at")[:50]
    )


def caller_profile(customer: Customer) -> dict[str, Any]:
    """The screen pop for a caller we know by their number: who, their open cases, their
    latest items and their last contacts. Plain values, kept on the contact as it was then."""
    from cases.models import OPEN_STATUSES, CaseStatus

    cases = Case.objects.filter(customer=customer, status__in=OPEN_STATUSES).order_by(
        "-created_at", "-id"
    )[:5]
    items = Item.objects.filter(customer=customer).order_by("-occurred_at", "-id")[:5]
    contacts = (
        Contact.objects.filter(customer=customer)
        .select_related("case")
        .order_by("-requested_at", "-id")[:5]
    )
    return {
        "customer": {
            "id": customer.pk,
            "name": customer.name,
            "email": customer.email,
            "segment": customer.segment,
        },
        "open_cases": [
            {
                "id": case.pk,
                "reference": case.reference,
                "subject": case.subject,
                "status": str(CaseStatus(case.status).label),
            }
            for case in cases
        ],
        "recent_items": [
            {
                "id": item.pk,
                "kind": item.kind,
                "reference": item.reference,
                "title": item.title,
                "status": item.status,
            }
            for item in items
        ],
        "last_contacts": [
            {
                "channel": contact.channel,
                "channel_label": str(ChannelKind(contact.channel).label)
                if contact.channel in ChannelKind.values
                else contact.channel,
                "requested_at": contact.requested_at.isoformat(),
                "case": contact.case.reference if contact.case else None,
            }
            for contact in contacts
        ],
    }


CALL_LINK_FOUND_LIMIT = 10


@dataclass(frozen=True)
class CallerSearch:
    """Who an unknown caller may be: ``exact`` when the agent typed what the caller told them
    (an email address or a phone number)."""

    customers: list[Customer]
    exact: bool


def call_link_customers(term: str, *, user: Any) -> CallerSearch:
    """Customers an agent may link a call to, as the case search finds them: by the email
    address or phone number the caller gives, any customer (what a caller says on the phone
    finds their cases in every team); by part of a name, only customers of cases the agent
    sees (every customer for a manager)."""
    from cases.selectors import cases_visible_to, is_manager
    from mystuff.phones import to_e164

    term = " ".join(term.split())
    customers = Customer.objects.filter(erased_at__isnull=True)
    digits = "".join(ch for ch in term if ch.isdigit())
    if "@" in term and " " not in term:
        found = customers.filter(Q(email=term) | Q(email=term.lower()))
        exact = True
    elif len(digits) >= 6 and not any(ch.isalpha() for ch in term):
        found = customers.filter(phone=to_e164(term) or term)
        exact = True
    elif len(term) >= 2:
        found = customers.filter(name__icontains=term)
        if not is_manager(user):
            found = found.filter(pk__in=cases_visible_to(user).values("customer_id"))
        exact = False
    else:
        return CallerSearch([], exact=False)
    return CallerSearch(list(found.order_by("name", "pk")[:CALL_LINK_FOUND_LIMIT]), exact=exact)


def call_link_cases(customer: Customer, *, user: Any, exact: bool) -> list[Case]:
    """The open cases of the caller the agent may put the call on: all of them when the
    caller was found by what they said (their email address or number), else those the
    agent sees."""
    from cases.models import OPEN_STATUSES
    from cases.selectors import cases_visible_to

    cases = Case.objects.filter(customer=customer, status__in=OPEN_STATUSES)
    if not exact:
        cases = cases_visible_to(user, cases)
    return list(cases.order_by("-created_at", "-id")[:CALL_LINK_FOUND_LIMIT])


def customer_by_phone(number: str) -> Customer | None:
    """The customer whose stored number (E.164) is this caller's number."""
    from mystuff.phones import to_e164

    e164 = to_e164(number)
    if not e164:
        return None
    return (
        Customer.objects.filter(phone=e164, erased_at__isnull=True).order_by("-updated_at").first()
    )


def callback_queue(user: Any = None) -> QuerySet[CallbackRequest]:
    return (
        (CallbackRequest.objects if user is None else callbacks_visible_to(user))
        .select_related("contact", "contact__case", "contact__customer")
        .filter(status__in=[CallbackStatus.WAITING, CallbackStatus.TRIED])
        .order_by("due_at", "id")[:100]
    )


def presence_for(agent: User) -> dict[int, str]:
    return dict(AgentPresence.objects.filter(agent=agent).values_list("channel_id", "status"))


def admin_case_url(case_id: int | None) -> str:
    """The admin page of a case, when the cases app has registered it."""
    if case_id is None:
        return ""
    try:
        return reverse("admin:cases_case_change", args=[case_id])
    except NoReverseMatch:
        return ""


# --- Chat lines, as both sides and the live stream show them


def chat_author_name(*, kind: str, author: User | None, contact: Contact) -> str:
    """The customer sees the agent's first name; the agent sees the customer's name. Empty
    when unknown: the page then says "Agent" or "Customer"."""
    if kind == ChatAuthor.AGENT:
        return author.first_name if author is not None else ""
    if kind == ChatAuthor.CUSTOMER:
        customer = contact.context.get("customer") or {}
        return str(customer.get("name") or "")
    return ""


def chat_line(message: ChatMessage, contact: Contact) -> dict[str, Any]:
    return {
        "id": message.pk,
        "kind": message.author_kind,
        "who": chat_author_name(kind=message.author_kind, author=message.author, contact=contact),
        "body": message.body,
        "at": message.created_at,
    }


def chat_lines(contact: Contact, *, after: int = 0) -> list[dict[str, Any]]:
    messages = contact.chat_messages.select_related("author").filter(pk__gt=after)
    return [chat_line(message, contact) for message in messages]


def chat_agent_name(contact: Contact) -> str:
    """The answering agent's first name (one query when the agent is not loaded yet)."""
    if contact.agent_id is None:
        return ""
    return contact.agent.first_name if contact.agent else ""
