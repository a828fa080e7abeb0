from decimal import Decimal

import pytest

from mystuff.schemas import clean_customer, clean_details, clean_item, normalise_status

BASE = {
    "source": "shop",
    "external_id": "ORD-1",
    "customer": "C-1",
    "kind": "order",
    "title": "Oven",
    "occurred_at": "2026-11-20T10:00:00Z",
}


@pytest.mark.parametrize(
    ("kind", "details", "errors"),
    [
        ("order", {"lines": [{"name": "Oven", "quantity": 1, "unit_price": "499"}]}, {}),
        ("order", {"lines": [{"quantity": 1}]}, {"details.lines[0].name": "is required"}),
        (
            "order",
            {"lines": [{"name": "x", "quantity": "two"}]},
            {"details.lines[0].quantity": "must be a whole number"},
        ),
        ("order", {"lines": "oven"}, {"details.lines": "must be a list of order lines"}),
        ("order", {"lines": ["oven"]}, {"details.lines[0]": "must be an object"}),
        (
            "order",
            {"delivered_at": "2026-13-01T00:00:00Z"},
            {"details.delivered_at": "is not a real date"},
        ),
        ("quote", {"valid_until": "2026-11-30"}, {}),
        ("appointment", {"window_hours": 30}, {"details.window_hours": "must be between 1 and 24"}),
        ("marketing", {}, {"details.campaign": "is required"}),
        (
            "marketing",
            {"campaign": "Sale", "channel": "pigeon"},
            {"details.channel": "must be one of: email, sms, post, push, phone, web"},
        ),
        (
            "subscription",
            {"period": "weekly"},
            {"details.period": "must be one of: monthly, quarterly, yearly"},
        ),
        (
            "enquiry",
            {"message": "x" * 5000},
            {"details.message": "must be at most 4000 characters"},
        ),
        ("interaction", {"summary": "Called about the oven", "agent": "Sam"}, {}),
    ],
)
def test_details_are_checked_per_kind(kind, details, errors):
    assert clean_details(kind, details)[1] == errors


def test_clean_details_returns_json_ready_values():
    details, _ = clean_details(
        "order", {"lines": [{"name": "Oven", "quantity": "2", "unit_price": 499}]}
    )
    assert details == {"lines": [{"name": "Oven", "quantity": 2, "unit_price": "499.00"}]}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"source": None}, "source", "is required"),
        ({"title": "   "}, "title", "is required"),
        ({"value": "10", "currency": ""}, "currency", "is required when value is given"),
        (
            {"value": "1.234", "currency": "EUR"},
            "value",
            "must have at most 10 digits before and 2 after the decimal point",
        ),
        ({"value": True, "currency": "EUR"}, "value", "must be a number like 649.00"),
        (
            {"occurred_at": "2026-11-20T10:00:00"},
            "occurred_at",
            "needs a time zone, like 2026-11-22T10:00:00Z or +01:00",
        ),
        ({"unknown": 1}, "unknown", None),
        ({"external_id": "x" * 101}, "external_id", "must be at most 100 characters"),
    ],
)
def test_items_name_the_bad_field(change, field, message):
    _, errors = clean_item({**BASE, **change})
    assert field in errors
    if message:
        assert errors[field] == message


def test_item_defaults():
    cleaned, errors = clean_item(
        {**BASE, "status": "Out for Delivery", "value": 12.5, "currency": "eur"}
    )
    assert errors == {}
    assert cleaned["reference"] == "ORD-1"
    assert cleaned["customer_source"] == "shop"
    assert cleaned["status"] == "out_for_delivery"
    assert (cleaned["value"], cleaned["currency"]) == (Decimal("12.50"), "EUR")


def test_a_non_object_item_is_one_clear_error():
    assert clean_item(["nope"])[1] == {"body": "must be an object"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Delivered", "delivered"),
        ("out-for-delivery", "out_for_delivery"),
        ("  In  transit ", "in_transit"),
        ("", ""),
    ],
)
def test_statuses_are_normalised(raw, expected):
    assert normalise_status(raw) == expected


def test_customers_are_checked():
    cleaned, errors = clean_customer(
        {"source": "crm", "external_id": "1", "email": "A@B.NL", "preferred_language": "xx"}
    )
    assert cleaned["email"] == "a@b.nl"
    assert errors == {"preferred_language": "must be one of: en, nl, de, fr, es, it, pt, pl, ar"}
