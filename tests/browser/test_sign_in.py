import pytest
from playwright.sync_api import expect

from contact_portal.demo import DEMO_PASSWORD, seed_users


@pytest.mark.django_db(transaction=True)
def test_the_demo_customer_signs_in_and_sees_my_stuff(page, live_server, sign_in):
    seed_users()
    sign_in(page, "customer@example.com", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My Stuff")
    expect(page.get_by_role("link", name="My Stuff")).to_be_visible()
    expect(page.get_by_role("link", name="Need Help")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
