"""One knowledge-gaps measure: the manager's report and the editors' gaps page read the same
definition (knowledge.selectors), so on the same data they show the same gaps."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge import services
from knowledge.models import Journey, JourneyEvent, JourneyEventKind, JourneyOutcome
from tests.factories import ContactReasonFactory, CustomerFactory
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def gaps_data():
    reason = ContactReasonFactory(slug="late", name="It is late")
    late = make_article("late", "My delivery is late", reasons=[reason])
    track = make_article(
        "track", "Track your order", translations={"nl": ("Volg je bestelling", "Tekst.")}
    )
    solved = make_article("solved", "Solved it")
    opened = JourneyEventKind.ARTICLE_OPENED
    plans = [
        # (outcome, reason, articles opened)
        (JourneyOutcome.CONTACTED, reason, [late, late, track]),
        (JourneyOutcome.CONTACTED, None, [late]),  # a journey without a reason counts too
        (JourneyOutcome.CONTACTED, reason, [track]),
        (JourneyOutcome.CONTACTED, None, [track]),
        (JourneyOutcome.SELF_SOLVED, reason, [solved, late]),
        (JourneyOutcome.OPEN, None, [solved]),
    ]
    for outcome, why, articles in plans:
        journey = Journey.objects.create(customer=CustomerFactory(), reason=why, outcome=outcome)
        for article in articles:
            JourneyEvent.objects.create(journey=journey, kind=opened, article=article)
        JourneyEvent.objects.create(journey=journey, kind=JourneyEventKind.SEARCH, term="x")
    # Older than the gaps page's 90 days and the report's range: in neither.
    old = Journey.objects.create(
        customer=CustomerFactory(),
        outcome=JourneyOutcome.CONTACTED,
        started_at=timezone.now() - timedelta(days=200),
    )
    JourneyEvent.objects.create(journey=old, kind=opened, article=solved)
    for term, language, times in [("gift card", "en", 3), ("cadeaukaart", "nl", 1)]:
        for _ in range(times):
            services.search_record(term=term, results=0, language=language, journey=None)
    services.search_record(term="delivery", results=4, language="en", journey=None)


def _report(client, **headers):
    today = timezone.localdate()
    response = client.get(
        reverse("reporting:section", args=["self-help"]),
        {"date_from": str(today - timedelta(days=89)), "date_to": str(today)},
        **headers,
    )
    assert response.status_code == 200
    return {m.key: m for m in response.context["measures"]}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_report_and_the_gaps_page_show_the_same_gaps(manager_client, gaps_data, language):
    page = manager_client.get(reverse("knowledge:gaps"), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    gaps = page.context["gaps"]
    report = _report(manager_client, HTTP_ACCEPT_LANGUAGE=language)

    on_page = [(r["article_title"], r["journeys"], r["reads"]) for r in gaps.read_before_contact]
    in_report = [tuple(row) for row in report["knowledge-gaps"].rows]
    track = "Volg je bestelling" if language == "nl" else "Track your order"
    assert on_page == in_report == [(track, 3, 3), ("My delivery is late", 2, 3)]

    on_page = [(r["term"], r["language"], r["times"]) for r in gaps.searches_without_results]
    in_report = [tuple(row) for row in report["no-results"].rows]
    assert on_page == in_report == [("gift card", "en", 3), ("cadeaukaart", "nl", 1)]
