"""Text we take from people and text we hand out: made safe for where it ends up."""

import csv
import re
from collections.abc import Iterable
from typing import Any

# Characters that reorder how text is shown (right-to-left override, isolates, marks): in a
# name or file name they make "Alex <RLO>gnp.exe" read as "Alex exe.png". Arabic text never
# needs them; the browser orders it by itself.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_bidi(text: str) -> str:
    """``text`` without bidi control characters."""
    return BIDI_CONTROLS.sub("", text)


def ltr(text: str) -> str:
    """A phone number kept left to right inside right-to-left text (Unicode isolates): in
    Arabic, "+31 6 1234 5678" would otherwise read "5678 1234 6 31+"."""
    return f"\u2066{text}\u2069" if text else ""


# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and CR, a
# cell that a spreadsheet trims into one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value safe to open in a spreadsheet: text that would start a formula gets a leading
    apostrophe, which spreadsheets show as text. Numbers stay numbers (-5 is not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """``csv.writer`` whose every cell goes through ``csv_cell``: use it for every CSV we write."""

    def __init__(self, stream: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


# Fields people (customers, guests, the back office) type into and the admin shows: names,
# file names and messages. Stripped on every save, so no form or service can forget it. Each
# app registers its own (``register_people_text`` in its ``apps.ready``); model label -> fields.
PEOPLE_TEXT_FIELDS: dict[str, tuple[str, ...]] = {}


def _strip_bidi_before_save(sender: Any, instance: Any, **kwargs: Any) -> None:
    for name in PEOPLE_TEXT_FIELDS.get(sender._meta.label, ()):
        value = getattr(instance, name)
        if isinstance(value, str) and BIDI_CONTROLS.search(value):
            setattr(instance, name, strip_bidi(value))


def register_people_text(model: Any, *fields: str) -> None:
    """These fields of ``model`` hold what people typed: bidi controls go on every save."""
    from django.db.models.signals import pre_save

    label = model._meta.label
    PEOPLE_TEXT_FIELDS[label] = tuple(fields)
    pre_save.connect(_strip_bidi_before_save, sender=model, dispatch_uid=f"strip_bidi_{label}")


def connect() -> None:
    from django.contrib.auth import get_user_model

    register_people_text(get_user_model(), "first_name", "last_name")
