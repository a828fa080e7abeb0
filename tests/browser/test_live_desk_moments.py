"""An open desk changes when a callback comes due, though nothing is saved then: the ASGI
process runs live.desk_moments itself (as under `make run`, which has no beat) and the pushed
event reloads the queues."""

import threading
from datetime import timedelta

import pytest
from django.utils import timezone

from cases.services import default_team
from channels_routing.models import CallbackRequest
from channels_routing.selectors import Target
from channels_routing.services import contact_context
from tests.browser import test_live
from tests.browser.test_live import assert_pushed, sign_in, watch_desk, watched_page
from tests.channels_routing.factories import ContactFactory
from tests.factories import CaseFactory

# The server and the people of the two-browser journey.
asgi_server = test_live.asgi_server
people = test_live.people


@pytest.mark.django_db(transaction=True)
def test_the_open_desk_shows_a_callback_come_due_without_a_reload(
    browser, asgi_server, people, password, settings
):
    settings.LIVE_DESK_TICKER_SECONDS = 0.2
    customer, _item, _reason, agent = people
    case = CaseFactory(customer=customer, team=default_team())
    shown = contact_context(
        target=Target(customer), channel="phone", description="Ring me", repeat_contacts=0
    )
    contact = ContactFactory(channel="phone", customer=customer, case=case, context=shown)
    problems: list[str] = []
    context = browser.new_context()
    try:
        _desk_sees_the_callback_come_due(context, asgi_server, agent, password, contact, problems)
    finally:
        # Closed whatever happened: an open desk stream would keep the ticker reading the
        # test database after the test.
        context.close()
    assert problems == [], f"browser reported: {problems}"


def _desk_sees_the_callback_come_due(context, asgi_server, agent, password, contact, problems):
    desk = watched_page(context, problems)
    sign_in(desk, asgi_server, agent.email, password)
    desk.goto(f"{asgi_server}/contact/desk/")
    gets = watch_desk(desk, pushed=True)

    # Booked (a save: pushed at once), due a moment later (no save: the job tells the desk).
    # In a thread of its own, as a request would: Playwright's loop runs in this one, and the
    # save's publish (async_to_sync) may not run beside it.
    booking = threading.Thread(
        target=CallbackRequest.objects.create,
        kwargs={
            "contact": contact,
            "phone": "+31600000042",
            "due_at": timezone.now() + timedelta(seconds=4),
        },
    )
    booking.start()
    booking.join()
    card = desk.locator("#callbacks article", has_text="+31600000042")
    card.wait_for(timeout=3500)  # pushed: the desk's fallback poll would take 10 s
    assert "Call now" not in card.inner_text()
    card.get_by_text("Call now").wait_for(timeout=6000)
    assert_pushed(desk, gets)
