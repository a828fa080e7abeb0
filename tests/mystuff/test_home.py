from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseStatus
from mystuff.models import ItemKind
from tests.factories import CaseFactory, ItemFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("mystuff:home")


def _items(customer, count, kind=ItemKind.ORDER, start=None):
    start = start or timezone.now()
    return [
        ItemFactory(customer=customer, kind=kind, occurred_at=start - timedelta(hours=n))
        for n in range(count)
    ]


def test_it_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_shows_the_timeline_newest_first(customer_client, customer):
    old = ItemFactory(
        customer=customer, title="Old kettle", occurred_at=timezone.now() - timedelta(days=30)
    )
    new = ItemFactory(customer=customer, title="New oven", occurred_at=timezone.now())
    html = customer_client.get(URL).content.decode()
    assert html.count("<h1") == 1
    assert html.index(new.title) < html.index(old.title)
    assert new.reference in html


def test_it_shows_only_the_customers_own_items(customer_client, customer, other_customer):
    ItemFactory(customer=other_customer, title="Someone else's fridge")
    ItemFactory(customer=customer, title="My fridge")
    html = customer_client.get(URL).content.decode()
    assert "My fridge" in html
    assert "Someone else" not in html


def test_it_shows_status_badges_and_what_is_due(customer_client, customer):
    ItemFactory(
        customer=customer,
        status="late",
        due_at=timezone.now() - timedelta(days=1),
    )
    html = customer_client.get(URL).content.decode()
    assert 'class="badge badge-late">Running late<' in html
    assert "Was expected yesterday" in html


def test_it_filters_by_kind(customer_client, customer):
    ItemFactory(customer=customer, kind=ItemKind.QUOTE, title="Kitchen quote")
    ItemFactory(customer=customer, kind=ItemKind.ORDER, title="Dishwasher order")
    html = customer_client.get(URL, {"kind": "quote"}).content.decode()
    assert "Kitchen quote" in html
    assert "Dishwasher order" not in html
    assert 'aria-current="true">Quote<' in html


def test_it_searches_by_reference(customer_client, customer):
    ItemFactory(customer=customer, reference="ORD-55555", title="Found it")
    ItemFactory(customer=customer, reference="ORD-12121", title="Not this")
    html = customer_client.get(URL, {"q": "5555"}).content.decode()
    assert "Found it" in html
    assert "Not this" not in html


def test_it_ignores_bad_filters_instead_of_failing(customer_client, customer):
    ItemFactory(customer=customer, title="Still shown")
    response = customer_client.get(URL, {"kind": "spaceship", "cursor": "garbage", "q": "x" * 500})
    assert response.status_code == 200
    response = customer_client.get(URL, {"kind": "spaceship", "cursor": "99999999999999999999.1"})
    assert response.status_code == 200
    assert "Still shown" in response.content.decode()


def test_it_says_when_nothing_matches_the_search(customer_client, customer):
    ItemFactory(customer=customer)
    html = customer_client.get(URL, {"q": "NOPE"}).content.decode()
    assert "Nothing matches" in html


def test_it_pages_with_a_cursor_without_gaps_or_repeats(customer_client, customer):
    moment = timezone.now()
    # Same timestamp for several items: the id breaks the tie.
    items = [ItemFactory(customer=customer, occurred_at=moment) for _ in range(25)]
    items += _items(customer, 20, start=moment - timedelta(days=1))
    seen = []
    url = URL
    for _ in range(5):
        response = customer_client.get(url)
        page = response.context["page"]
        seen += [item.pk for item in page.items]
        if not page.next_cursor:
            break
        url = URL + response.context["more_url"]
    assert len(seen) == 45
    assert len(set(seen)) == 45
    assert seen[:25] == sorted((i.pk for i in items[:25]), reverse=True)


def test_the_next_page_over_htmx_is_only_the_rows(customer_client, customer):
    _items(customer, 25)
    first = customer_client.get(URL)
    response = customer_client.get(URL + first.context["more_url"], headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<h1" not in html
    assert html.count('class="timeline-item') == 5


def test_a_new_customer_sees_the_empty_state(customer_client):
    html = customer_client.get(URL).content.decode()
    assert "Nothing here yet" in html
    assert "No cases." in html
    assert "Search by reference" not in html  # nothing to filter yet


def test_a_signed_in_user_without_a_customer_record_sees_the_empty_state(client):
    client.force_login(UserFactory())
    response = client.get(URL)
    assert response.status_code == 200
    assert "Nothing here yet" in response.content.decode()


def test_it_lists_the_customers_cases_open_first(customer_client, customer):
    closed = CaseFactory(customer=customer, subject="Old question", status=CaseStatus.RESOLVED)
    opened = CaseFactory(customer=customer, subject="Where is my fridge", status=CaseStatus.OPEN)
    CaseFactory(subject="Not mine")
    html = customer_client.get(URL).content.decode()
    assert html.index(opened.reference) < html.index(closed.reference)
    assert f'href="/cases/{opened.pk}/"' in html
    assert "Not mine" not in html


@pytest.mark.parametrize("owned", [25, 120])
def test_the_first_and_next_pages_take_a_fixed_number_of_queries(
    customer_client, customer, django_assert_num_queries, owned, session_queries
):
    _items(customer, owned)
    for kind in (ItemKind.QUOTE, ItemKind.APPOINTMENT):
        _items(customer, 2, kind=kind)
    CaseFactory(customer=customer, item=customer.items.first())
    CaseFactory(customer=customer)
    # (session,) user, customer, items, cases, notices
    with django_assert_num_queries(session_queries + 5):
        first = customer_client.get(URL)
    # Then from the page cache until something of the customer's changes: (session,) user.
    with django_assert_num_queries(session_queries + 1):
        customer_client.get(URL)
    more = first.context["more_url"]
    assert more
    with django_assert_num_queries(session_queries + 5):
        customer_client.get(URL + more)
    with django_assert_num_queries(session_queries + 3):
        customer_client.get(URL + more, headers={"HX-Request": "true"})


def test_resolved_cases_stay_findable_from_my_stuff_behind_many_open_ones(
    customer_client, customer
):
    from tests.factories import CaseFactory

    resolved = CaseFactory(customer=customer, status="resolved", subject="Old fridge question")
    for _i in range(6):
        CaseFactory(customer=customer, status="open")
    home = customer_client.get(reverse("mystuff:home")).content.decode()
    assert "Old fridge question" not in home  # the first five are the open ones
    main_nav = home.split('<nav aria-label="Main">')[1].split("</nav>")[0]
    assert f'href="{reverse("cases:home")}"' in main_nav  # on every page, not only here
    cases = customer_client.get(reverse("cases:home")).content.decode()
    assert resolved.reference in cases
