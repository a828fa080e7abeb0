"""The agent's desk for calls that did not start on our site (issue 17)."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from cases.models import CaseStatus
from channels_routing.services import cti_event
from tests.factories import CaseFactory, CustomerFactory, ItemFactory, UserFactory

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/need-help-shots"))  # noqa: S108


@pytest.mark.django_db(transaction=True)
def test_the_agent_sees_who_calls_and_links_an_unknown_caller_afterwards(
    page, live_server, sign_in, password
):
    agent = UserFactory(role="agent")
    caller = CustomerFactory(name="Annelies de Vries", phone="+31 6 1234 5678")
    CaseFactory(customer=caller, subject="Fridge door does not close", status=CaseStatus.OPEN)
    ItemFactory(customer=caller, reference="ORD-777", title="Fridge FR-1")
    walk_in = CustomerFactory(name="Walk-in Wendy", email="wendy@example.org", phone="")
    cti_event(payload={"event": "newCall", "callId": "b1", "direction": "in", "from": "0612345678"})
    cti_event(
        payload={"event": "newCall", "callId": "b2", "direction": "in", "from": "4930609854180"}
    )
    cti_event(payload={"event": "hangup", "callId": "b2", "cause": "cancel"})
    # Calls of known customers are on their case: the agent sees those of their teams (issue 23).
    from cases.models import Team

    for team in Team.objects.all():
        team.members.add(agent)

    sign_in(page, agent.email, password)
    page.goto(f"{live_server.url}/contact/desk/")
    calls = page.get_by_role("region", name="Incoming calls")
    assert calls.get_by_text("Annelies de Vries").is_visible()
    assert calls.get_by_text("Fridge door does not close").is_visible()
    assert calls.get_by_text("Fridge FR-1 (ORD-777").is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for language in ("en", "ar"):
        page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}/contact/desk/")
            # Nothing sticks out sideways, in either direction.
            assert page.evaluate("document.documentElement.scrollWidth") == width
            page.screenshot(path=str(SHOTS / f"desk-calls-{language}-{width}.png"), full_page=True)
            link = page.locator("a[href*='/link/']").first.get_attribute("href") or ""
            page.goto(live_server.url + link)
            page.screenshot(path=str(SHOTS / f"call-link-{language}-{width}.png"), full_page=True)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/contact/desk/")
    page.get_by_role("button", name="Link to a customer").click()
    assert page.get_by_role("heading", name="Who called?").is_visible()
    page.get_by_label("Customer's email address or phone number").fill("wendy@example.org")
    page.get_by_role("button", name="Link the call").click()
    assert page.get_by_text("The call is on case").is_visible()
    assert walk_in.cases.count() == 1
