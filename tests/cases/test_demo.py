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
