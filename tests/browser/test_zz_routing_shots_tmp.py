import io
import re

import pytest
from django.core.management import call_command

from contact_portal.demo import DEMO_PASSWORD

OUT = "/tmp/routing_shots"


@pytest.mark.django_db(transaction=True)
def test_shots(browser, live_server):
    from cases.models import Case
    from cases.services import case_open_or_join
    from knowledge.models import ContactReason
    from mystuff.models import Customer, Item

    call_command("seed_demo", force=True, stdout=io.StringIO())
    customer = Customer.objects.get(user__username="customer@example.com")
    case, _ = case_open_or_join(
        customer=customer,
        item=Item.objects.get(external_id="ORD-10412"),
        reason=ContactReason.objects.get(slug="where-is-my-order"),
        channel="message",
        description="The dishwasher is not here yet.",
    )
    billing = Case.objects.filter(team__slug="accounts").first()
    for lang in ["en", "ar"]:
        for width in [390, 1280]:
            context = browser.new_context(viewport={"width": width, "height": 900})
            context.add_cookies(
                [{"name": "django_language", "value": lang, "url": live_server.url}]
            )
            page = context.new_page()
            page.goto(f"{live_server.url}/accounts/login/")
            page.locator("input[name=login]").fill("robin@example.com")
            page.locator("input[name=password]").fill(DEMO_PASSWORD)
            page.locator("form button[type=submit]").first.click()
            page.wait_for_load_state()
            page.goto(f"{live_server.url}/contact/desk/")
            page.screenshot(path=f"{OUT}/desk-{lang}-{width}.png", full_page=True)
            page.goto(f"{live_server.url}/admin/cases/case/?q={case.reference}")
            page.screenshot(path=f"{OUT}/list-{lang}-{width}.png", full_page=True)
            page.goto(f"{live_server.url}/admin/cases/case/{case.pk}/change/")
            page.screenshot(path=f"{OUT}/outside-{lang}-{width}.png", full_page=False)
            page.locator(".case-take-over").screenshot(path=f"{OUT}/takeover-{lang}-{width}.png")
            context.close()
            context = browser.new_context(viewport={"width": width, "height": 900})
            context.add_cookies(
                [{"name": "django_language", "value": lang, "url": live_server.url}]
            )
            page = context.new_page()
            page.goto(f"{live_server.url}/accounts/login/")
            page.locator("input[name=login]").fill("manager@example.com")
            page.locator("input[name=password]").fill(DEMO_PASSWORD)
            page.locator("form button[type=submit]").first.click()
            page.wait_for_load_state()
            page.goto(f"{live_server.url}/admin/cases/teamrule/add/")
            page.screenshot(path=f"{OUT}/rule-{lang}-{width}.png", full_page=True)
            page.goto(f"{live_server.url}/admin/cases/agentprofile/add/")
            page.screenshot(path=f"{OUT}/profile-{lang}-{width}.png", full_page=True)
            page.goto(f"{live_server.url}/reports/work/")
            page.screenshot(path=f"{OUT}/report-{lang}-{width}.png", full_page=True)
            context.close()
    assert billing is not None or True
