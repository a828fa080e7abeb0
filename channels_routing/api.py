"""The phone-system webhook, in the generic CTI shape Zammad's CTI API uses.

POST /api/v1/cti/ with the key in ``Authorization: Bearer <key>`` (or ``X-CTI-Token``), or
POST /api/v1/cti/<token>/ for phone systems that can only call a URL; a form-encoded or JSON
body:
``event`` (newCall | answer | hangup), ``callId``, ``from``, ``to``, ``direction`` (in | out),
``user`` (one name, or several as ``user[]``), ``queue``, ``cause``, ``answeringNumber``.

The caller is matched by the reference code shown on the Call us page, taken from ``code``
(or ``dtmf``) when the phone system collects it, or from ``queue`` when the system routes the
keyed-in digits as the queue name; failing that, by the caller's number (E.164, numbers
without a country code read in ``PHONE_REGION``) to a customer. Every incoming call is a
contact on the phone channel (an unknown caller's too), so speed of answer and abandonment
cover every call; outbound calls are kept on the customer and their open case. Every event
gets a JSON answer; for ``newCall`` it says who is calling, about what, their open cases,
latest items and last contacts (the screen pop). The URL works with and without the
trailing slash.

The token is an API key (``mystuff.ApiKey``) with the ``cti`` scope; without it: 403. Values
must be plain text within the lengths ``CtiEventSerializer`` documents (no NUL characters,
which PostgreSQL cannot store); otherwise a 400 naming the field, as for any malformed event.
"""

from typing import Any

from django.http import QueryDict
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    parser_classes,
    permission_classes,
)
from rest_framework.exceptions import ParseError, UnsupportedMediaType
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from channels_routing.services import CtiError, cti_event
from core.parsers import SafeJSONParser as JSONParser
from mystuff.api import ErrorSerializer, too_large_answer
from mystuff.models import ApiKey, ApiScope

# Longest text we keep per field (the CallRecord columns, or a generous cap for the rest).
CTI_TEXT_FIELDS: dict[str, int] = {
    "event": 20,
    "callId": 100,
    "from": 64,
    "to": 64,
    "direction": 10,
    "queue": 100,
    "cause": 40,
    "answeringNumber": 64,
    "code": 32,
    "dtmf": 32,
}
MAX_USERS = 50


def _header_token(request: Request) -> str:
    """The key from ``Authorization: Bearer <key>`` or ``X-CTI-Token: <key>``."""
    bearer = request.headers.get("Authorization", "")
    if bearer.lower().startswith("bearer "):
        return bearer[7:].strip()
    return request.headers.get("X-CTI-Token", "").strip()


def _payload(data: Any) -> dict[str, Any] | None:
    if isinstance(data, QueryDict):  # form-encoded: user or user[] may repeat
        form: dict[str, Any] = {key: data.get(key) for key in data}
        form.pop("user[]", None)
        form["user"] = data.getlist("user[]") or data.getlist("user")
        return form
    return data if isinstance(data, dict) else None


def _text_error(value: Any, max_length: int) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return "must be text"
    text = str(value)
    if "\x00" in text:
        return "must not contain NUL characters"
    if len(text) > max_length:
        return f"must be at most {max_length} characters"
    return None


def _payload_errors(payload: dict[str, Any]) -> dict[str, str]:
    """What the phone system sent wrong, by field; values we store must be plain text."""
    errors: dict[str, str] = {}
    for name, max_length in CTI_TEXT_FIELDS.items():
        value = payload.get(name)
        if value is not None and (error := _text_error(value, max_length)):
            errors[name] = error
    users = payload.get("user")
    if users is not None:
        names = [users] if isinstance(users, str) else users
        if not isinstance(names, list) or len(names) > MAX_USERS:
            errors["user"] = f"must be a name or a list of at most {MAX_USERS} names"
        else:
            for name in names:
                if error := _text_error(name, 150):
                    errors["user"] = error
                    break
    return errors


class CtiEventSerializer(serializers.Serializer):
    """One call event. Unknown fields are ignored; text longer than shown is refused."""

    # Describes the body for the schema and the docs; the checks are _payload_errors and
    # channels_routing.services.cti_event.

    event = serializers.ChoiceField(choices=["newCall", "answer", "hangup"])
    callId = serializers.CharField(max_length=100)  # the CTI field name
    direction = serializers.ChoiceField(
        choices=["in", "out"], required=False, help_text="Required for newCall."
    )
    user = serializers.ListField(
        child=serializers.CharField(max_length=150),
        max_length=MAX_USERS,
        required=False,
        help_text="Agent name(s); form bodies may repeat user[].",
    )
    queue = serializers.CharField(max_length=100, required=False)
    cause = serializers.CharField(max_length=40, required=False)
    answeringNumber = serializers.CharField(max_length=64, required=False)
    code = serializers.CharField(
        max_length=32, required=False, help_text="Reference code keyed in by the caller."
    )
    dtmf = serializers.CharField(max_length=32, required=False)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        # "from" and "to" are Python keywords, so they cannot be declared as attributes.
        fields["from"] = serializers.CharField(
            max_length=64, required=False, help_text="Caller's number; required for newCall."
        )
        fields["to"] = serializers.CharField(max_length=64, required=False)
        return fields


class CtiCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    subject = serializers.CharField()
    status = serializers.CharField()


class CtiItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    reference = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()


class CtiContactSerializer(serializers.Serializer):
    channel = serializers.CharField()
    channel_label = serializers.CharField()
    requested_at = serializers.DateTimeField()
    case = serializers.CharField(allow_null=True)


class CtiCallerSerializer(serializers.Serializer):
    matched_by = serializers.ChoiceField(
        choices=["code", "phone"],
        allow_null=True,
        help_text="code: the reference code; phone: the caller's number (E.164) is a customer's.",
    )
    contact_id = serializers.IntegerField()
    case = serializers.CharField(allow_null=True)
    customer = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_null=True)
    item = serializers.CharField(allow_null=True)
    open_cases = CtiCaseSerializer(many=True)
    recent_items = CtiItemSerializer(many=True)
    last_contacts = CtiContactSerializer(many=True)


class CtiAnswerSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    callId = serializers.CharField()
    caller = CtiCallerSerializer(
        allow_null=True,
        help_text="Who is calling (newCall); null for a number we do not know (the call is "
        "still a contact, which an agent links to a customer after the call).",
    )


class CtiRefusedSerializer(serializers.Serializer):
    error = serializers.CharField()


# The two ways in (key in a header, key in the path) share the body and the answers.
CTI_SCHEMA: dict[str, Any] = {
    "tags": ["cti"],
    "request": {
        "application/json": CtiEventSerializer,
        "application/x-www-form-urlencoded": CtiEventSerializer,
        "multipart/form-data": CtiEventSerializer,
    },
    "responses": {
        200: CtiAnswerSerializer,
        400: ErrorSerializer,
        403: CtiRefusedSerializer,
        413: ErrorSerializer,
        415: ErrorSerializer,
    },
    "examples": [
        OpenApiExample(
            "newCall with a reference code",
            value={
                "event": "newCall",
                "callId": "4711",
                "from": "+31612345678",
                "to": "+31201234567",
                "direction": "in",
                "user": ["Sam"],
                "code": "12345678",
            },
            request_only=True,
        )
    ],
}


@extend_schema(
    operation_id="cti_event_header",
    summary="Phone-system call event (generic CTI), key in a header",
    parameters=[
        OpenApiParameter(
            "Authorization",
            str,
            OpenApiParameter.HEADER,
            description="Bearer <key> (or send the key as X-CTI-Token).",
        )
    ],
    **CTI_SCHEMA,
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])  # the secret key in the header is the credential
@parser_classes([JSONParser, FormParser, MultiPartParser])
def cti_header(request: Request) -> Response:
    # The key in a header stays out of access logs (a key in the path is redacted there:
    # contact_portal.accesslog).
    return _cti(request, _header_token(request))


@extend_schema(
    operation_id="cti_event",
    summary="Phone-system call event (generic CTI), key in the path",
    **CTI_SCHEMA,
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])  # the secret token in the path is the credential
@parser_classes([JSONParser, FormParser, MultiPartParser])
def cti(request: Request, token: str) -> Response:
    return _cti(request, token)


def _cti(request: Request, token: str) -> Response:
    key = ApiKey.authenticate(token)
    if key is None or ApiScope.CTI not in key.scopes:
        return Response({"error": "unknown or revoked token"}, status=403)
    if (too_large := too_large_answer(request)) is not None:
        return too_large
    try:
        payload = _payload(request.data)
    except UnsupportedMediaType as error:
        return Response(
            {"detail": str(error.detail), "errors": {"body": "must be JSON or a form"}}, status=415
        )
    except ParseError as error:
        return Response(
            {"detail": str(error.detail), "errors": {"body": "is not valid"}}, status=400
        )
    if payload is None:
        return Response({"errors": {"body": "is not a JSON object"}}, status=400)
    if errors := _payload_errors(payload):
        return Response({"errors": errors}, status=400)
    try:
        answer = cti_event(payload=payload, key_id=str(key.pk))
    except CtiError as error:
        return Response({"errors": {error.field: error.message}}, status=400)
    return Response(answer)
