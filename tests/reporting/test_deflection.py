"""Deflection on the self-help report: each figure worked out by hand from a small data set."""

from datetime import UTC, date, datetime, timedelta

import pytest

from cases.models import Contact
from knowledge.models import ArticleFeedback, Journey, JourneyOutcome, SearchRecord, SolvedAnswer
from reporting import selectors
from reporting.forms import ReportFilterForm
from reporting.services import rollups_rebuild
from tests.factories import CustomerFactory, ItemFactory
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db

T = datetime(2026, 3, 10, 12, tzinfo=UTC)


def march():
    form = ReportFilterForm({"date_from": "2026-03-01", "date_to": "2026-03-31"})
    assert form.is_valid(), form.errors
    return form.filters()


def journey(customer, *, outcome=JourneyOutcome.OPEN, item=None):
    return Journey.objects.create(
        customer=customer, item=item, outcome=outcome, started_at=T, session_key="s"
    )


def test_deflection_figures():
    c1, c2, c3, c4 = (CustomerFactory() for _ in range(4))
    items = [ItemFactory(customer=c) for c in (c1, c2, c3, c4)]
    journey(c1, item=items[0], outcome=JourneyOutcome.SELF_SOLVED)  # confirmed, and assumed
    journey(c2, item=items[1])  # left without contacting: assumed
    journey(c3, item=items[2])  # contacted about the same item a day later: not assumed
    Contact.objects.create(
        customer=c3, item=items[2], channel="phone", requested_at=T + timedelta(days=1)
    )
    journey(c4, item=items[3], outcome=JourneyOutcome.CONTACTED)
    Contact.objects.create(customer=c4, item=items[3], channel="message", requested_at=T)
    journey(None)  # an anonymous visitor: counted as a session, unknown for "assumed"
    # c2 contacts about something else four days later: does not spoil c2's assumed resolution.
    Contact.objects.create(customer=c2, channel="message", requested_at=T + timedelta(days=4))
    for results in (3, 0, 5, 1):
        SearchRecord.objects.create(term="x", results=results, language="en", created_at=T)
    article = make_article("a", "An article")
    for answer in (SolvedAnswer.YES, SolvedAnswer.YES, SolvedAnswer.YES, SolvedAnswer.NO):
        ArticleFeedback.objects.create(article=article, answer=answer, created_at=T)
    rollups_rebuild(first_day=date(2026, 3, 1), last_day=date(2026, 3, 31))

    measure = selectors.deflection(march())
    figures = {str(label): value for label, value in measure.summary}
    # 5 journeys; customers who contacted us in March: c2, c3, c4.
    assert figures["Self-service score (help sessions per customer who contacted us)"] == 1.67
    assert figures["Confirmed self-resolution (%)"] == 20.0  # 1 of 5
    assert figures["Assumed self-resolution (%)"] == 50.0  # c1, c2 of the 4 signed-in journeys
    assert figures["Searches with no results (%)"] == 25.0
    assert figures["Articles marked helpful (%)"] == 75.0
    assert figures["Repeat contacts within 7 days (%)"] == 0.0
    assert "72 hours" in str(measure.definition)


def test_the_self_help_report_shows_deflection(manager_client):
    response = manager_client.get("/reports/self-help/")
    assert response.status_code == 200
    assert "Deflection: what self-help saves" in response.content.decode()
