"""Figures shared with reporting: first-contact resolution and promises kept on time."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.models import Case, CaseStatus, Contact, Promise
from tests.cases.factories import PromiseFactory
from tests.factories import CaseFactory, ContactReasonFactory, CustomerFactory, ItemFactory

pytestmark = pytest.mark.django_db


def resolved_case(customer, *, days_ago, item=None, reason=None, contacts=1, reopened=0):
    resolved_at = timezone.now() - timedelta(days=days_ago)
    case = CaseFactory(
        customer=customer,
        item=item,
        reason=reason,
        status=CaseStatus.RESOLVED,
        resolved_at=resolved_at,
        created_at=resolved_at - timedelta(hours=1),
        reopened_count=reopened,
        summary="Done.",
    )
    for _i in range(contacts):
        Contact.objects.create(customer=customer, case=case, channel="phone")
    return case


def test_fcr_counts_cases_resolved_on_one_contact_and_not_back(customer):
    item = ItemFactory(customer=customer)
    reason = ContactReasonFactory()
    fcr = resolved_case(customer, days_ago=20)
    two_contacts = resolved_case(customer, days_ago=20, contacts=2)
    reopened = resolved_case(customer, days_ago=20, reopened=1)
    came_back = resolved_case(customer, days_ago=20, item=item, reason=reason)
    CaseFactory(
        customer=customer,
        item=item,
        reason=reason,
        created_at=came_back.resolved_at + timedelta(days=2),
    )
    other_reason = resolved_case(customer, days_ago=20, item=item, reason=ContactReasonFactory())
    open_case = CaseFactory(customer=customer)
    Contact.objects.create(customer=customer, case=open_case, channel="chat")

    # A general question (no item, no reason) with a later general question within the window
    # is not FCR: an empty item/reason is "the same" as another empty one.
    other = CustomerFactory()
    general = resolved_case(other, days_ago=20)
    CaseFactory(customer=other, created_at=general.resolved_at + timedelta(days=1))

    resolved = Case.objects.filter(resolved_at__gte=timezone.now() - timedelta(days=30))
    by_pk = {c.pk: c.is_fcr for c in selectors.fcr_annotate(resolved)}
    assert by_pk == {
        fcr.pk: True,
        two_contacts.pk: False,
        reopened.pk: False,
        came_back.pk: False,
        other_reason.pk: True,
        general.pk: False,
    }
    # The case page reads the same definition, case by case.
    for case in (fcr, two_contacts, reopened, came_back, other_reason, general):
        assert selectors.case_is_fcr(case=case) is by_pk[case.pk]


S = CaseStatus
FCR_TABLE = [
    # status, resolved (days ago), contacts, reopened, a related case opened (days after), FCR?
    (S.RESOLVED, 10, 1, 0, None, True),
    (S.CLOSED, 10, 1, 0, None, True),
    (S.OPEN, None, 1, 0, None, False),  # not resolved
    (S.RESOLVED, 10, 2, 0, None, False),  # a second contact on the case
    (S.RESOLVED, 10, 0, 0, None, False),  # no contact at all (opened by hand)
    (S.RESOLVED, 10, 1, 1, None, False),  # reopened once
    (S.RESOLVED, 10, 1, 0, 3, False),  # back within 7 days
    (S.RESOLVED, 10, 1, 0, 7, False),  # on the window's last day
    (S.RESOLVED, 10, 1, 0, 8, True),  # after the window
    (S.RESOLVED, 40, 1, 0, -30, True),  # an older case
]


@pytest.mark.parametrize("status,days_ago,contacts,reopened,related_after,fcr", FCR_TABLE)
@pytest.mark.parametrize("about", ["item and reason", "nothing"])
def test_the_one_fcr_definition_table(
    customer, settings, status, days_ago, contacts, reopened, related_after, fcr, about
):
    """The definition, row by row, for a case about an item and a reason and for a general
    question (no item, no reason: compared as 'the same nothing')."""
    settings.FCR_WINDOW_DAYS = 7
    item = ItemFactory(customer=customer) if about != "nothing" else None
    reason = ContactReasonFactory() if about != "nothing" else None
    resolved_at = timezone.now() - timedelta(days=days_ago) if days_ago else None
    case = CaseFactory(
        customer=customer,
        item=item,
        reason=reason,
        status=status,
        resolved_at=resolved_at,
        reopened_count=reopened,
    )
    for _i in range(contacts):
        Contact.objects.create(customer=customer, case=case, channel="phone")
    if related_after is not None:
        opened = (resolved_at or timezone.now()) + timedelta(days=related_after)
        CaseFactory(customer=customer, item=item, reason=reason, created_at=opened)
    assert selectors.case_is_fcr(case=case) is fcr
    assert selectors.fcr_annotate(Case.objects.filter(pk=case.pk)).get().is_fcr is fcr


def test_opening_a_case_sets_sla_targets_by_priority(customer):
    reason = ContactReasonFactory(urgency="critical")
    case, created = services.case_open_or_join(
        customer=customer, item=None, reason=reason, channel="chat", description="Flooding!"
    )
    assert created and case.priority == "critical"
    assert case.created_at < case.first_response_due <= case.resolution_due


def test_a_second_contact_about_the_same_thing_joins_the_open_case(customer):
    item = ItemFactory(customer=customer)
    first, created = services.case_open_or_join(
        customer=customer, item=item, reason=None, channel="chat", description="Where is it?"
    )
    again, created_again = services.case_open_or_join(
        customer=customer, item=item, reason=None, channel="phone", description="Still nothing"
    )
    assert created and not created_again and again == first


def test_reopening_after_the_window_is_refused(case, agent, settings):
    settings.CASE_REOPEN_DAYS = 14
    services.case_change_status(case=case, status=CaseStatus.RESOLVED, by=agent, summary="Done.")
    type(case).objects.filter(pk=case.pk).update(resolved_at=timezone.now() - timedelta(days=15))
    case.refresh_from_db()
    with pytest.raises(services.CaseError):
        services.case_change_status(case=case, status=CaseStatus.OPEN, by=agent)


def test_an_sla_policy_overrides_the_default_targets(customer):
    from decimal import Decimal

    from cases.models import SlaPolicy

    reason = ContactReasonFactory(urgency="normal")
    SlaPolicy.objects.create(
        priority="normal",
        first_response_hours=Decimal(2),
        resolution_hours=Decimal(2),
        business_hours={},  # empty: the default contact-centre week applies
    )
    SlaPolicy.objects.filter(priority="normal").update(
        business_hours={str(d): [["00:00", "24:00"]] for d in range(7)}
    )
    case, _created = services.case_open_or_join(
        customer=customer, item=None, reason=reason, channel="chat", description="Hi"
    )
    assert case.resolution_due - case.created_at == timedelta(hours=2)


def test_a_call_an_agent_answered_is_the_first_response(case, agent):
    services.case_add_event(case=case, kind="contact", public=False, body="Called in")
    case.refresh_from_db()
    assert case.first_responded_at is None  # a contact nobody has answered yet
    services.case_add_event(case=case, kind="contact", public=False, author=agent, body="Answered")
    case.refresh_from_db()
    assert case.first_responded_at is not None


def test_the_overdue_queue_follows_promises_as_they_are_made_kept_moved_and_edited(
    customer, manager
):
    """The queue reads the case's earliest open due time; every way a promise changes must
    keep it right."""
    now = timezone.now()

    def overdue() -> set[int]:
        return set(
            selectors.cases_visible_to(manager)
            .filter(selectors.queue_filter("overdue", user=manager, now=timezone.now()))
            .values_list("pk", flat=True)
        )

    late_case = CaseFactory(customer=customer, status=CaseStatus.WAITING_US)
    later = PromiseFactory(case=late_case, due_at=now + timedelta(days=1))
    assert overdue() == set()
    late = PromiseFactory(case=late_case, due_at=now - timedelta(hours=1))
    assert overdue() == {late_case.pk}

    # Kept: the case still has a promise, but it is not late.
    services.promise_complete(promise=late, by=manager)
    assert overdue() == set()

    # Edited in the admin (a plain save): its due time moves into the past.
    later.due_at = now - timedelta(minutes=5)
    later.save()
    assert overdue() == {late_case.pk}

    # Merged: the late promise moves to the case that stays.
    into = CaseFactory(customer=customer, status=CaseStatus.OPEN)
    services.case_merge(duplicate=late_case, into=into, by=manager)
    assert overdue() == {into.pk}

    # Deleted (as the admin does, from the row as it is now): nothing is late any more.
    Promise.objects.get(pk=later.pk).delete()
    assert overdue() == set()
