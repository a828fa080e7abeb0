"""axe-core (WCAG 2.2 AA rules and axe's best practices, such as unique landmarks) on every
customer page, the agent's pages and the reporting pages, signed out and signed in, at phone and
desktop widths. Any violation fails the test, naming rule and node."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from cases.models import Case
from contact_portal.demo import DEMO_PASSWORD
from knowledge.models import Article, ArticleStatus, Question
from mystuff.models import Item

WCAG = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22aa",
            "best-practice",
        ],
    }
}
AXE = Axe()


def _violations(page) -> list[str]:
    results = AXE.run(page, options=WCAG)
    found = []
    for violation in results.response["violations"]:
        for node in violation["nodes"][:3]:
            found.append(
                f"{violation['id']}: {node['target']} {node.get('failureSummary', '')[:160]}"
            )
    return found


def _check(page, base: str, paths: list[str]) -> dict[str, list[str]]:
    problems = {}
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            response = page.goto(base + path)
            assert response is not None and response.status == 200, (
                f"{path}: {response and response.status}"
            )
            found = _violations(page)
            if found:
                problems[f"{width}px {path}"] = found
    return problems


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    customer_item = Item.objects.get(source="shop", external_id="ORD-10388")
    article = Article.objects.filter(status=ArticleStatus.PUBLISHED).order_by("id").first()
    case = Case.objects.filter(customer=customer_item.customer).order_by("id").first()
    question = Question.objects.order_by("id").first()
    return {"item": customer_item, "article": article, "case": case, "question": question}


def test_signed_out_pages_have_no_accessibility_violations(page, live_server, demo):
    paths = [
        "/",
        "/help/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/login/code/",
        "/accounts/password/reset/",
        f"/help/articles/{demo['article'].slug}/",
        "/help/community/",
        _guest_case_with_a_callback(),
    ]
    assert _check(page, live_server.url, paths) == {}


def _guest_case_with_a_callback() -> str:
    """A guest's case page by its secret link, with the callback they can move or cancel."""
    from django.urls import reverse
    from django.utils import timezone

    from cases.models import ChannelKind
    from channels_routing import selectors, services

    customer = services.guest_customer(email="guest@example.net", name="Gus")
    contact = services.contact_create(
        target=selectors.Target(customer),
        channel=ChannelKind.CALLBACK,
        guest_email="guest@example.net",
    )
    slot = selectors.free_slots(timezone.now()).first()
    services.callback_request(contact=contact, phone="+31 6 1234 5678", slot=slot)
    return reverse("channels_routing:guest_case", args=[services.contact_guest_token(contact)])


def test_customer_pages_have_no_accessibility_violations(page, live_server, sign_in, demo):
    sign_in(page, "customer@example.com", DEMO_PASSWORD)
    item, case = demo["item"], demo["case"]
    paths = [
        "/my-stuff/",
        f"/my-stuff/item/{item.pk}/",
        f"/help/item/{item.pk}/",
        f"/help/item/{item.pk}/?reason=where-is-my-order",
        f"/contact/choose/?item={item.pk}&reason=where-is-my-order",
        "/cases/",
        f"/cases/{case.pk}/",
        f"/feedback/item/{item.pk}/",
        "/feedback/",
        "/my-stuff/my-data/",
        "/help/",
    ]
    assert _check(page, live_server.url, paths) == {}


def test_reporting_pages_have_no_accessibility_violations(page, live_server, sign_in, demo):
    sign_in(page, "manager@example.com", DEMO_PASSWORD)
    paths = ["/reports/", "/reports/cases/", "/reports/feedback/", "/reports/self-help/"]
    assert _check(page, live_server.url, paths) == {}


def test_agent_pages_have_no_accessibility_violations(page, live_server, sign_in, demo):
    from urllib.parse import urlencode

    from channels_routing.models import CallRecord
    from channels_routing.services import cti_event

    sign_in(page, "agent@example.com", DEMO_PASSWORD)
    case = demo["case"]
    # An unknown caller to link: the desk's card, and the link page at its last step.
    cti_event(payload={"event": "newCall", "callId": "a11y", "direction": "in", "from": "+3212"})
    cti_event(payload={"event": "hangup", "callId": "a11y"})
    call = CallRecord.objects.get(call_id="a11y")
    chosen = urlencode({"q": case.customer.email, "customer": case.customer.pk})
    paths = [
        f"/contact/desk/call/{call.pk}/link/?{chosen}",
        "/contact/desk/",
        "/help/gaps/",
        "/admin/",
        "/admin/cases/case/",
        f"/admin/cases/case/{case.pk}/change/",
        "/admin/feedback/followuprequest/",
        "/admin/cases/promise/",
    ]
    problems = _check(page, live_server.url, paths)
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
