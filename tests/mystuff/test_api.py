import re

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from mystuff.models import Customer, Item, ItemStatusChange
from tests.factories import CustomerFactory, UserFactory
from tests.mystuff.factories import issue_key

pytestmark = pytest.mark.django_db


def _order(external_id="ORD-1", customer="CUST-1", **extra):
    data = {
        "source": "shop",
        "external_id": external_id,
        "customer": customer,
        "kind": "order",
        "title": "Dishwasher DW-45",
        "status": "placed",
        "value": "529.00",
        "currency": "EUR",
        "occurred_at": "2026-11-20T10:00:00Z",
        "details": {"lines": [{"sku": "DW-45", "name": "Dishwasher", "quantity": 1}]},
    }
    data.update(extra)
    return data


@pytest.fixture
def shop_customer(db):
    return CustomerFactory(source="shop", external_id="CUST-1")


def test_it_answers_401_without_a_key():
    response = APIClient().post("/api/v1/items/", _order(), format="json")
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


def test_it_answers_401_for_a_wrong_key():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer nh_abcd1234_not-the-secret")
    assert client.post("/api/v1/items/", _order(), format="json").status_code == 401


def test_it_answers_401_for_a_revoked_key():
    key, secret = issue_key()
    key.revoked_at = timezone.now()
    key.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.post("/api/v1/items/", _order(), format="json").status_code == 401


def test_it_answers_403_for_a_key_without_the_ingest_scope():
    _, secret = issue_key(scopes=["cti"])
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=secret)
    response = client.post("/api/v1/items/", _order(), format="json")
    assert response.status_code == 403
    assert "ingest" in response.json()["detail"]


def test_a_session_user_cannot_use_the_api(client, customer):
    client.force_login(UserFactory(role="manager"))
    assert (
        client.post("/api/v1/items/", _order(), content_type="application/json").status_code == 401
    )


def test_it_creates_then_updates_an_item_idempotently(api, shop_customer):
    first = api.post("/api/v1/items/", _order(), format="json")
    assert first.status_code == 201
    assert first.json()["result"] == "created"
    again = api.post("/api/v1/items/", _order(title="Dishwasher DW-45 silver"), format="json")
    assert again.status_code == 200
    assert again.json() == {**first.json(), "result": "updated"}
    item = Item.objects.get()
    assert item.title == "Dishwasher DW-45 silver"
    assert item.customer == shop_customer
    assert item.reference == "ORD-1"


def test_it_keeps_order_status_changes_as_history(api, shop_customer):
    api.post("/api/v1/items/", _order(status="placed"), format="json")
    api.post("/api/v1/items/", _order(status="Out for delivery"), format="json")
    api.post("/api/v1/items/", _order(status="out_for_delivery"), format="json")
    api.post(
        "/api/v1/items/",
        _order(status="delivered", status_changed_at="2026-11-22T15:00:00+01:00"),
        format="json",
    )
    changes = list(ItemStatusChange.objects.order_by("id").values_list("from_status", "to_status"))
    assert changes == [
        ("", "placed"),
        ("placed", "out_for_delivery"),
        ("out_for_delivery", "delivered"),
    ]
    assert (
        ItemStatusChange.objects.order_by("id").last().changed_at.isoformat()
        == "2026-11-22T14:00:00+00:00"
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "spaceship"}, "kind"),
        ({"title": ""}, "title"),
        ({"occurred_at": "yesterday"}, "occurred_at"),
        ({"occurred_at": "2026-11-20T10:00:00"}, "occurred_at"),
        ({"value": "12,50"}, "value"),
        ({"value": "-1"}, "value"),
        ({"currency": "euro"}, "currency"),
        ({"details": {"lines": [{"name": "x", "quantity": 0}]}}, "details.lines[0].quantity"),
        ({"details": {"colour": "red"}}, "details.colour"),
        ({"details": []}, "details"),
        ({"customer": "NOBODY"}, "customer"),
    ],
)
def test_it_names_the_field_of_a_bad_item(api, shop_customer, change, field):
    response = api.post("/api/v1/items/", _order(**change), format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Item.objects.exists()


def test_it_answers_400_for_malformed_json(api):
    response = api.post("/api/v1/items/", "{not json", content_type="application/json")
    assert response.status_code == 400


def test_bulk_answers_per_item_and_stores_the_valid_ones(api, shop_customer):
    api.post("/api/v1/items/", _order("ORD-0"), format="json")
    payload = {
        "items": [
            _order("ORD-0", status="shipped"),
            _order("ORD-2"),
            _order("ORD-3", value="abc"),
            _order("ORD-2"),
            "not an object",
        ]
    }
    response = api.post("/api/v1/items/bulk/", payload, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["created"], body["updated"], body["errors"]) == (1, 1, 3)
    results = body["results"]
    assert [r["result"] for r in results] == ["updated", "created", "error", "error", "error"]
    assert results[2]["errors"] == {"value": "must be a number like 649.00"}
    assert "external_id" in results[3]["errors"]
    assert results[4]["index"] == 4
    assert set(Item.objects.values_list("external_id", flat=True)) == {"ORD-0", "ORD-2"}
    assert Item.objects.get(external_id="ORD-0").status == "shipped"


def test_bulk_takes_a_thousand_items_in_a_handful_of_queries(
    api, shop_customer, django_assert_max_num_queries
):
    items = [_order(f"ORD-{n}") for n in range(1000)]
    # 11: the tenth reads the notice rules, to judge late items the moment they arrive.
    with django_assert_max_num_queries(11):
        response = api.post("/api/v1/items/bulk/", {"items": items}, format="json")
    assert response.json()["created"] == 1000
    assert Item.objects.count() == 1000
    assert ItemStatusChange.objects.count() == 1000


def test_bulk_refuses_more_than_a_thousand_items_with_413(api, shop_customer):
    items = [_order(f"ORD-{n}") for n in range(1001)]
    response = api.post("/api/v1/items/bulk/", {"items": items}, format="json")
    assert response.status_code == 413
    assert not Item.objects.exists()


def test_it_refuses_an_oversized_body_with_413(api, settings):
    response = api.post(
        "/api/v1/items/bulk/",
        '{"items": []}',
        content_type="application/json",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413


def test_bulk_needs_a_list(api):
    response = api.post("/api/v1/items/bulk/", {"items": "nope"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"items": "must be a list of records"}


def test_it_upserts_customers_and_links_the_sign_in_account(api):
    user = UserFactory(email="Jo@Example.org")
    data = {
        "source": "crm",
        "external_id": "C-9",
        "name": "Jo",
        "email": "JO@example.org",
        "segment": "vip",
    }
    response = api.post("/api/v1/customers/", data, format="json")
    assert response.status_code == 201
    customer = Customer.objects.get(source="crm", external_id="C-9")
    assert customer.user == user
    assert customer.email == "jo@example.org"
    response = api.post("/api/v1/customers/", {**data, "phone": "+316"}, format="json")
    assert response.status_code == 200
    customer.refresh_from_db()
    assert (customer.phone, customer.segment, customer.name) == ("+316", "vip", "Jo")


def test_it_names_the_field_of_a_bad_customer(api):
    response = api.post(
        "/api/v1/customers/",
        {"source": "crm", "external_id": "C-1", "email": "nope"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"email": "is not a valid email address"}


def test_customers_bulk_answers_per_customer(api):
    payload = {
        "customers": [
            {"source": "crm", "external_id": "A", "name": "Ann"},
            {"source": "crm", "external_id": "B", "segment": "gold"},
        ]
    }
    body = api.post("/api/v1/customers/bulk/", payload, format="json").json()
    assert [r["result"] for r in body["results"]] == ["created", "error"]
    assert body["results"][1]["errors"]["segment"].startswith("must be one of")


def test_an_erased_customer_stays_erased_when_sent_again(api):
    customer = CustomerFactory(source="crm", external_id="E-1", erased_at=timezone.now(), name="")
    api.post(
        "/api/v1/customers/",
        {"source": "crm", "external_id": "E-1", "name": "Back Again", "segment": "vip"},
        format="json",
    )
    customer.refresh_from_db()
    assert customer.name == ""
    assert customer.segment == "vip"


def test_it_records_when_a_key_was_last_used(api_secret, api):
    from mystuff.models import ApiKey

    api.post("/api/v1/items/bulk/", {"items": []}, format="json")
    assert ApiKey.objects.get().last_used_at is not None


def test_the_schema_lists_the_ingestion_operations(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/items/", "/api/v1/items/bulk/", "/api/v1/customers/"} <= set(paths)


def test_the_docs_page_lists_operations_without_scripts(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "/api/v1/items/bulk/" in html
    assert "Create or update up to 1,000 items" in html
    assert "<code>external_id</code>" in html
    # Works under the strict CSP: only our own scripts and styles, nothing from a CDN.
    for tag in re.findall(r"<(?:script|link)[^>]*>", html):
        assert "http" not in tag, tag


def test_customers_bulk_takes_a_fixed_handful_of_queries(api, django_assert_max_num_queries):
    for n in range(3):
        UserFactory(email=f"c{n}@example.org")
    first = [
        {"source": "crm", "external_id": f"C-{n}", "email": f"c{n}@example.org"} for n in range(300)
    ]
    with django_assert_max_num_queries(12):
        body = api.post("/api/v1/customers/bulk/", {"customers": first}, format="json").json()
    assert body["created"] == 300
    assert Customer.objects.filter(user__isnull=False).count() == 3
    again = [{"source": "crm", "external_id": f"C-{n}", "name": f"Name {n}"} for n in range(300)]
    with django_assert_max_num_queries(12):
        body = api.post("/api/v1/customers/bulk/", {"customers": again}, format="json").json()
    assert body["updated"] == 300
    customer = Customer.objects.get(external_id="C-7")
    assert (customer.name, customer.email) == ("Name 7", "c7@example.org")


# --- Found by the schemathesis fuzz (tests/security/test_api_fuzz.py), on PostgreSQL first.


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "Dish\x00washer"}, "title"),
        ({"external_id": "ORD\x001"}, "external_id"),
        ({"details": {"carrier": "Home\x00Freight"}}, "details.carrier"),
        ({"details": {"lines": [{"name": "x\x00", "quantity": 1}]}}, "details.lines[0].name"),
    ],
)
def test_a_nul_byte_in_an_item_is_a_400_naming_the_field_not_a_500(
    api, shop_customer, change, field
):
    # PostgreSQL cannot store NUL in text or jsonb; it used to reach the database.
    response = api.post("/api/v1/items/", _order(**change), format="json")
    assert response.status_code == 400
    assert response.json()["errors"][field] == "must not contain NUL characters"
    assert not Item.objects.exists()


def test_a_nul_byte_in_a_customer_is_a_400_naming_the_field_not_a_500(api):
    response = api.post(
        "/api/v1/customers/",
        {"source": "crm", "external_id": "C-1", "name": "Ann\x00"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"name": "must not contain NUL characters"}
    assert not Customer.objects.exists()


def test_a_long_external_id_without_a_reference_is_stored_not_a_500(api, shop_customer):
    # The reference defaults to the external id (up to 100 characters) but holds 64.
    external_id = "ORD-" + "7" * 96
    response = api.post("/api/v1/items/", _order(external_id), format="json")
    assert response.status_code == 201
    item = Item.objects.get()
    assert item.external_id == external_id
    assert item.reference == external_id[:64]


def test_a_status_that_grows_when_lower_cased_is_a_400_not_a_500(api, shop_customer):
    # 40 characters as sent, 80 once lower-cased ("İ" becomes "i" and a combining dot).
    response = api.post("/api/v1/items/", _order(status="İ" * 40), format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"status": "must be at most 40 characters"}


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"occurred_at": "0001-01-01T00:00:00+01:00"}, "occurred_at", "is out of range"),
        ({"due_at": "9999-12-31T23:59:00-05:00"}, "due_at", "is out of range"),
        (
            {"occurred_at": "2026-11-20T10:00:00+22:08"},
            "occurred_at",
            "has a time zone offset beyond ±14:00",
        ),
        (
            {"details": {"delivered_at": "2026-11-20T10:00:00-16:00"}},
            "details.delivered_at",
            "has a time zone offset beyond ±14:00",
        ),
    ],
)
def test_a_moment_that_cannot_be_stored_is_a_400_naming_the_field_not_a_500(
    api, shop_customer, change, field, reason
):
    response = api.post("/api/v1/items/", _order(**change), format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {field: reason}


def test_a_moment_at_the_edge_of_the_calendar_is_still_taken_in_utc(api, shop_customer):
    response = api.post("/api/v1/items/", _order(due_at="9999-12-31T23:59:00Z"), format="json")
    assert response.status_code == 201


@pytest.mark.parametrize("url", ["/api/v1/items/", "/api/v1/customers/"])
def test_a_body_that_is_not_an_object_is_a_400_naming_the_body(api, url):
    response = api.post(url, ["not", "an", "object"], format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"body": "must be an object"}


@pytest.mark.parametrize("url", ["/api/v1/items/", "/api/v1/items/bulk/", "/api/v1/customers/"])
def test_malformed_json_is_a_400_naming_the_body(api, url):
    response = api.post(url, '{"items": [', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"body": "is not valid JSON"}
    assert "JSON parse error" in response.json()["detail"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", "source=shop&external_id=C-1"),
        ("text/plain", '{"source": "shop", "external_id": "C-1"}'),
    ],
)
def test_a_body_that_is_not_json_is_a_415_naming_the_body(api, content_type, body):
    # Form bodies used to be parsed too, though they cannot carry details or order lines.
    response = api.post("/api/v1/customers/", body, content_type=content_type)
    assert response.status_code == 415
    assert response.json()["errors"] == {"body": "must be application/json"}
    assert not Customer.objects.exists()


def test_every_refusal_names_what_is_wrong(api, shop_customer):
    too_many = api.post(
        "/api/v1/items/bulk/", {"items": [_order(f"O-{n}") for n in range(1001)]}, format="json"
    )
    assert too_many.status_code == 413
    assert too_many.json()["errors"] == {"items": "must have at most 1000 records"}
    too_big = api.post(
        "/api/v1/items/", "{}", content_type="application/json", CONTENT_LENGTH=str(50 * 1024**2)
    )
    assert too_big.status_code == 413
    assert list(too_big.json()["errors"]) == ["body"]


def test_the_schema_declares_every_refusal_of_every_ingestion_operation(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    for path in ("/api/v1/items/", "/api/v1/items/bulk/", "/api/v1/customers/"):
        operation = paths[path]["post"]
        assert {"400", "401", "403", "413", "415"} <= set(operation["responses"]), path
        assert list(operation["requestBody"]["content"]) == ["application/json"], path


@pytest.mark.parametrize("key", ["nh_ab\x00cd12_secret", "nh_ABCD1234_secret", "nh_abc_secret"])
def test_a_key_that_is_not_one_we_issue_is_a_401_not_a_500(key):
    # A NUL in the prefix reached the key lookup, which PostgreSQL refuses.
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = client.post("/api/v1/customers/", {}, format="json")
    assert response.status_code == 401
    assert "detail" in response.json()
