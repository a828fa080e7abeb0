"""Model changes that open pages hear about (connected in apps.py)."""

from __future__ import annotations

from typing import Any

from core.live import DESK, case_group, publish


def desk_changed(sender: Any, **kwargs: Any) -> None:
    publish(DESK, "desk")


def case_event_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.public:
        publish(case_group(instance.case_id), "case")


def promise_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    publish(case_group(instance.case_id), "case")
