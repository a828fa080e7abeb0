import io

import pytest
from django.utils import timezone

from cases import demo
from cases.models import Case, CaseStatus, Promise, PromiseStatus
from contact_portal.demo import seed_users

pytestmark = pytest.mark.django_db


def test_the_demo_has_open_waiting_and_resolved_cases_with_an_overdue_promise_and_is_idempotent():
    seed_users()
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    cases = Case.objects.filter(customer__user__username="customer@example.com")
    assert cases.count() == len(demo.DEMO_CASES)
    statuses = set(cases.values_list("status", flat=True))
    assert {
        CaseStatus.NEW,
        CaseStatus.WAITING_US,
        CaseStatus.WAITING_CUSTOMER,
        CaseStatus.RESOLVED,
    } <= statuses
    late = Promise.objects.get(case__item__external_id="ORD-10388")
    assert late.team.slug == "deliveries" and late.status == PromiseStatus.OPEN
    assert late.due_at < timezone.now() and late.overdue_at is not None
    resolved = cases.get(status=CaseStatus.RESOLVED)
    assert resolved.summary and resolved.events.filter(public=True).exists()
    assert cases.get(item__external_id="VIS-7781").promises.exists()


def test_the_demo_agent_gets_the_demo_customers_new_contacts_and_robin_does_not():
    from django.contrib.auth.models import User

    from cases.selectors import cases_visible_to, queue_filter
    from cases.services import case_open_or_join
    from mystuff.models import ContactReason, Customer, Item

    seed_users()
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())  # idempotent
    customer = Customer.objects.get(user__username="customer@example.com")
    sam = User.objects.get(username="agent@example.com")
    robin = User.objects.get(username="robin@example.com")
    assert sam.agent_profile.languages == ["en", "nl"]
    now = timezone.now()
    for reason_slug, item_ref, team in [
        ("where-is-my-order", "ORD-10412", "deliveries"),
        ("billing", "SUB-3301", "customer-service"),  # premium: stays with customer service
        ("change-or-cancel", "VIS-7781", "customer-service"),
    ]:
        case, created = case_open_or_join(
            customer=customer,
            item=Item.objects.get(external_id=item_ref),
            reason=ContactReason.objects.get(slug=reason_slug),
            channel="message",
            description="Help",
        )
        assert created and case.team.slug == team
        unassigned = queue_filter("unassigned", user=sam, now=now)
        assert cases_visible_to(sam).filter(unassigned, pk=case.pk).exists()
        assert not cases_visible_to(robin).filter(pk=case.pk).exists()
