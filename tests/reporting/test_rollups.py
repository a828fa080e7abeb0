from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Contact
from reporting import selectors
from reporting.forms import ReportFilterForm
from reporting.models import ContactDay, RollupRun
from reporting.tasks import refresh_rollups
from tests.factories import CaseFactory, ContactReasonFactory, ItemFactory

pytestmark = pytest.mark.django_db


def today_filters() -> selectors.ReportFilters:
    return ReportFilterForm(None).filters()


def test_todays_contacts_count_before_and_after_the_refresh_job():
    Contact.objects.create(channel="phone", answered_at=timezone.now())
    assert selectors.contact_volume(today_filters()).summary[0][1] == 1
    refresh_rollups.delay()
    assert selectors.contact_volume(today_filters()).summary[0][1] == 1
    Contact.objects.create(channel="chat")
    assert selectors.contact_volume(today_filters()).summary[0][1] == 2


def test_days_the_last_roll_up_saw_whole_are_read_from_it_and_later_days_counted_live():
    yesterday = timezone.now() - timedelta(days=1)
    Contact.objects.create(channel="phone", requested_at=yesterday)
    refresh_rollups()
    # Changes the database behind the roll-up's back: only the later days see them live.
    ContactDay.objects.update(contacts=5)
    RollupRun.objects.update(finished_at=timezone.now())
    Contact.objects.create(channel="chat")
    week = ReportFilterForm(
        {"date_from": (timezone.localdate() - timedelta(days=3)).isoformat()}
    ).filters()
    assert selectors.contact_volume(week).summary[0][1] == 5 + 1


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
