"""No page is wider than a phone's screen, left to right or right to left: a page that is wider
opens on a blank area (Arabic once was 11,000 px wide because the skip link was parked at
-9999px, which is not mirrored in right to left)."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from cases.models import Case
from contact_portal.demo import DEMO_PASSWORD
from knowledge.models import Article, ArticleStatus
from mystuff.models import Item

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    item = Item.objects.get(source="shop", external_id="ORD-10388")
    return {
        "item": item,
        "case": Case.objects.filter(customer=item.customer).order_by("id").first(),
        "article": Article.objects.filter(status=ArticleStatus.PUBLISHED).order_by("id").first(),
    }


def _too_wide(page, base: str, paths: list[str]) -> dict[str, int]:
    found = {}
    for path in paths:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, f"{path}: {response}"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            found[path] = width
    return found


@pytest.mark.parametrize("language", ["en", "ar"])
def test_main_customer_pages_fit_a_phone(page, live_server, demo, language):
    page.set_viewport_size(PHONE)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    signed_out = ["/", "/help/", "/accounts/login/", f"/help/articles/{demo['article'].slug}/"]
    assert _too_wide(page, live_server.url, signed_out) == {}
    # By field ids: the labels are in the page's language.
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_login", "customer@example.com")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_load_state()
    item, case = demo["item"], demo["case"]
    signed_in = [
        "/my-stuff/",
        f"/my-stuff/item/{item.pk}/",
        f"/help/item/{item.pk}/",
        f"/contact/choose/?item={item.pk}&reason=where-is-my-order",
        "/cases/",
        f"/cases/{case.pk}/",
        f"/feedback/item/{item.pk}/",
        "/feedback/",
        "/my-stuff/my-data/",
    ]
    assert page.evaluate("document.documentElement.lang") == language
    assert _too_wide(page, live_server.url, signed_in) == {}
