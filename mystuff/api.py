"""Ingestion REST API for back-office systems, mounted under /api/v1/.

Authentication is an API key per integration (``Authorization: Bearer nh_...`` or
``X-Api-Key``), created in the admin. No key or a bad/revoked key: 401. A key without the
``ingest`` scope: 403. Bodies over ``MAX_BODY_BYTES`` or bulk calls with more than 1,000
records: 413. Bodies are JSON: malformed JSON is a 400, another content type a 415. Every
refusal is ``{"detail": ..., "errors": {field: reason}}`` (``ErrorSerializer``), declared per
operation so the schema covers every answer (tests/security/test_api_fuzz.py checks that).
Validation lives in ``mystuff.schemas``; the serializers below only describe the shapes for
the OpenAPI schema and the docs page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import BaseAuthentication
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    parser_classes,
    permission_classes,
)
from rest_framework.exceptions import AuthenticationFailed, ParseError, UnsupportedMediaType
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from core.parsers import SafeJSONParser as JSONParser
from mystuff.models import ApiKey, ApiScope, ItemKind, Lifecycle, Segment
from mystuff.services import MAX_BULK, UpsertResult, api_key_touch, customers_upsert, items_upsert

MAX_BODY_BYTES: int = getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024) or (
    5 * 1024 * 1024
)


class ApiClient:
    """Stands in for ``request.user`` on API calls: the integration, not a person."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, key: ApiKey):
        self.key = key
        self.pk = None

    def __str__(self) -> str:
        return self.key.name


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[ApiClient, ApiKey] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        raw = header[7:].strip() if header.lower().startswith("bearer ") else ""
        raw = raw or request.META.get("HTTP_X_API_KEY", "").strip()
        if not raw:
            return None
        key = ApiKey.authenticate(raw)
        if key is None:
            raise AuthenticationFailed("Unknown or revoked API key.")
        api_key_touch(key=key)
        return ApiClient(key), key

    def authenticate_header(self, request: Request) -> str:
        # Present so DRF answers 401 (not 403) when the key is missing or wrong.
        return 'Bearer realm="need-help"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "mystuff.api.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An integration's key (nh_...), created in the admin.",
        }


class HasIngestScope(BasePermission):
    message = "This API key does not have the 'ingest' scope."

    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.auth, ApiKey) and ApiScope.INGEST in request.auth.scopes


def _api(func: Any) -> Any:
    # JSON only: records nest (item details, order lines), which form encodings cannot carry.
    func = parser_classes([JSONParser])(func)
    func = permission_classes([HasIngestScope])(func)
    return authentication_classes([ApiKeyAuthentication])(func)


def _body(request: Request) -> tuple[Any, Response | None]:
    """The decoded JSON body, or the 400/413/415 answer naming what is wrong with it."""
    if (too_large := too_large_answer(request)) is not None:
        return None, too_large
    try:
        return request.data, None
    except UnsupportedMediaType as error:
        return None, Response(
            {"detail": str(error.detail), "errors": {"body": "must be application/json"}},
            status=status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
        )
    except ParseError as error:
        return None, Response(
            {"detail": str(error.detail), "errors": {"body": "is not valid JSON"}},
            status=status.HTTP_400_BAD_REQUEST,
        )


def too_large_answer(request: Request) -> Response | None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        return Response(
            {
                "detail": f"Request body is larger than {MAX_BODY_BYTES} bytes.",
                "errors": {"body": f"must be at most {MAX_BODY_BYTES} bytes"},
            },
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    return None


# --- Shapes for the OpenAPI schema (documentation only; see mystuff.schemas).


class OrderLineSerializer(serializers.Serializer):
    sku = serializers.CharField(required=False, max_length=64)
    name = serializers.CharField(max_length=200)
    quantity = serializers.IntegerField(min_value=1)
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)


class CustomerInSerializer(serializers.Serializer):
    source = serializers.CharField(  # type: ignore[assignment]
        min_length=1, max_length=50, help_text="The system that owns this record."
    )
    external_id = serializers.CharField(
        min_length=1, max_length=100, help_text="Its id in that system."
    )
    name = serializers.CharField(required=False, max_length=200)
    email = serializers.EmailField(required=False)
    phone = serializers.CharField(required=False, max_length=32)
    preferred_language = serializers.ChoiceField(
        required=False, choices=[c for c, _ in settings.LANGUAGES]
    )
    segment = serializers.ChoiceField(required=False, choices=Segment.values)
    lifecycle = serializers.ChoiceField(required=False, choices=Lifecycle.values)
    lifetime_value = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)


class ItemInSerializer(serializers.Serializer):
    source = serializers.CharField(min_length=1, max_length=50)  # type: ignore[assignment]
    external_id = serializers.CharField(min_length=1, max_length=100)
    customer = serializers.CharField(
        min_length=1, max_length=100, help_text="The customer's external_id."
    )
    customer_source = serializers.CharField(
        required=False, max_length=50, help_text="Defaults to the item's source."
    )
    kind = serializers.ChoiceField(choices=ItemKind.values)
    reference = serializers.CharField(
        required=False, max_length=64, help_text="Shown to the customer; defaults to external_id."
    )
    title = serializers.CharField(min_length=1, max_length=200)
    status = serializers.CharField(required=False, max_length=40)
    status_changed_at = serializers.DateTimeField(
        required=False, help_text="When the status changed in your system; defaults to now."
    )
    value = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    currency = serializers.CharField(required=False, max_length=3, help_text="ISO 4217, e.g. EUR")
    occurred_at = serializers.DateTimeField(help_text="Placed, issued, booked or sent.")
    due_at = serializers.DateTimeField(
        required=False, help_text="Expected delivery, quote expiry, renewal or visit start."
    )
    details = serializers.DictField(
        required=False,
        allow_null=True,
        help_text="Per kind. order/quote: lines[{sku,name,quantity,unit_price}], carrier, "
        "tracking, tracking_url, delivered_at, valid_until; appointment: engineer, "
        "window_hours, address; subscription: period, renews_at, ends_at, contract; "
        "marketing: campaign, channel, opened_at; enquiry: subject, message, channel, "
        "answered_at; interaction: channel, agent, summary.",
    )


class UpsertResultSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    external_id = serializers.CharField()
    result = serializers.ChoiceField(choices=["created", "updated", "error"])
    id = serializers.IntegerField(required=False)
    errors = serializers.DictField(child=serializers.CharField(), required=False)  # type: ignore[assignment]


class BulkItemsSerializer(serializers.Serializer):
    items = ItemInSerializer(many=True, max_length=MAX_BULK)  # type: ignore[call-arg]


class BulkCustomersSerializer(serializers.Serializer):
    customers = CustomerInSerializer(many=True, max_length=MAX_BULK)  # type: ignore[call-arg]


class BulkAnswerSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    errors = serializers.IntegerField()  # type: ignore[assignment]
    results = UpsertResultSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(required=False)
    errors = serializers.DictField(child=serializers.CharField(), required=False)  # type: ignore[assignment]


ITEM_EXAMPLE = {
    "source": "shop",
    "external_id": "ORD-10388",
    "customer": "CUST-1001",
    "kind": "order",
    "title": "Fridge-freezer FF-620",
    "status": "shipped",
    "value": "1189.00",
    "currency": "EUR",
    "occurred_at": "2026-11-13T10:00:00Z",
    "due_at": "2026-11-21T12:00:00Z",
    "details": {
        "lines": [{"sku": "FF-620", "name": "Fridge-freezer", "quantity": 1, "unit_price": "1099"}],
        "carrier": "HomeFreight",
        "tracking": "HF987654321NL",
    },
}


# Every refusal has the same JSON shape: ``detail`` and/or ``errors`` by field.
REFUSED = {
    400: ErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    413: ErrorSerializer,
    415: ErrorSerializer,
}


def _single(result: UpsertResult) -> Response:
    if result.result == "error":
        return Response({"errors": result.errors}, status=status.HTTP_400_BAD_REQUEST)
    code = status.HTTP_201_CREATED if result.result == "created" else status.HTTP_200_OK
    return Response(result.as_dict(), status=code)


def _bulk(request: Request, key: str, upsert: Any) -> Response:
    body, refused = _body(request)
    if refused is not None:
        return refused
    records = body.get(key) if isinstance(body, dict) else None
    if not isinstance(records, list):
        return Response(
            {"errors": {key: "must be a list of records"}}, status=status.HTTP_400_BAD_REQUEST
        )
    if len(records) > MAX_BULK:
        return Response(
            {
                "detail": f"At most {MAX_BULK} records per call; this one has {len(records)}.",
                "errors": {key: f"must have at most {MAX_BULK} records"},
            },
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    results = upsert(payloads=records)
    counts = {"created": 0, "updated": 0, "error": 0}
    for result in results:
        counts[result.result] += 1
    return Response(
        {
            "created": counts["created"],
            "updated": counts["updated"],
            "errors": counts["error"],
            "results": [result.as_dict() for result in results],
        }
    )


@extend_schema(
    operation_id="items_upsert",
    summary="Create or update one item",
    description="Idempotent by (source, external_id). A new status is kept in the item's history.",
    request=ItemInSerializer,
    responses={
        201: UpsertResultSerializer,
        200: UpsertResultSerializer,
        **REFUSED,
    },
    examples=[OpenApiExample("An order", value=ITEM_EXAMPLE, request_only=True)],
    tags=["ingestion"],
)
@api_view(["POST"])
@_api
def item_upsert(request: Request) -> Response:
    body, refused = _body(request)
    if refused is not None:
        return refused
    return _single(items_upsert(payloads=[body])[0])


@extend_schema(
    operation_id="items_bulk_upsert",
    summary="Create or update up to 1,000 items",
    description="Answers per item: created, updated, or error with the field and reason. "
    "Valid items are stored together; items in error are not stored.",
    request=BulkItemsSerializer,
    responses={
        200: BulkAnswerSerializer,
        **REFUSED,
    },
    tags=["ingestion"],
)
@api_view(["POST"])
@_api
def item_bulk(request: Request) -> Response:
    return _bulk(request, "items", items_upsert)


@extend_schema(
    operation_id="customers_upsert",
    summary="Create or update one customer",
    description="Idempotent by (source, external_id). A customer whose email has a sign-in "
    "account is linked to it.",
    request=CustomerInSerializer,
    responses={
        201: UpsertResultSerializer,
        200: UpsertResultSerializer,
        **REFUSED,
    },
    tags=["ingestion"],
)
@api_view(["POST"])
@_api
def customer_upsert(request: Request) -> Response:
    body, refused = _body(request)
    if refused is not None:
        return refused
    return _single(customers_upsert(payloads=[body])[0])


@extend_schema(
    operation_id="customers_bulk_upsert",
    summary="Create or update up to 1,000 customers",
    request=BulkCustomersSerializer,
    responses={
        200: BulkAnswerSerializer,
        **REFUSED,
    },
    tags=["ingestion"],
)
@api_view(["POST"])
@_api
def customer_bulk(request: Request) -> Response:
    return _bulk(request, "customers", customers_upsert)
