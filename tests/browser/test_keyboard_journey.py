"""The main journey with the keyboard only: sign in, My Stuff, item, reason, Contact Us, send a
message, see the case. No clicks; every step is reached with Tab and activated with Enter or
Space, and focus is visible on each element reached."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from contact_portal.demo import DEMO_PASSWORD
from mystuff.models import Item

ACTIVE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName,
          text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
          name: el.getAttribute('name') || '', href: el.getAttribute('href') || '',
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                   || style.boxShadow !== 'none'};
}"""


def tab_to(page, matches, limit: int = 80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(ACTIVE)
        if matches(info):
            assert info["outline"], f"no visible focus on {info}"
            return info
    raise AssertionError("never reached the element with Tab")


@pytest.mark.django_db(transaction=True)
def test_the_main_journey_works_with_the_keyboard_alone(page, live_server):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    item = Item.objects.get(source="shop", external_id="ORD-10388")
    page.goto(f"{live_server.url}/accounts/login/")
    tab_to(page, lambda i: i["name"] == "login")
    page.keyboard.type("customer@example.com")
    tab_to(page, lambda i: i["name"] == "password")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/my-stuff/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My Stuff")

    tab_to(page, lambda i: i["href"].endswith(f"/my-stuff/item/{item.pk}/"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/my-stuff/item/{item.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(item.title)

    tab_to(page, lambda i: i["href"].startswith(f"/help/item/{item.pk}/"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/help/item/{item.pk}/"))
    tab_to(page, lambda i: "where is my order" in i["text"].lower())
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"reason=where-is-my-order"))
    expect(page.get_by_role("heading", name="Suggested help")).to_be_visible()

    tab_to(page, lambda i: i["text"] == "Contact Us")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/contact/choose/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("How would you like to contact us?")

    tab_to(page, lambda i: i["tag"] == "TEXTAREA")
    page.keyboard.type("The fridge was due yesterday and nobody came.")
    tab_to(page, lambda i: i["text"] == "Send a message")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/contact/\d+/(message|sent)/"))
    if page.locator("textarea").count():  # a separate message page: write and send
        tab_to(page, lambda i: i["tag"] == "TEXTAREA")
        page.keyboard.type(" Please call me.")
        tab_to(page, lambda i: i["tag"] == "BUTTON" and "send" in i["text"].lower())
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/sent/"))
    expect(page.locator("main")).to_contain_text(re.compile(r"C-\d{6}"))

    tab_to(page, lambda i: re.search(r"/cases/\d+/$", i["href"]) is not None)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"C-\d{6}"))
    expect(page.locator("main")).to_contain_text("The fridge was due yesterday")
