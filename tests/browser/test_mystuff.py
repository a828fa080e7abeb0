import io

import pytest
from playwright.sync_api import expect

from contact_portal.demo import DEMO_PASSWORD, seed_users
from mystuff import demo
from mystuff.models import Item


@pytest.mark.django_db(transaction=True)
def test_the_demo_customer_filters_my_stuff_and_opens_an_item(page, live_server, sign_in):
    seed_users()
    demo.seed(io.StringIO())
    sign_in(page, "customer@example.com", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My Stuff")
    expect(page.get_by_text("ORD-10388")).to_be_visible()

    page.get_by_role("link", name="Engineer visit", exact=True).click()
    expect(
        page.get_by_role("link", name="Engineer visit: washing machine not draining")
    ).to_be_visible()
    expect(page.get_by_text("ORD-10388")).to_have_count(0)

    page.get_by_role("link", name="Everything").click()
    page.get_by_label("Search by reference").fill("10388")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Fridge-freezer FF-620 and installation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Fridge-freezer FF-620 and installation"
    )
    expect(page.get_by_text("Running late").first).to_be_visible()
    expect(page.get_by_role("link", name="Need help with this?")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_show_older_appends_the_next_page_in_place(page, live_server, sign_in):
    seed_users()
    demo.seed(io.StringIO())
    sign_in(page, "customer@example.com", DEMO_PASSWORD)
    owned = Item.objects.filter(customer__email="customer@example.com").count()
    expect(page.locator(".timeline-item")).to_have_count(20)
    page.get_by_role("button", name="Show older").click()
    expect(page.locator(".timeline-item")).to_have_count(owned)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)


@pytest.mark.django_db(transaction=True)
def test_my_stuff_and_an_item_have_no_serious_accessibility_problems(page, live_server, sign_in):
    from axe_playwright_python.sync_playwright import Axe

    seed_users()
    demo.seed(io.StringIO())
    sign_in(page, "customer@example.com", DEMO_PASSWORD)
    item = Item.objects.get(external_id="ORD-10388")
    for path in ("/my-stuff/", f"/my-stuff/item/{item.pk}/", "/my-stuff/my-data/"):
        page.goto(live_server.url + path)
        violations = Axe().run(page).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], (path, serious)
