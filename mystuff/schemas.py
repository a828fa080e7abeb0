"""What back-office systems may send us: customers, items, and each kind's ``details``.

Pure functions, no ORM: ``clean_customer`` and ``clean_item`` take decoded JSON (or a CSV row
turned into a dict) and return ``(cleaned, errors)``, where ``errors`` maps a field path such
as ``"details.lines[0].quantity"`` to a sentence an integrator can act on.

Written by hand rather than as DRF serializers because the bulk endpoint validates up to 1,000
items per call and must ingest more than 2,000 items a second; a small table of field specs per
kind does that in microseconds and is the single definition the API, the import command and the
admin share. The DRF serializers in ``mystuff.api`` only *describe* this shape for OpenAPI.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.dateparse import parse_date, parse_datetime

from core.text import strip_bidi
from mystuff.models import ItemKind, Lifecycle, Segment
from mystuff.phones import normalised

Errors = dict[str, str]
MAX_VALUE = Decimal("9999999999.99")
LANGUAGE_CODES = ("en", "nl", "de", "fr", "es", "it", "pt", "pl", "ar")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_UTC_OFFSET = timedelta(hours=14)


# --- Scalar parsers: each returns the parsed value or raises ValueError with the reason.


def parse_text(max_length: int) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError("must be text")
        text = strip_bidi(str(value)).strip()
        if "\x00" in text:
            # PostgreSQL cannot store NUL in text; no system means to send one.
            raise ValueError("must not contain NUL characters")
        if len(text) > max_length:
            raise ValueError(f"must be at most {max_length} characters")
        return text

    return parse


def parse_phone(value: Any) -> str:
    """Stored in E.164 (``mystuff.phones``), so a caller's number finds the customer."""
    return normalised(parse_text(32)(value))


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise ValueError("must be a number like 649.00")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError("must be a number like 649.00") from None
    if not number.is_finite() or number < 0:
        raise ValueError("must be zero or more")
    if number > MAX_VALUE or number != number.quantize(Decimal("0.01")):
        raise ValueError("must have at most 10 digits before and 2 after the decimal point")
    return number.quantize(Decimal("0.01"))


def parse_int(low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError("must be a whole number")
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValueError("must be a whole number") from None
        if not low <= number <= high:
            raise ValueError(f"must be between {low} and {high}")
        return number

    return parse


def parse_moment(value: Any) -> datetime:
    """ISO 8601 with a time zone (``2026-11-22T10:00:00Z``) or a date (midnight UTC)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a date-time like 2026-11-22T10:00:00Z")
    text = value.strip()
    try:
        # A bare date first: parse_datetime would read it as a naive midnight.
        day = parse_date(text) if len(text) == 10 else None
        moment = None if day else parse_datetime(text)
    except ValueError:
        raise ValueError("is not a real date") from None
    if moment is None and day is None:
        raise ValueError("must be a date-time like 2026-11-22T10:00:00Z")
    if moment is None:
        assert isinstance(day, date)
        return datetime.combine(day, time(0), tzinfo=UTC)
    if moment.tzinfo is None:
        raise ValueError("needs a time zone, like 2026-11-22T10:00:00Z or +01:00")
    offset = moment.utcoffset()
    if offset is None or abs(offset) > MAX_UTC_OFFSET:
        # Real zones run from -12:00 to +14:00; PostgreSQL refuses an offset past ±15:59.
        raise ValueError("has a time zone offset beyond ±14:00")
    try:
        # Stored in UTC: a moment at the edge of the calendar (year 1 or 9999) may not fit.
        moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("is out of range") from None
    return moment


def parse_choice(choices: tuple[str, ...] | list[str]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in choices:
            raise ValueError("must be one of: " + ", ".join(choices))
        return str(value)

    return parse


def parse_currency(value: Any) -> str:
    if not isinstance(value, str) or not _CURRENCY.match(value.strip().upper()):
        raise ValueError("must be a three-letter ISO 4217 code like EUR")
    return value.strip().upper()


def parse_email(value: Any) -> str:
    text = parse_text(254)(value).lower()
    if text:
        try:
            validate_email(text)
        except ValidationError:
            raise ValueError("is not a valid email address") from None
    return text


# --- Details per kind.


@dataclass(frozen=True)
class Spec:
    parse: Callable[[Any], Any]
    required: bool = False
    # Personal text: removed when a customer is erased (mystuff.services.customer_erase).
    personal: bool = False


LINE_SPEC: dict[str, Spec] = {
    "sku": Spec(parse_text(64)),
    "name": Spec(parse_text(200), required=True),
    "quantity": Spec(parse_int(1, 100_000), required=True),
    "unit_price": Spec(parse_decimal),
}

DETAILS_SPECS: dict[str, dict[str, Spec]] = {
    ItemKind.ORDER: {
        "lines": Spec(lambda v: v),  # checked by _clean_lines
        "carrier": Spec(parse_text(64)),
        "tracking": Spec(parse_text(64)),
        "tracking_url": Spec(parse_text(500)),
        "delivered_at": Spec(parse_moment),
        "delivery_address": Spec(parse_text(300), personal=True),
        "notes": Spec(parse_text(2000), personal=True),
    },
    ItemKind.QUOTE: {
        "lines": Spec(lambda v: v),
        "valid_until": Spec(parse_moment),
        "notes": Spec(parse_text(2000), personal=True),
    },
    ItemKind.ENQUIRY: {
        "subject": Spec(parse_text(200)),
        "message": Spec(parse_text(4000), personal=True),
        "channel": Spec(parse_text(32)),
        "answered_at": Spec(parse_moment),
    },
    ItemKind.SUBSCRIPTION: {
        "period": Spec(parse_choice(("monthly", "quarterly", "yearly"))),
        "renews_at": Spec(parse_moment),
        "ends_at": Spec(parse_moment),
        "contract": Spec(parse_text(100)),
    },
    ItemKind.APPOINTMENT: {
        "engineer": Spec(parse_text(100)),
        "window_hours": Spec(parse_int(1, 24)),
        "address": Spec(parse_text(300), personal=True),
        "notes": Spec(parse_text(2000), personal=True),
    },
    ItemKind.MARKETING: {
        "campaign": Spec(parse_text(200), required=True),
        "channel": Spec(parse_choice(("email", "sms", "post", "push", "phone", "web"))),
        "opened_at": Spec(parse_moment),
    },
    ItemKind.INTERACTION: {
        "channel": Spec(parse_text(32)),
        "agent": Spec(parse_text(100)),
        "summary": Spec(parse_text(4000), personal=True),
    },
}

REFERENCE_LENGTH = 64
STATUS_LENGTH = 40
KINDS_WITH_LINES = (ItemKind.ORDER, ItemKind.QUOTE)
MAX_LINES = 200


def personal_detail_keys(kind: str) -> list[str]:
    return [name for name, spec in DETAILS_SPECS.get(kind, {}).items() if spec.personal]


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _clean_object(
    data: Any, specs: Mapping[str, Spec], prefix: str, errors: Errors
) -> dict[str, Any]:
    if not isinstance(data, dict):
        errors[prefix.rstrip(".") or "body"] = "must be an object"
        return {}
    cleaned: dict[str, Any] = {}
    for name in data:
        if name not in specs:
            errors[f"{prefix}{name}"] = "is not a field we know; allowed: " + ", ".join(specs)
    for name, spec in specs.items():
        value = data.get(name)
        if value is None or value == "":
            if spec.required:
                errors[f"{prefix}{name}"] = "is required"
            continue
        try:
            cleaned[name] = spec.parse(value)
        except ValueError as exc:
            errors[f"{prefix}{name}"] = str(exc)
    return cleaned


def _clean_lines(value: Any, errors: Errors) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        errors["details.lines"] = "must be a list of order lines"
        return []
    if len(value) > MAX_LINES:
        errors["details.lines"] = f"must have at most {MAX_LINES} lines"
        return []
    lines = []
    for position, line in enumerate(value):
        cleaned = _clean_object(line, LINE_SPEC, f"details.lines[{position}].", errors)
        lines.append({key: _jsonable(v) for key, v in cleaned.items()})
    return lines


def clean_details(kind: str, data: Any) -> tuple[dict[str, Any], Errors]:
    """Validate one kind's details; returns JSON-ready details (decimals and dates as text)."""
    errors: Errors = {}
    specs = DETAILS_SPECS.get(kind)
    if specs is None:
        return {}, {"kind": "must be one of: " + ", ".join(ItemKind.values)}
    if data is None:
        data = {}
    cleaned = _clean_object(data, specs, "details.", errors)
    if "lines" in cleaned:
        cleaned["lines"] = _clean_lines(cleaned["lines"], errors)
    return {key: _jsonable(v) for key, v in cleaned.items()}, errors


# --- Items and customers.

ITEM_SPECS: dict[str, Spec] = {
    "source": Spec(parse_text(50), required=True),
    "external_id": Spec(parse_text(100), required=True),
    "customer": Spec(parse_text(100), required=True),
    "customer_source": Spec(parse_text(50)),
    "kind": Spec(parse_choice(ItemKind.values), required=True),
    "reference": Spec(parse_text(REFERENCE_LENGTH)),
    "title": Spec(parse_text(200), required=True),
    "status": Spec(parse_text(STATUS_LENGTH)),
    "status_changed_at": Spec(parse_moment),
    "value": Spec(parse_decimal),
    "currency": Spec(parse_currency),
    "occurred_at": Spec(parse_moment, required=True),
    "due_at": Spec(parse_moment),
    "details": Spec(lambda v: v),  # checked by clean_details
}

CUSTOMER_SPECS: dict[str, Spec] = {
    "source": Spec(parse_text(50), required=True),
    "external_id": Spec(parse_text(100), required=True),
    "name": Spec(parse_text(200), personal=True),
    "email": Spec(parse_email, personal=True),
    "phone": Spec(parse_phone, personal=True),
    "preferred_language": Spec(parse_choice(LANGUAGE_CODES)),
    "segment": Spec(parse_choice(Segment.values)),
    "lifecycle": Spec(parse_choice(Lifecycle.values)),
    "lifetime_value": Spec(parse_decimal),
}


def clean_item(data: Any) -> tuple[dict[str, Any], Errors]:
    """One item as a back-office system sends it -> model field values, or errors by field.

    ``status`` is lower-cased with spaces as underscores so "Out for delivery" and
    "out_for_delivery" are the same status; ``reference`` defaults to ``external_id``;
    ``customer_source`` defaults to ``source``.
    """
    errors: Errors = {}
    cleaned = _clean_object(data, ITEM_SPECS, "", errors)
    if not isinstance(data, dict):
        return {}, errors
    if "kind" in cleaned:
        details, detail_errors = clean_details(cleaned["kind"], data.get("details"))
        cleaned["details"] = details
        errors.update(detail_errors)
    if cleaned.get("value") is not None and not cleaned.get("currency"):
        errors.setdefault("currency", "is required when value is given")
    if "title" in cleaned and not cleaned["title"]:
        errors.setdefault("title", "is required")
    if not cleaned.get("reference"):
        # A reference holds 64 characters, an external id 100.
        cleaned["reference"] = cleaned.get("external_id", "")[:REFERENCE_LENGTH]
    cleaned.setdefault("customer_source", cleaned.get("source", ""))
    cleaned["status"] = normalise_status(cleaned.get("status", ""))
    if len(cleaned["status"]) > STATUS_LENGTH:  # lower-casing can lengthen text
        errors.setdefault("status", f"must be at most {STATUS_LENGTH} characters")
    cleaned.setdefault("value", None)
    cleaned.setdefault("currency", "")
    cleaned.setdefault("due_at", None)
    cleaned.setdefault("details", {})
    return cleaned, errors


def clean_customer(data: Any) -> tuple[dict[str, Any], Errors]:
    errors: Errors = {}
    cleaned = _clean_object(data, CUSTOMER_SPECS, "", errors)
    return cleaned, errors


def normalise_status(status: str) -> str:
    return "_".join(status.strip().lower().replace("-", " ").split())
