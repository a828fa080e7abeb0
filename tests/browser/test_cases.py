from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case, CaseStatus, Promise, Team
from contact_portal.demo import DEMO_PASSWORD, seed_users


@pytest.mark.django_db(transaction=True)
def test_the_customer_follows_a_case_sees_its_promise_and_writes_on_it(page, live_server, sign_in):
    users = seed_users()
    customer = users["customer"].customer
    deliveries = Team.objects.get(slug="deliveries")
    case = Case.objects.create(
        customer=customer,
        subject="Where is my fridge-freezer?",
        description="It was due yesterday.",
        status=CaseStatus.WAITING_CUSTOMER,
        team=deliveries,
    )
    Promise.objects.create(
        case=case,
        description="Deliveries will call you to book a new slot",
        team=deliveries,
        due_at=timezone.now() + timedelta(days=1),
    )

    sign_in(page, "customer@example.com", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/cases/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    page.get_by_role("link", name=case.reference).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)
    expect(page.get_by_test_id("case-status")).to_have_text("Waiting on you")
    expect(page.get_by_text("Deliveries will call you to book a new slot")).to_be_visible()
    contact = page.get_by_role("button", name="Contact us about this")
    expect(contact).to_have_attribute("href", f"/contact/choose/?case={case.pk}")

    page.get_by_label("Your message").fill("Friday morning suits me best.")
    page.get_by_role("button", name="Send message").click()

    expect(page.get_by_text("Friday morning suits me best.")).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_have_text("Waiting on us")


@pytest.mark.django_db(transaction=True)
def test_show_earlier_messages_adds_them_in_place(page, live_server, sign_in):
    from cases.models import CaseEvent
    from cases.selectors import TIMELINE_PAGE_SIZE

    users = seed_users()
    case = Case.objects.create(
        customer=users["customer"].customer,
        subject="A long conversation about the dishwasher",
        description="It leaks.",
        status=CaseStatus.OPEN,
    )
    start = timezone.now() - timedelta(days=2)
    for i in range(TIMELINE_PAGE_SIZE + 2):
        CaseEvent.objects.create(
            case=case,
            kind="reply",
            public=True,
            body=f"Reply number {i:03d}.",
            created_at=start + timedelta(minutes=i),
        )

    sign_in(page, "customer@example.com", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.get_by_text("Reply number 051.")).to_be_visible()
    expect(page.get_by_text("Reply number 001.")).to_have_count(0)
    url = page.url
    page.get_by_role("link", name="Show earlier messages").click()
    # htmx puts the earlier entries above the ones shown, on the same page.
    expect(page.get_by_text("Reply number 000.")).to_be_visible()
    expect(page.get_by_text("It leaks.")).to_be_visible()
    expect(page.get_by_role("link", name="Show earlier messages")).to_have_count(0)
    expect(page.get_by_text("Reply number 051.")).to_be_visible()
    assert page.url == url
    entries = page.locator(".case-timeline > li").all_inner_texts()
    assert entries.index(next(e for e in entries if "Reply number 000." in e)) < entries.index(
        next(e for e in entries if "Reply number 051." in e)
    )


@pytest.mark.django_db(transaction=True)
def test_the_agents_case_list_reads_at_1280_px(page, live_server, sign_in):
    """Subjects are not squeezed to a word per line, the Opened column is not cut off."""
    import io

    from django.core.management import call_command

    call_command("seed_demo", force=True, stdout=io.StringIO())
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "agent@example.com", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/admin/cases/case/")
    line = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight) || 20")
    for height in page.locator("#result_list td.field-subject").evaluate_all(
        "cells => cells.map(c => c.getBoundingClientRect().height)"
    ):
        assert height < 4 * line, "a subject takes four lines or more"
    results = page.locator("#changelist .results")
    box = results.bounding_box()
    opened = page.locator("#result_list th.column-created_at").bounding_box()
    assert opened["x"] + opened["width"] <= box["x"] + box["width"] + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
