"""With the demo data: the demo customer sends a new message, and the demo agent finds it in
their Unassigned queue and by its reference, reads how it was routed and takes it; Robin, an
agent of other teams, does not have it in their queue."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from contact_portal.demo import DEMO_PASSWORD
from mystuff.models import Item


@pytest.mark.django_db(transaction=True)
def test_the_demo_agent_finds_the_demo_customers_new_message(browser, live_server, sign_in):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    item = Item.objects.get(source="shop", external_id="ORD-10412")

    customer = browser.new_context().new_page()
    sign_in(customer, "customer@example.com", DEMO_PASSWORD)
    customer.goto(f"{live_server.url}/contact/choose/?item={item.pk}&reason=where-is-my-order")
    customer.locator("textarea").first.fill("The dishwasher is not here yet.")
    customer.get_by_role("button", name="Send a message").click()
    customer.wait_for_url(re.compile(r"/contact/\d+/(message|sent)/"))
    if "/message/" in customer.url:
        customer.get_by_role("button", name=re.compile("send", re.I)).click()
        customer.wait_for_url(re.compile(r"/sent/"))
    reference = re.search(r"C-\d{6}", customer.locator("main").inner_text()).group(0)

    agent = browser.new_context().new_page()
    sign_in(agent, "agent@example.com", DEMO_PASSWORD)
    agent.goto(f"{live_server.url}/admin/cases/case/?queue=unassigned")
    expect(agent.locator("#result_list")).to_contain_text(reference)

    agent.goto(f"{live_server.url}/contact/desk/")
    agent.get_by_label("Find a case by its reference, the customer's email or phone").fill(
        reference
    )
    agent.get_by_role("button", name="Find", exact=True).click()
    agent.get_by_role("link", name=reference).click()
    expect(agent.get_by_role("heading", level=1)).to_contain_text(reference)
    expect(agent.locator(".admin-timeline")).to_contain_text(
        "Routed to Deliveries: reason Where is my order?"
    )
    agent.get_by_role("button", name="Take it").click()
    expect(agent.locator(".case-facts").first).to_contain_text("Sam Agent")

    robin = browser.new_context().new_page()
    sign_in(robin, "robin@example.com", DEMO_PASSWORD)
    robin.goto(f"{live_server.url}/admin/cases/case/?queue=unassigned")
    expect(robin.locator("#content")).not_to_contain_text(reference)
