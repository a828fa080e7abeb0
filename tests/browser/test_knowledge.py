import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from knowledge.models import Journey, JourneyEventKind, JourneyOutcome
from tests.factories import PASSWORD, ContactReasonFactory, CustomerFactory, ItemFactory
from tests.knowledge.factories import make_article


@pytest.mark.django_db(transaction=True)
def test_a_customer_finds_help_for_an_item_and_says_it_solved_it(page, live_server, sign_in):
    customer = CustomerFactory()
    item = ItemFactory(customer=customer, title="Fridge-freezer FF-620", reference="ORD-30001")
    reason = ContactReasonFactory(slug="where-is-my-order", name="Where is my order?")
    make_article(
        "track",
        "Track your delivery",
        "Open **My Stuff** and find the tracking code.",
        reasons=[reason],
    )

    sign_in(page, customer.user.email, PASSWORD)
    page.goto(f"{live_server.url}/help/?item=ORD-30001")
    expect(page.get_by_role("heading", level=1)).to_have_text("Help with Fridge-freezer FF-620")

    page.get_by_role("button", name="Where is my order?").click()
    expect(page.get_by_role("heading", name="Suggested help")).to_be_visible()
    expect(page.get_by_role("button", name="Contact Us")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/help/item/{item.pk}/?reason=where-is-my-order")
    assert Axe().run(page).response["violations"] == []

    page.get_by_role("link", name="Track your delivery").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Track your delivery")
    expect(page.get_by_role("button", name="Contact Us")).to_be_visible()
    page.get_by_role("button", name="Yes").click()
    expect(page.get_by_text("Glad that solved it")).to_be_visible()

    journey = Journey.objects.get()
    assert journey.item == item and journey.reason == reason
    assert journey.outcome == JourneyOutcome.SELF_SOLVED
    assert [e.kind for e in journey.events.all()] == [
        JourneyEventKind.REASON_CHOSEN,
        JourneyEventKind.ARTICLE_OPENED,
        JourneyEventKind.SOLVED_YES,
    ]


@pytest.mark.django_db(transaction=True)
def test_a_visitor_searches_and_sees_highlighted_results(page, live_server):
    make_article("refund", "When will I get my refund?", "Refunds take 5 working days.")
    page.goto(f"{live_server.url}/help/")
    page.get_by_label("Search help").fill("refund")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#search-results mark").first).to_be_visible()
    results = page.locator("#search-results")
    expect(results.get_by_role("link", name="When will I get my refund?")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/help/?q=refund")
