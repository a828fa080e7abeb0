"""The ingestion API's documentation page (the customer's pages are composed in pages.mystuff)."""

import json
from functools import cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@cache
def _api_operations() -> list[dict[str, Any]]:
    """The ingestion operations, read from the generated OpenAPI schema (built once)."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema.get("components", {}).get("schemas", {})

    def fields_of(ref: str) -> list[dict[str, Any]]:
        component = components.get(ref.rsplit("/", 1)[-1], {})
        required = set(component.get("required", []))
        rows = []
        for name, prop in component.get("properties", {}).items():
            refs = [prop.get("$ref", "")] + [p.get("$ref", "") for p in prop.get("oneOf", [])]
            for target in filter(None, refs):
                prop = {**components.get(target.rsplit("/", 1)[-1], {}), **prop}
            kind = prop.get("type") or ""
            if prop.get("type") == "array":
                item_ref = prop.get("items", {}).get("$ref", "")
                kind = f"list of {item_ref.rsplit('/', 1)[-1]}" if item_ref else "list"
            if "enum" in prop:
                kind = "one of: " + ", ".join(str(v) for v in prop["enum"] if v)
            rows.append(
                {
                    "name": name,
                    "type": prop.get("format") or kind or "value",
                    "required": name in required,
                    "description": prop.get("description", ""),
                }
            )
        return rows

    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            ref = body.get("schema", {}).get("$ref", "")
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": operation.get("operationId", ""),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "body_name": ref.rsplit("/", 1)[-1],
                    "fields": fields_of(ref) if ref else [],
                    "responses": sorted(operation.get("responses", {})),
                    "examples": [
                        json.dumps(example.get("value"), indent=2)
                        for example in body.get("examples", {}).values()
                    ],
                }
            )
    return operations


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    return render(request, "mystuff/api_docs.html", {"operations": _api_operations()})
