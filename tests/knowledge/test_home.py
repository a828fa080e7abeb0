import pytest
from django.test import Client
from django.urls import reverse

from knowledge.models import Journey, JourneyEventKind, SearchRecord, Topic
from tests.factories import ItemFactory
from tests.knowledge.factories import make_article, make_question

pytestmark = pytest.mark.django_db
HOME = reverse("knowledge:home")


def test_it_gathers_search_popular_categories_community_and_get_in_touch(client):
    make_article("track", "Track your delivery", topic=Topic.DELIVERIES)
    make_question("Is humming normal?")
    html = client.get(HOME).content.decode()
    assert html.count("<h1") == 1
    for text in [
        "Search help",
        "Popular articles",
        "Categories",
        "Community",
        "Get in Touch",
        "Contact Us",
        "Track your delivery",
        "Deliveries",
        "Is humming normal?",
    ]:
        assert text in html, text


def test_it_searches_highlights_and_records_the_search(client):
    make_article("track", "Track your delivery", "Tracking code for your delivery.")
    html = client.get(HOME, {"q": "delivery"}).content.decode()
    assert "<mark>delivery</mark>" in html
    record = SearchRecord.objects.get()
    assert (record.term, record.results, record.language) == ("delivery", 1, "en")
    journey = Journey.objects.get()
    assert journey.events.get().kind == JourneyEventKind.SEARCH
    assert f"journey={journey.pk}" in html


def test_it_records_searches_that_find_nothing(client):
    response = client.get(HOME, {"q": "gift voucher"})
    assert "Nothing matched" in response.content.decode()
    assert SearchRecord.objects.get().results == 0


def test_it_keeps_what_was_typed_when_it_is_too_long(client):
    response = client.get(HOME, {"q": "x" * 300})
    assert response.status_code == 200
    assert "x" * 300 in response.content.decode()
    assert not SearchRecord.objects.exists()


def test_it_escapes_the_search_term(client):
    html = client.get(HOME, {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in html


def test_htmx_gets_only_the_results(client):
    make_article("track", "Track your delivery")
    response = client.get(HOME, {"q": "delivery"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="search-results"' in html and "<h1" not in html


def test_a_deep_link_to_an_item_opens_its_journey(customer_client, customer):
    item = ItemFactory(customer=customer, reference="ORD-555")
    response = customer_client.get(HOME, {"item": "ORD-555"})
    assert response["Location"] == reverse("knowledge:journey", args=[item.pk])


def test_a_deep_link_to_someone_elses_item_goes_nowhere(customer_client, other_customer):
    ItemFactory(customer=other_customer, reference="ORD-777")
    response = customer_client.get(HOME, {"item": "ORD-777"})
    assert response.status_code == 200
    assert "We could not find ORD-777" in response.content.decode()


def test_a_deep_link_asks_guests_to_sign_in_first(client):
    response = client.get(HOME, {"item": "ORD-555"})
    assert response.status_code == 302
    assert "/accounts/login/?next=" in response["Location"]


def test_it_loads_with_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(10):
        make_article(f"a{n}", f"Article {n}", topic=Topic.BILLING)
        make_question(f"Question number {n}?")
    with django_assert_max_num_queries(6):
        client.get(HOME)


def test_a_signed_in_customer_costs_no_permission_queries(
    customer_client, django_assert_num_queries, session_queries
):
    for n in range(10):
        make_article(f"a{n}", f"Article {n}", topic=Topic.BILLING)
        make_question(f"Question number {n}?")
    # (session,) user, customer, popular articles, their translations, topics, questions:
    # customers are not staff, so the editors' link reads no permissions.
    with django_assert_num_queries(session_queries + 6):
        html = customer_client.get(HOME).content.decode()
    assert "Knowledge gaps" not in html


def test_a_manager_finds_the_knowledge_gaps_link(manager_client):
    html = manager_client.get(HOME).content.decode()
    assert reverse("knowledge:gaps") in html


def test_a_category_lists_its_articles(client):
    make_article("pay", "Payment methods", topic=Topic.BILLING)
    make_article("track", "Track your delivery", topic=Topic.DELIVERIES)
    html = client.get(reverse("knowledge:topic", args=["billing"])).content.decode()
    assert "Payment methods" in html and "Track your delivery" not in html
    assert client.get(reverse("knowledge:topic", args=["nope"])).status_code == 404


@pytest.mark.parametrize("typed", ["ORD-10388", "ord-10388", "10388", "#10388"])
def test_searching_an_order_number_offers_that_order_from_my_stuff(
    customer_client, customer, other_customer, typed
):
    mine = ItemFactory(customer=customer, reference="ORD-10388", title="Fridge-freezer FF-90")
    ItemFactory(customer=other_customer, reference="ORD-10389", title="Not yours")
    make_article("track", "Track your order", "Where is my order number?")
    html = customer_client.get(HOME, {"q": typed}).content.decode()
    assert 'data-testid="own-items"' in html
    assert reverse("knowledge:journey", args=[mine.pk]) in html
    assert "Fridge-freezer FF-90" in html
    # Someone else's number is never offered; it is "not in your stuff".
    html = customer_client.get(HOME, {"q": "ORD-10389"}).content.decode()
    assert "Not yours" not in html and "It is not in your stuff" in html


def test_a_guest_searching_an_order_number_is_asked_to_sign_in(client):
    ItemFactory(reference="ORD-10388", title="Fridge-freezer FF-90")
    html = client.get(HOME, {"q": "ORD-10388"}).content.decode()
    assert "Fridge-freezer" not in html
    assert "/accounts/login/?next=" in html


def test_words_are_not_taken_for_an_order_number(customer_client, customer):
    ItemFactory(customer=customer, reference="ORD-10388")
    html = customer_client.get(HOME, {"q": "fridge hums"}).content.decode()
    assert 'data-testid="own-items"' not in html and "not in your stuff" not in html


# --- The plain page comes from the page cache; searches never do


def test_a_search_is_recorded_every_time_while_the_plain_page_is_cached(customer_client):
    make_article("track", "Track your delivery", topic=Topic.DELIVERIES)
    for _ in range(3):
        customer_client.get(HOME)
    for _ in range(2):
        assert (
            "Track your delivery" in customer_client.get(HOME, {"q": "delivery"}).content.decode()
        )
    assert SearchRecord.objects.filter(term="delivery").count() == 2


def test_the_cached_page_carries_the_sessions_journey(customer_client, customer):
    item = ItemFactory(customer=customer)
    for _ in range(3):
        assert "?journey=" not in customer_client.get(HOME).content.decode()
    customer_client.get(reverse("knowledge:journey", args=[item.pk]))  # starts a journey
    journey = Journey.objects.get()
    for _ in range(3):
        html = customer_client.get(HOME).content.decode()
        assert f'/contact/choose/?journey={journey.pk}"' in html
    other = Client()
    other.force_login(customer.user)  # another browser: no journey in its session
    assert "?journey=" not in other.get(HOME).content.decode()
