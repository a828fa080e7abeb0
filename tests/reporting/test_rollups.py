from datetime import timedelta

import pytest
from django.utils import timezone

from channels_routing.models import Contact
from reporting import selectors
from reporting.forms import ReportFilterForm
from reporting.models import ContactDay
from reporting.tasks import refresh_rollups
from tests.factories import CaseFactory, ContactReasonFactory, ItemFactory

pytestmark = pytest.mark.django_db


def today_filters() -> selectors.ReportFilters:
    return ReportFilterForm(None).filters()


def test_the_refresh_job_brings_todays_contacts_into_the_report():
    Contact.objects.create(channel="phone", answered_at=timezone.now())
    assert selectors.contact_volume(today_filters()).summary[0][1] == 0
    refresh_rollups.delay()
    assert selectors.contact_volume(today_filters()).summary[0][1] == 1


def test_running_the_refresh_twice_counts_nothing_twice():
    Contact.objects.create(channel="chat")
    refresh_rollups()
    refresh_rollups()
    assert sum(ContactDay.objects.values_list("contacts", flat=True)) == 1


def test_a_new_case_within_the_window_undoes_an_earlier_fcr_on_refresh(customer):
    resolved = timezone.now() - timedelta(days=2)
    case = CaseFactory(
        customer=customer,
        item=ItemFactory(customer=customer),
        reason=ContactReasonFactory(),
        status="resolved",
        created_at=resolved,
        resolved_at=resolved,
    )
    Contact.objects.create(channel="phone", case=case, customer=customer, requested_at=resolved)
    refresh_rollups()
    fcr = selectors.first_contact_resolution(today_filters())
    assert fcr.summary[0][1] == 100.0
    CaseFactory(customer=customer, item=case.item, reason=case.reason)
    refresh_rollups()
    assert selectors.first_contact_resolution(today_filters()).summary[0][1] == 0.0
