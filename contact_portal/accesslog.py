"""gunicorn's access log without secrets: the CTI webhook's key, when a phone system sends it
in the path, is written as ``[key]`` (gunicorn.conf.py sets ``logger_class``)."""

import re
from typing import Any

from gunicorn.glogging import Logger

SECRET_IN_PATH = re.compile(r"(/api/v1/cti/)[^/?\s]+")


def redact(text: str) -> str:
    return SECRET_IN_PATH.sub(r"\1[key]", text)


class RedactingLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        for name, value in atoms.items():  # the request line, the path, environ values
            if isinstance(value, str):
                atoms[name] = redact(value)
        for header in ("{authorization}i", "{x-cti-token}i"):
            if header in atoms:
                atoms[header] = "[key]"
        return atoms
