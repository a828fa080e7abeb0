import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, CustomerFactory, ItemFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_a_customer_gives_feedback_on_an_item_then_changes_it(page, live_server, sign_in):
    customer = CustomerFactory()
    item = ItemFactory(customer=customer, reference="ORD-55501", status="delivered")
    sign_in(page, customer.user.email, PASSWORD)
    page.goto(f"{live_server.url}/feedback/item/{item.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your feedback")

    page.get_by_label("4 Satisfied", exact=True).check()
    page.get_by_label("Really valued").check()
    page.get_by_label("Anything you'd like to add? (optional)").fill("Arrived a day early.")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Your feedback has been saved")).to_be_visible()
    expect(page.get_by_label("4 Satisfied", exact=True)).to_be_checked()

    page.get_by_label("2 Dissatisfied", exact=True).check()
    page.get_by_label("I'd like someone to follow this up").check()
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("You asked for a follow-up")).to_be_visible()
    page.get_by_text("Your earlier answers").click()
    expect(page.get_by_role("cell", name="Arrived a day early.").first).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_manager_reads_the_measures(page, live_server, sign_in):
    customer = CustomerFactory()
    from feedback.services import feedback_submit

    feedback_submit(
        customer=customer, item=ItemFactory(customer=customer), satisfaction=5, feeling=4
    )
    manager = UserFactory(role="manager")
    sign_in(page, manager.email, PASSWORD)
    page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Contact volume by channel")).to_be_visible()
    page.get_by_role("link", name="Satisfaction and feeling").click()
    expect(page.get_by_role("heading", name="Outcome satisfaction")).to_be_visible()
    summary = page.locator("#satisfaction .summary")
    expect(summary).to_contain_text("100")
    expect(page.locator("#satisfaction svg title")).to_have_count(1)
    page.get_by_label("Channel").select_option("phone")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#satisfaction .summary")).to_contain_text("Answers")


@pytest.mark.django_db(transaction=True)
def test_the_scale_cards_are_even_on_a_desktop(page, live_server, sign_in):
    customer = CustomerFactory()
    item = ItemFactory(customer=customer, status="delivered")
    sign_in(page, customer.user.email, PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/feedback/item/{item.pk}/")
    for scale in page.locator(".scale-options").all():
        boxes = [option.bounding_box() for option in scale.locator(".scale-option").all()]
        assert len(boxes) == 5
        widths = {round(box["width"]) for box in boxes}
        heights = {round(box["height"]) for box in boxes}
        tops = {round(box["y"]) for box in boxes}
        assert len(widths) == 1 and len(heights) == 1 and len(tops) == 1, boxes
