"""Anonymous searching cannot fill the database (issue 23, item 13).

200 cookie-less searches used to write 600 rows (a session, a journey and a search each).
"""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from knowledge.models import Journey, SearchRecord
from knowledge.views import ANONYMOUS_JOURNEYS_STARTED, ANONYMOUS_SEARCHES_RECORDED

pytestmark = pytest.mark.django_db


def test_cookie_less_searches_write_a_bounded_number_of_rows_and_still_answer():
    for n in range(200):
        response = Client(REMOTE_ADDR="203.0.113.5").get(f"/help/?q=door{n}")
        assert response.status_code == 200
    assert Journey.objects.count() == ANONYMOUS_JOURNEYS_STARTED
    assert Session.objects.count() <= ANONYMOUS_JOURNEYS_STARTED
    assert SearchRecord.objects.count() == ANONYMOUS_SEARCHES_RECORDED
    # Another visitor's searches are still recorded, in a journey.
    Client(REMOTE_ADDR="198.51.100.1").get("/help/?q=door")
    assert SearchRecord.objects.get(term="door").journey is not None


def test_a_browser_visitor_keeps_one_journey_for_all_their_searches():
    browser = Client(REMOTE_ADDR="203.0.113.6")
    for term in ("door", "hinge", "dent", "return"):
        browser.get(f"/help/?q={term}")
    assert Journey.objects.count() == 1
    assert SearchRecord.objects.filter(journey__isnull=False).count() == 4


def test_signed_in_searches_are_all_recorded(customer_client):
    for n in range(ANONYMOUS_SEARCHES_RECORDED + 5):
        customer_client.get(f"/help/?q=door{n}")
    assert SearchRecord.objects.count() == ANONYMOUS_SEARCHES_RECORDED + 5
