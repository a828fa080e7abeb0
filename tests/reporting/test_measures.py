"""Each measure computed on the hand-made March 2026 data set (conftest.py), answers by hand."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from reporting import selectors
from reporting.forms import ReportFilterForm
from reporting.services import rollups_rebuild

pytestmark = pytest.mark.django_db


def march(**filters) -> selectors.ReportFilters:
    form = ReportFilterForm({"date_from": "2026-03-01", "date_to": "2026-03-31", **filters})
    assert form.is_valid(), form.errors
    return form.filters().with_reason_family()


def rows(measure) -> dict:
    return {str(row[0]): row[1:] for row in measure.rows}


def summary(measure) -> dict:
    return {str(label): value for label, value in measure.summary}


def test_contact_volume_counts_contacts_requested_in_the_range(dataset):
    measure = selectors.contact_volume(march())
    assert summary(measure)["Contacts"] == 7
    assert rows(measure) == {
        "Call us": [3, 42.9],
        "Chat now": [2, 28.6],
        "Request a callback": [1, 14.3],
        "Send a message": [1, 14.3],
    }


def test_contact_volume_by_reason_follows_the_case_reason(dataset):
    assert rows(selectors.contact_volume_by_reason(march())) == {
        "Where is it?": [5],
        "Billing": [1],
        "No reason given": [1],
    }


def test_filters_narrow_contacts_by_channel_team_reason_and_item_kind(dataset):
    assert summary(selectors.contact_volume(march(channel="phone")))["Contacts"] == 3
    assert summary(selectors.contact_volume(march(team="team-b")))["Contacts"] == 3
    assert summary(selectors.contact_volume(march(reason="billing-q")))["Contacts"] == 1
    assert summary(selectors.contact_volume(march(item_kind="appointment")))["Contacts"] == 2


def test_speed_of_answer_and_abandonment_per_channel(dataset):
    # phone: answered after 20 s and 60 s, one of three abandoned; chat: 40 s, one of two.
    assert rows(selectors.speed_and_abandonment(march())) == {
        "Request a callback": [1, 1, 0, 100.0, 0.0],
        "Chat now": [2, 1, 1, 40.0, 50.0],
        "Call us": [3, 2, 1, 40.0, 33.3],
    }


def test_effort_signals(dataset):
    # 6 contacts over 5 cases; re-contacts: Mar 2 (after Feb 28), Mar 6, Mar 14 of 7;
    # only the Mar 2 contact came after opening an article.
    assert rows(selectors.effort_signals(march())) == {
        "Contacts per case": [1.2, 6, 5],
        "Re-contacts within 7 days (%)": [42.9, 3, 7],
        "Self-help tried before contact (%)": [14.3, 1, 7],
    }


def test_first_contact_resolution(dataset):
    # Resolved in March: A (FCR), B (2 contacts), C (new case within 7 days), E (reopened).
    measure = selectors.first_contact_resolution(march())
    assert summary(measure)["First-contact resolution (%)"] == 25.0
    assert rows(measure) == {"Chat now": [1, 0, 0.0], "Call us": [3, 1, 33.3]}


def test_a_later_case_outside_the_window_does_not_spoil_fcr(dataset, settings):
    settings.FCR_WINDOW_DAYS = 1  # case D came 2 days after C was resolved
    rollups_rebuild(first_day=date(2026, 3, 1), last_day=date(2026, 3, 31))
    assert (
        summary(selectors.first_contact_resolution(march()))["First-contact resolution (%)"] == 50.0
    )


def test_resolution_time(dataset):
    # 4 h, 2 h, 48 h and 216 h: mean 67.5 h.
    measure = selectors.resolution_time(march())
    assert summary(measure) == {"Resolved cases": 4, "Average resolution time (hours)": 67.5}
    assert [row[1] for row in measure.rows] == [1, 1, 1, 0, 1]


def test_sla_attainment(dataset):
    # First response due in March: A met, B late, D never answered; resolution: A, B met, C late.
    assert rows(selectors.sla_attainment(march())) == {
        "First response": [3, 1, 2, 33.3],
        "Resolution": [3, 2, 1, 66.7],
    }


def test_promises_kept_on_time(dataset):
    measure = selectors.promises_kept(march())
    assert summary(measure)["Kept on time (%)"] == 33.3
    assert rows(measure) == {"Team A": [2, 1, 0, 1, 50.0], "Team B": [1, 0, 1, 0, 0.0]}


def test_outcome_satisfaction_uses_the_latest_answer(dataset):
    # Latest answers in March: 5, 4 (changed from 2) and 1.
    measure = selectors.outcome_satisfaction(march())
    assert summary(measure) == {
        "Answers": 3,
        "Share answering 4 or 5 (%)": 66.7,
        "Mean (1 to 5)": 3.33,
    }
    assert [row[1] for row in measure.rows] == [1, 0, 0, 1, 1]


def test_how_customers_felt(dataset):
    assert summary(selectors.customer_feeling(march())) == {
        "Answers": 3,
        "Share answering 4 or 5 (%)": 33.3,
        "Mean (1 to 5)": 3.0,
    }


def test_follow_up_queue(dataset):
    measure = selectors.follow_up_queue(march())
    assert summary(measure)["Waiting"] == 1
    assert summary(measure)["Picked up"] == 1
    assert len(measure.rows) == 1 and measure.links[0].startswith("/admin/feedback/")


def test_self_help_success(dataset):
    # Started in March: 2 solved, none left after a suggested article, 2 contacted, 1 open ->
    # 2 of 4 ended journeys.
    measure = selectors.self_help_success(march())
    assert summary(measure)["Self-help success rate (%)"] == 50.0
    assert [row[1] for row in measure.rows] == [2, 0, 2, 1]


def test_knowledge_gaps_are_articles_read_before_a_contact(dataset):
    assert rows(selectors.knowledge_gaps(march())) == {
        "Track your order": [1, 2],
        "b-delivery-times": [1, 1],
    }


def test_an_empty_range_reports_no_rates_instead_of_dividing_by_zero(dataset):
    form = ReportFilterForm({"date_from": "2020-01-01", "date_to": "2020-01-31"})
    assert form.is_valid()
    f = form.filters()
    assert summary(selectors.first_contact_resolution(f))["First-contact resolution (%)"] is None
    assert summary(selectors.outcome_satisfaction(f))["Mean (1 to 5)"] is None
    for section in selectors.SECTIONS:
        selectors.section_measures(section, f)


def test_the_default_range_is_the_last_30_days():
    f = ReportFilterForm(None).filters()
    assert (f.end - f.start).days == 30
    assert f.end.date() > date(2026, 1, 1)


def test_the_report_and_the_case_page_agree_on_fcr(dataset, settings):
    """One FCR: the roll-up behind the report and the case page's rule give the same cases,
    including cases without an item or a reason (SQL's NULL = NULL never matches)."""
    from cases.models import Case, CaseStatus, Contact
    from cases.selectors import case_is_fcr, fcr_annotate
    from tests.factories import CaseFactory, CustomerFactory
    from tests.reporting.conftest import at

    customer = CustomerFactory()
    # A general question resolved on one contact, then another general question 2 days later:
    # not FCR on the case page, so not on the report either.
    general = CaseFactory(
        customer=customer, status=CaseStatus.RESOLVED, created_at=at(16, 9),
        resolved_at=at(16, 10), channel="message",
    )  # fmt: skip
    Contact.objects.create(customer=customer, case=general, channel="message")
    CaseFactory(customer=customer, created_at=at(18, 9), channel="message")
    rollups_rebuild(first_day=date(2026, 3, 1), last_day=date(2026, 3, 31))

    resolved = Case.objects.filter(resolved_at__isnull=False)
    by_case_page = {c.pk for c in resolved if case_is_fcr(case=c)}
    in_db = {c.pk for c in fcr_annotate(resolved) if c.is_fcr}
    assert (
        in_db
        == by_case_page
        == {
            dataset["cases"]["A"].pk,
            Case.objects.get(created_at__month=2).pk,
        }
    )
    assert general.pk not in by_case_page
    # Resolved in March: A (FCR), B, C, E and the general question (not FCR): 1 of 5.
    measured = summary(selectors.first_contact_resolution(march()))
    assert measured["First-contact resolution (%)"] == 20.0


def test_searches_without_results_in_the_range_by_term_and_language(dataset):
    from knowledge.models import SearchRecord
    from tests.reporting.conftest import at

    for term, language, day in [
        ("gift card", "en", 3), ("gift card", "en", 5), ("gift card", "nl", 5),
        ("gift card", "en", 10), ("warranty", "en", 12),
    ]:  # fmt: skip
        SearchRecord.objects.create(term=term, language=language, results=0, created_at=at(day))
    SearchRecord.objects.create(term="delivery", language="en", results=2, created_at=at(12))
    february = at(2, month=2)  # outside the range
    SearchRecord.objects.create(term="warranty", language="en", results=0, created_at=february)
    measure = selectors.searches_without_results(march())
    assert measure.rows == [["gift card", "en", 3], ["warranty", "en", 1], ["gift card", "nl", 1]]


@pytest.mark.parametrize(("language", "month"), [("en", "March"), ("nl", "maart"), ("ar", "مارس")])
def test_the_follow_up_queue_shows_times_in_the_readers_language(dataset, language, month):
    with translation.override(language):
        measure = selectors.follow_up_queue(march())
        waiting_since = measure.rows[0][-1]
        oldest = summary(measure)[str(_("Oldest waiting since"))]
    # "8 maart 2026 …", not the machine's "2026-03-08 …" (a Dutch reader takes 03-08 for August).
    assert month in waiting_since and "2026-03" not in waiting_since
    assert oldest == waiting_since
