"""DRF's JSON parser, refusing what Python's json accepts but nothing downstream can hold.

* Nesting deeper than the interpreter's recursion limit: ``json`` raises ``RecursionError``
  (a 500 before); here it is a ``ParseError`` (400).
* A lone surrogate (``"\\ud800"``) decodes to a Python string that cannot be encoded as
  UTF-8, so PostgreSQL, the templates and the log all fail on it later; refused up front.
"""

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 64


def _check(data: Any) -> None:
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ParseError(f"JSON is nested more than {MAX_DEPTH} levels deep.")
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ParseError("JSON contains an unpaired surrogate (\\ud800-\\udfff).") from None
        elif isinstance(value, dict):
            stack.extend((k, depth + 1) for k in value)
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


class SafeJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(f"JSON is nested more than {MAX_DEPTH} levels deep.") from None
        _check(data)
        return data
