"""The phone-system webhook, in the generic CTI shape Zammad's CTI API uses.

POST /api/v1/cti/<token>/ with a form-encoded or JSON body:
``event`` (newCall | answer | hangup), ``callId``, ``from``, ``to``, ``direction`` (in | out),
``user`` (one name, or several as ``user[]``), ``queue``, ``cause``, ``answeringNumber``.

The caller is matched by the reference code shown on the Call us page, taken from ``code``
(or ``dtmf``) when the phone system collects it, or from ``queue`` when the system routes the
keyed-in digits as the queue name; failing that, by the caller's number. Every event gets a
JSON answer; for ``newCall`` it says who is calling and about what (the screen pop).

The token is an API key (``mystuff.ApiKey``) with the ``cti`` scope.
"""

from typing import Any

from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    parser_classes,
    permission_classes,
)
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from channels_routing.services import CtiError, cti_event
from mystuff.models import ApiKey, ApiScope


def _payload(request: Request) -> dict[str, Any] | None:
    data = request.data
    if isinstance(data, QueryDict):  # form-encoded: user or user[] may repeat
        form: dict[str, Any] = {key: data.get(key) for key in data}
        form.pop("user[]", None)
        form["user"] = data.getlist("user[]") or data.getlist("user")
        return form
    return data if isinstance(data, dict) else None


@extend_schema(
    summary="Phone-system call event (generic CTI)",
    request={
        "application/json": OpenApiTypes.OBJECT,
        "application/x-www-form-urlencoded": OpenApiTypes.OBJECT,
    },
    responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 403: OpenApiTypes.OBJECT},
    examples=[
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
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])  # the secret token in the path is the credential
@parser_classes([JSONParser, FormParser, MultiPartParser])
def cti(request: Request, token: str) -> Response:
    key = ApiKey.authenticate(token)
    if key is None or ApiScope.CTI not in key.scopes:
        return Response({"error": "unknown or revoked token"}, status=403)
    payload = _payload(request)
    if payload is None:
        return Response({"errors": {"body": "is not a JSON object"}}, status=400)
    try:
        answer = cti_event(payload=payload)
    except CtiError as error:
        return Response({"errors": {error.field: error.message}}, status=400)
    return Response(answer)
