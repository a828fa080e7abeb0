"""Routing and assignment entries written before they were stored as data ("Routed to
Deliveries: reason Where is my order?", "Sam took it with Next case") get the data that makes
them read in each reader's language (``cases.timeline.TEXTS``). Their English body stays; an
entry whose body does not read as one of those sentences is left as it is and shows its body.
"""

import re

from django.db import migrations

ROUTED = "Routed to "
DEFAULT_BEFORE = ": default team (opened before routing)"
DEFAULT = ": default team"
# The words each condition was written with, longest first.
CONDITIONS = [
    ("lifetime value at least ", "lifetime_value"),
    ("reason ", "reason"),
    ("item ", "item"),
    ("language ", "language"),
    ("segment ", "segment"),
    ("channel ", "channel"),
    ("priority ", "priority"),
    ("rule ", "rule"),
]
ASSIGNMENTS = [
    (re.compile(r"Offered to (?P<agent>.+) \(push\)", re.S), "assignment.push"),
    (re.compile(r"(?P<agent>.+) took it with Next case", re.S), "assignment.next"),
    (re.compile(r"Taken over by (?P<agent>.+)", re.S), "assignment.take_over"),
    (
        re.compile(r"Back to the queue: (?P<agent>.+) went offline before answering", re.S),
        "assignment.requeue",
    ),
]


def _condition(words):
    for prefix, what in CONDITIONS:
        if words.startswith(prefix):
            return [what, words[len(prefix) :]]
    return None


def routing_data(body, data):
    """The data for an old routing entry, or None when its body is not one we wrote."""
    if not body.startswith(ROUTED):
        return None
    rest = body[len(ROUTED) :]
    for tail, key in [(DEFAULT_BEFORE, "routing.default_before"), (DEFAULT, "routing.default")]:
        if rest.endswith(tail) and not data.get("why"):
            return {"text": key, "params": {"team": rest[: -len(tail)]}}
    why = [str(words) for words in data.get("why") or []]
    tail = ": " + ", ".join(why)
    conditions = [_condition(words) for words in why]
    if not why or not rest.endswith(tail) or None in conditions:
        return None
    return {"text": "routing.rule", "params": {"team": rest[: -len(tail)]}, "why": conditions}


def assignment_data(body):
    for pattern, key in ASSIGNMENTS:
        found = pattern.fullmatch(body)
        if found:
            return {"text": key, "params": {"agent": found.group("agent")}}
    return None


def entries_as_data(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    old = CaseEvent.objects.filter(kind__in=["routing", "assignment"]).exclude(
        data__has_key="text"
    )
    changed = []
    for event in old.only("id", "kind", "body", "data").iterator(chunk_size=2000):
        data = event.data or {}
        if event.kind == "routing":
            new = routing_data(event.body, data)
        else:
            new = assignment_data(event.body)
        if new is None:
            continue
        event.data = {**data, **new}
        changed.append(event)
        if len(changed) >= 1000:
            CaseEvent.objects.bulk_update(changed, ["data"])
            changed = []
    CaseEvent.objects.bulk_update(changed, ["data"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_case_language")]

    operations = [migrations.RunPython(entries_as_data, migrations.RunPython.noop)]
