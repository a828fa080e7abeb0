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

    # The unknown caller's card: find them, choose them and the case, in place.
    unknown = page.get_by_role("region", name="Callers to link")
    unknown.get_by_label("Who called? Their email address, phone number or name").fill("wendy")
    unknown.get_by_role("button", name="Find the caller").click()
    unknown.get_by_text("Nobody found.").wait_for()
    field = unknown.get_by_label("Who called? Their email address, phone number or name")
    assert field.input_value() == "wendy"  # nothing typed is lost
    field.fill("WENDY@example.org")
    unknown.get_by_role("button", name="Find the caller").click()
    unknown.get_by_label("Walk-in Wendy · wendy@example.org").check()
    unknown.get_by_role("button", name="Choose").click()
    unknown.get_by_label("A new case").wait_for()
    # The desk refreshes its queues (a new chat or call): the card keeps where the agent is.
    page.evaluate("htmx.trigger(document.getElementById('desk-queues'), 'poll')")
    page.wait_for_timeout(500)
    assert unknown.get_by_label("A new case").is_visible()
    for language in ("en", "ar"):
        page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        page.goto(f"{live_server.url}/contact/desk/")
        card = page.locator("[id^='call-link-keep-']").first
        card.locator("input[name=q]").fill("wendy@example.org")
        card.locator("form.call-find button").click()
        card.locator("input[name=customer]").first.check()
        card.locator("input[name=customer]").first.evaluate("e => e.form.requestSubmit()")
        card.locator("input[name=case]").first.wait_for()
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            # Nothing sticks out sideways, in either direction.
            assert page.evaluate("document.documentElement.scrollWidth") == width
            page.screenshot(path=str(SHOTS / f"desk-calls-{language}-{width}.png"), full_page=True)
            card.screenshot(path=str(SHOTS / f"call-link-panel-{language}-{width}.png"))
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/contact/desk/")
    unknown.get_by_label("Who called? Their email address, phone number or name").fill(
        "wendy@example.org"
    )
    unknown.get_by_role("button", name="Find the caller").click()
    unknown.get_by_label("Walk-in Wendy · wendy@example.org").check()
    unknown.get_by_role("button", name="Choose").click()
    unknown.get_by_role("button", name="Link the call").click()
    page.get_by_role("status").get_by_text(
        "The call from \u20664930609854180\u2069 is on case"
    ).wait_for()
    assert walk_in.cases.count() == 1


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_unknown_caller_is_linked_with_plain_forms(
    browser, live_server, password
):
    agent = UserFactory(role="agent")
    existing = CaseFactory(customer=CustomerFactory(name="Walk-in Wendy", email="w@example.org"))
    existing.team.members.add(agent)
    cti_event(payload={"event": "newCall", "callId": "n1", "direction": "in", "from": "+3212"})
    cti_event(payload={"event": "hangup", "callId": "n1"})
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(agent.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/contact/desk/")
    page.get_by_label("Who called? Their email address, phone number or name").fill("walk-in")
    page.get_by_role("button", name="Find the caller").click()
    assert page.get_by_role("heading", name="Who called?").is_visible()
    page.get_by_label("Walk-in Wendy · w@example.org").check()
    page.get_by_role("button", name="Choose").click()
    page.get_by_label(f"{existing.reference} · {existing.subject}", exact=False).check()
    page.get_by_role("button", name="Link the call").click()
    page.get_by_text(f"The call from \u2066+3212\u2069 is on case {existing.reference}.").wait_for()
    assert existing.contacts.count() == 1
    context.close()
