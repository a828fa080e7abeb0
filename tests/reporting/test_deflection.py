"""Deflection on the self-help report: each figure worked out by hand from a small data set."""

from datetime import UTC, date, datetime, timedelta

import pytest

from cases.models import Contact
from knowledge.models import (
    ArticleFeedback,
    Journey,
    JourneyEvent,
    JourneyEventKind,
    JourneyOutcome,
    SearchRecord,
    SolvedAnswer,
)
from mystuff.models import ItemKind
from reporting import selectors
from reporting.forms import ReportFilterForm
from reporting.services import rollups_rebuild
from tests.factories import CaseFactory, ContactReasonFactory, CustomerFactory, ItemFactory
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db

T = datetime(2026, 3, 10, 12, tzinfo=UTC)


def march():
    form = ReportFilterForm({"date_from": "2026-03-01", "date_to": "2026-03-31"})
    assert form.is_valid(), form.errors
    return form.filters()


def journey(customer, *, outcome=JourneyOutcome.OPEN, item=None, reason=None, suggested=None):
    made = Journey.objects.create(
        customer=customer, item=item, reason=reason, outcome=outcome, started_at=T, session_key="s"
    )
    if suggested is not None:  # opened from "These may answer it" while writing to us
        JourneyEvent.objects.create(
            journey=made, kind=JourneyEventKind.ARTICLE_OPENED, article=suggested, suggested=True
        )
    return made


def reached(customer, item, channel, when, case=None):
    """A contact that reached us: it is on a case (a choice walked away from has none)."""
    case = case or CaseFactory(customer=customer, item=item)
    return Contact.objects.create(
        customer=customer, item=item, case=case, channel=channel, requested_at=when
    )


def test_deflection_figures():
    c1, c2, c3, c4 = (CustomerFactory() for _ in range(4))
    where = ContactReasonFactory(name="Where is my order?")
    visit = ContactReasonFactory(name="When is the engineer coming?", item_kinds=["appointment"])
    items = [
        ItemFactory(customer=c1),
        ItemFactory(customer=c2),
        ItemFactory(customer=c3, kind=ItemKind.APPOINTMENT),
        ItemFactory(customer=c4),
    ]
    article = make_article("a", "An article")
    # c1 said an article solved it: confirmed, and assumed.
    journey(c1, item=items[0], reason=where, outcome=JourneyOutcome.SELF_SOLVED)
    # c2 chose Send a message, read a suggested article and never sent: the choice (no case)
    # is no contact, so assumed; and a suggestion read without writing to us.
    journey(c2, item=items[1], reason=where, suggested=article)
    Contact.objects.create(customer=c2, item=items[1], channel="message", requested_at=T)
    # c3 was in touch about the same item a day later: not assumed; and again two days after
    # that, on the same case: a repeat contact within 7 days.
    journey(c3, item=items[2], reason=visit)
    first = reached(c3, items[2], "phone", T + timedelta(days=1))
    reached(c3, items[2], "message", T + timedelta(days=3), case=first.case)
    # c4 read a suggested article and sent anyway: a contact.
    journey(c4, item=items[3], reason=where, outcome=JourneyOutcome.CONTACTED, suggested=article)
    reached(c4, items[3], "message", T)
    journey(None)  # an anonymous visitor: counted as a session, unknown for "assumed"
    # c2 writes about something else four days later: does not spoil c2's assumed resolution,
    # and is no repeat contact (the choice before it never reached us).
    reached(c2, None, "message", T + timedelta(days=4))
    for results in (3, 0, 5, 1):
        SearchRecord.objects.create(term="x", results=results, language="en", created_at=T)
    for answer in (SolvedAnswer.YES, SolvedAnswer.YES, SolvedAnswer.YES, SolvedAnswer.NO):
        ArticleFeedback.objects.create(article=article, answer=answer, created_at=T)
    rollups_rebuild(first_day=date(2026, 3, 1), last_day=date(2026, 3, 31))

    measure = selectors.deflection(march())
    figures = {str(label): value for label, value in measure.summary}
    # 5 journeys; customers who reached us in March: c2, c3, c4.
    assert figures["Self-service score (help sessions per customer who contacted us)"] == 1.67
    assert figures["Confirmed self-resolution (%)"] == 20.0  # 1 of 5
    assert figures["Assumed self-resolution (%)"] == 50.0  # c1, c2 of the 4 signed-in journeys
    assert figures["Suggested articles read without writing to us (%)"] == 50.0  # c2 of c2, c4
    assert figures["Searches with no results (%)"] == 25.0
    assert figures["Articles marked helpful (%)"] == 75.0
    # 5 contacts (c2's choice counted too); c3's second is the one repeat.
    assert figures["Repeat contacts within 7 days (%)"] == 20.0
    assert "72 hours" in str(measure.definition)
    # Per item kind and reason: journeys, confirmed (%), assumed (%).
    assert {(str(row[0]), str(row[1])): row[2:] for row in measure.rows} == {
        ("Order", "Where is my order?"): [3, 33.3, 66.7],
        ("Engineer visit", "When is the engineer coming?"): [1, 0.0, 0.0],
        ("No item", "No reason"): [1, 0.0, None],
    }


def test_the_self_help_report_shows_deflection(manager_client):
    response = manager_client.get("/reports/self-help/")
    assert response.status_code == 200
    assert "Deflection: what self-help saves" in response.content.decode()
