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

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from channels_routing.services import CtiError, cti_event
from mystuff.models import ApiKey, ApiScope


def _payload(request: HttpRequest) -> dict[str, Any] | None:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return None
        return data if isinstance(data, dict) else None
    form: dict[str, Any] = {key: request.POST.get(key) for key in request.POST}
    form.pop("user[]", None)
    form["user"] = request.POST.getlist("user[]") or request.POST.getlist("user")
    return form


@csrf_exempt
@require_POST
def cti(request: HttpRequest, token: str) -> JsonResponse:
    key = ApiKey.authenticate(token)
    if key is None or ApiScope.CTI not in key.scopes:
        return JsonResponse({"error": "unknown or revoked token"}, status=403)
    payload = _payload(request)
    if payload is None:
        return JsonResponse({"errors": {"body": "is not a JSON object"}}, status=400)
    try:
        answer = cti_event(payload=payload)
    except CtiError as error:
        return JsonResponse({"errors": {error.field: error.message}}, status=400)
    return JsonResponse(answer)
