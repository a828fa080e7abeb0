import pytest
from playwright.sync_api import expect

from cases.models import Case, Promise
from contact_portal.demo import DEMO_PASSWORD, seed_users
from mystuff.models import Item
from notices.services import notices_detect


@pytest.mark.django_db(transaction=True)
def test_the_customer_chooses_cancel_and_refund_on_a_late_order_notice(page, live_server, sign_in):
    seed_users()
    fridge = Item.objects.get(external_id="ORD-10388")  # expected yesterday, not delivered
    notices_detect()
    notice = fridge.notices.get()

    sign_in(page, "customer@example.com", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/my-stuff/")
    banner = page.locator(f"#notice-{notice.pk}")
    expect(banner).to_contain_text("Your order ORD-10388 is running late")
    expect(banner).to_contain_text("We are sorry")
    expect(banner.get_by_role("button", name="Talk to us")).to_have_attribute(
        "href", f"/contact/choose/?item={fridge.pk}&reason=where-is-my-order"
    )
    banner.get_by_role("button", name="Cancel and refund").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My Stuff")
    chosen = page.locator(f"#notice-{notice.pk} .notice-chosen")
    expect(chosen).to_contain_text("You chose: Cancel and refund.")
    case = Case.objects.get(item=fridge)
    expect(chosen).to_contain_text(f"We are on it in case {case.reference}")
    assert case.team is not None and case.team.slug == "deliveries"  # the deliveries queue
    assert Promise.objects.get(case=case).description == "We cancel it and refund you in full"
    expect(page.get_by_role("link", name=case.reference).first).to_be_visible()

    chosen.get_by_role("link", name="See what happens next").click()
    expect(page.get_by_text("We cancel it and refund you in full").first).to_be_visible()
    expect(page.get_by_text("You chose: Cancel and refund").first).to_be_visible()
