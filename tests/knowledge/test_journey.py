import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from knowledge import services
from knowledge.models import ArticleStatus, Journey, JourneyEventKind, JourneyOutcome
from knowledge.selectors import ReasonOption, reasons_fit_until
from tests.factories import ContactReasonFactory, ItemFactory
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db


def url(item, reason=""):
    path = reverse("knowledge:journey", args=[item.pk])
    return f"{path}?reason={reason}" if reason else path


def test_it_shows_the_reasons_that_fit_the_item_kind(customer_client, item, where_is_my_order):
    ContactReasonFactory(
        slug="visit-time", name="When is the engineer coming?", item_kinds=["appointment"]
    )
    html = customer_client.get(url(item)).content.decode()
    assert "Where is my order?" in html
    assert "When is the engineer coming?" not in html
    assert "Suggested help" in html and "Contact Us" in html
    assert html.count("<h1") == 1


def test_it_shows_reason_names_in_the_customers_language(
    customer_client, customer, item, where_is_my_order
):
    customer.preferred_language = "nl"
    customer.save()
    customer_client.force_login(customer.user)  # the profile language applies from sign-in
    html = customer_client.get(url(item)).content.decode()
    assert "Waar is mijn bestelling?" in html


def test_it_suggests_linked_articles_first_then_search_results(
    customer_client, item, where_is_my_order
):
    make_article("fridge-noise", "Fridge-freezer noises", "Humming is normal.")
    make_article("track", "Track your delivery", "Tracking code.", reasons=[where_is_my_order])
    make_article(
        "visit-only",
        "Engineer visits",
        "x",
        reasons=[where_is_my_order],
        item_kinds=["appointment"],
    )
    response = customer_client.get(url(item, "where-is-my-order"))
    suggestions = response.context["suggestions"]
    assert [s.title for s in suggestions][:2] == ["Track your delivery", "Fridge-freezer noises"]
    assert suggestions[0].linked and not suggestions[1].linked
    assert "Engineer visits" not in response.content.decode()


def test_it_shows_the_second_level_only_where_defined(customer_client, item):
    parent = ContactReasonFactory(slug="damaged-or-wrong", name="Damaged or wrong item")
    ContactReasonFactory(slug="damaged", name="It arrived damaged", parent=parent)
    ContactReasonFactory(slug="billing", name="Billing and payment")
    html = customer_client.get(url(item, "damaged-or-wrong")).content.decode()
    assert "It arrived damaged" in html
    html = customer_client.get(url(item, "billing")).content.decode()
    assert "It arrived damaged" not in html


def test_it_records_the_item_and_reason_and_links_contact_us_to_the_journey(
    customer_client, customer, item, where_is_my_order
):
    response = customer_client.get(url(item, "where-is-my-order"))
    journey = Journey.objects.get()
    assert (journey.customer, journey.item, journey.reason) == (customer, item, where_is_my_order)
    assert journey.events.get().kind == JourneyEventKind.REASON_CHOSEN
    assert f'/contact/choose/?journey={journey.pk}"' in response.content.decode()
    assert customer_client.session["knowledge_journey_id"] == journey.pk


def test_it_continues_the_same_journey_when_the_reason_changes(
    customer_client, item, where_is_my_order
):
    ContactReasonFactory(slug="billing", name="Billing")
    customer_client.get(url(item, "where-is-my-order"))
    customer_client.get(url(item, "billing"))
    journey = Journey.objects.get()
    assert journey.reason.slug == "billing"
    assert journey.events.count() == 2


def test_it_starts_a_new_journey_for_another_item(customer_client, customer, item):
    other = ItemFactory(customer=customer)
    customer_client.get(url(item))
    customer_client.get(url(other))
    assert Journey.objects.count() == 2


def test_it_attributes_articles_opened_from_the_journey(customer_client, item, where_is_my_order):
    make_article("track", "Track your delivery", reasons=[where_is_my_order])
    customer_client.get(url(item, "where-is-my-order"))
    customer_client.get(reverse("knowledge:article", args=["track"]))
    journey = Journey.objects.get()
    assert [e.kind for e in journey.events.all()] == [
        JourneyEventKind.REASON_CHOSEN,
        JourneyEventKind.ARTICLE_OPENED,
    ]


def test_a_yes_ends_the_journey_as_self_help_success(customer_client, item, where_is_my_order):
    make_article("track", "Track your delivery", reasons=[where_is_my_order])
    customer_client.get(url(item, "where-is-my-order"))
    customer_client.post(reverse("knowledge:article_solved", args=["track"]), {"answer": "yes"})
    journey = Journey.objects.get()
    assert journey.outcome == JourneyOutcome.SELF_SOLVED
    assert journey.ended_at is not None


def test_another_customers_item_is_not_found(client, other_customer, item, where_is_my_order):
    client.force_login(other_customer.user)
    assert client.get(url(item)).status_code == 404
    assert not Journey.objects.exists()


def test_staff_without_a_customer_get_404(agent_client, item):
    assert agent_client.get(url(item)).status_code == 404


def test_it_asks_guests_to_sign_in(client, item):
    response = client.get(url(item))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_unknown_reason_just_shows_the_reasons(customer_client, item, where_is_my_order):
    response = customer_client.get(url(item, "nonsense"))
    assert response.status_code == 200
    assert response.context["chosen"] is None


def test_htmx_gets_only_the_help_region(customer_client, item, where_is_my_order):
    response = customer_client.get(url(item, "where-is-my-order"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="journey-help"' in html and "<h1" not in html


@pytest.mark.parametrize("linked", [0, 3, 8])
def test_it_loads_with_a_fixed_number_of_queries(
    customer_client, item, where_is_my_order, django_assert_max_num_queries, linked
):
    for n in range(8):
        reasons = [where_is_my_order] if n < linked else []
        make_article(f"a{n}", f"Fridge-freezer article {n}", reasons=reasons)
    customer_client.get(url(item))  # the journey exists; now pin the reason step
    with django_assert_max_num_queries(17):
        response = customer_client.get(url(item, "where-is-my-order"))
    assert len(response.context["suggestions"]) == 6


def test_it_speaks_the_customers_language(customer_client, customer, item, where_is_my_order):
    customer.preferred_language = "de"
    customer.save()
    customer_client.force_login(customer.user)  # the profile language applies from sign-in
    html = customer_client.get(url(item, "where-is-my-order")).content.decode()
    assert "Vorgeschlagene Hilfe" in html and "Kontakt" in html


def test_search_suggestions_leave_out_articles_for_other_kinds_of_item(
    customer_client, item, where_is_my_order
):
    make_article("fridge-quote", "Fridge-freezer quotes", "x", item_kinds=["quote"])
    make_article("fridge-noise", "Fridge-freezer noises", "x", item_kinds=["order"])
    response = customer_client.get(url(item, "where-is-my-order"))
    assert [s.title for s in response.context["suggestions"]] == ["Fridge-freezer noises"]


def test_the_help_page_header_reads_the_status_and_money_for_people(customer_client, customer):
    from decimal import Decimal

    from django.conf import settings

    order = ItemFactory(
        customer=customer, status="out_for_delivery", value=Decimal("1189.00"), currency="EUR"
    )
    html = customer_client.get(reverse("knowledge:journey", args=[order.pk])).content.decode()
    assert "Out for delivery today" in html and "out_for_delivery" not in html
    assert "€1,189.00" in html
    customer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = customer_client.get(reverse("knowledge:journey", args=[order.pk])).content.decode()
    assert "€\xa01.189,00" in dutch


# --- Served from the page cache once a visit records nothing new


def test_a_visit_that_records_nothing_new_comes_from_the_page_cache(
    customer_client, item, where_is_my_order, django_assert_num_queries, session_queries
):
    make_article("track", "Track your delivery", reasons=[where_is_my_order])
    first = customer_client.get(url(item, "where-is-my-order")).content.decode()
    customer_client.get(url(item, "where-is-my-order"))  # records nothing: rendered and kept
    # (session,) user: the page and its Suggested help come from the cache.
    with django_assert_num_queries(session_queries + 1):
        html = customer_client.get(url(item, "where-is-my-order")).content.decode()
    journey = Journey.objects.get()
    assert journey.events.count() == 1  # the reason chosen, once, as without the cache
    assert "Track your delivery" in html and f'/contact/choose/?journey={journey.pk}"' in html
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"| nonce="[^"]+"')
    assert strip.sub("", html) == strip.sub("", first)


def test_every_reason_chosen_is_recorded_between_cached_visits(
    customer_client, item, where_is_my_order
):
    ContactReasonFactory(slug="billing", name="Billing", item_kinds=["order"])
    for reason in ["where-is-my-order"] * 3 + ["billing"] + ["where-is-my-order"] * 3:
        customer_client.get(url(item, reason))
    journey = Journey.objects.get()
    chosen = [e.reason.slug for e in journey.events.order_by("id")]
    assert chosen == ["where-is-my-order", "billing", "where-is-my-order"]
    assert journey.reason == where_is_my_order


def test_another_browser_of_the_same_customer_starts_its_own_journey(
    customer_client, customer, item, where_is_my_order
):
    for _ in range(3):
        customer_client.get(url(item, "where-is-my-order"))
    other = Client()
    other.force_login(customer.user)  # a new session, without a journey
    html = other.get(url(item, "where-is-my-order")).content.decode()
    assert Journey.objects.count() == 2
    assert f'/contact/choose/?journey={Journey.objects.latest("id").pk}"' in html


def test_a_journey_ended_since_the_page_was_kept_is_not_continued(
    customer_client, item, where_is_my_order
):
    make_article("track", "Track your delivery", reasons=[where_is_my_order])
    for _ in range(3):
        customer_client.get(url(item, "where-is-my-order"))
    customer_client.post(reverse("knowledge:article_solved", args=["track"]), {"answer": "yes"})
    html = customer_client.get(url(item, "where-is-my-order")).content.decode()
    new = Journey.objects.get(outcome=JourneyOutcome.OPEN)
    assert Journey.objects.count() == 2 and f"?journey={new.pk}" in html


def test_help_published_or_linked_after_the_page_was_kept_shows_at_once(
    customer_client, item, where_is_my_order
):
    for _ in range(3):
        customer_client.get(url(item, "where-is-my-order"))
    article = make_article("track", "Track your delivery", reasons=[where_is_my_order])
    assert (
        "Track your delivery"
        in customer_client.get(url(item, "where-is-my-order")).content.decode()
    )
    services.article_set_status(article=article, status=ArticleStatus.DRAFT)
    assert (
        "Track your delivery"
        not in customer_client.get(url(item, "where-is-my-order")).content.decode()
    )
    other = make_article("pay", "Payment methods", "Card or invoice.")
    customer_client.get(url(item, "where-is-my-order"))
    other.reasons.add(where_is_my_order)  # linked in the admin: no save of the article
    assert "Payment methods" in customer_client.get(url(item, "where-is-my-order")).content.decode()


def test_a_reason_that_stops_fitting_the_items_age_goes_from_the_kept_page(
    customer_client, customer
):
    ContactReasonFactory(slug="return", name="Return it", item_kinds=["order"], within_days=30)
    soon = timezone.now() - timedelta(days=30) + timedelta(seconds=2)
    item = ItemFactory(customer=customer, kind="order", due_at=None, occurred_at=soon)
    for _ in range(3):
        assert "Return it" in customer_client.get(url(item)).content.decode()
    time.sleep(2.5)
    assert "Return it" not in customer_client.get(url(item)).content.decode()


def test_reasons_fit_until_the_first_one_outgrows_the_item(item):
    reasons = [
        ContactReasonFactory(slug="a", item_kinds=["order"], within_days=30),
        ContactReasonFactory(slug="b", item_kinds=["order"], within_days=14),
        ContactReasonFactory(slug="c", item_kinds=["order"]),
    ]
    tree = [ReasonOption(reason=r, name=r.name) for r in reasons]
    since = item.due_at or item.occurred_at
    assert reasons_fit_until(tree, item) == since + timedelta(days=14)
    assert reasons_fit_until(tree[2:], item) is None
