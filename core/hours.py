"""Business hours edited as weekdays and times, stored as the JSON the rules read.

The JSON shape (``{"0": [["08:00", "20:00"]], ..., "6": []}``, Monday is "0") suits the code
(``channels_routing.policy.is_open``, ``cases.rules.add_business_hours``) but not the people
who keep it: ``business_hours_form`` gives a model's admin form one field per weekday, where
``08:00-12:00, 13:00-17:00`` is two periods and an empty field is a closed day.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

PERIOD = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$")


def periods_text(periods: Any) -> str:
    """``[["08:00", "12:00"], ["13:00", "17:00"]]`` as ``08:00-12:00, 13:00-17:00``."""
    if not isinstance(periods, list | tuple):
        return ""
    return ", ".join(
        f"{start}-{end}" for start, end in (p for p in periods if isinstance(p, list | tuple))
    )


def parse_periods(text: str) -> list[list[str]]:
    """The periods typed for one day; ValidationError naming what is wrong."""
    periods: list[list[str]] = []
    for part in (p for p in text.split(",") if p.strip()):
        match = PERIOD.match(part)
        if not match:
            raise forms.ValidationError(
                _("Write the hours like 08:00-17:00; separate two periods with a comma.")
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
            raise forms.ValidationError(_("%(period)s is not a time of day.") % {"period": part})
        if (h2, m2) <= (h1, m1):
            raise forms.ValidationError(
                _("In %(period)s the closing time is not after the opening time.")
                % {"period": part.strip()}
            )
        periods.append([f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"])
    return sorted(periods)


def business_hours_form(model_form: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """``model_form`` with the JSON ``business_hours`` replaced by a field per weekday (the
    admin using it excludes ``business_hours``)."""

    def __init__(self: forms.ModelForm, *args: Any, **kwargs: Any) -> None:
        model_form.__init__(self, *args, **kwargs)
        stored = getattr(self.instance, "business_hours", None) or {}
        for day in range(7):
            self.initial.setdefault(f"hours_{day}", periods_text(stored.get(str(day))))

    def clean(self: forms.ModelForm) -> dict[str, Any]:
        cleaned = model_form.clean(self) or {}
        hours: dict[str, list[list[str]]] = {}
        for day in range(7):
            name = f"hours_{day}"
            try:
                hours[str(day)] = parse_periods(cleaned.get(name) or "")
            except forms.ValidationError as error:
                self.add_error(name, error)
        self.instance.business_hours = hours
        return cleaned

    attrs: dict[str, Any] = {
        f"hours_{day}": forms.CharField(
            label=WEEKDAYS[day],
            required=False,
            max_length=100,
            help_text=_("For example 08:00-20:00, or 08:00-12:00, 13:00-17:00. Empty: closed.")
            if day == 0
            else "",
            widget=forms.TextInput(attrs={"placeholder": "08:00-17:00", "size": 28}),
        )
        for day in range(7)
    }
    attrs |= {"__init__": __init__, "clean": clean, "__module__": __name__}
    metaclass: Any = type(model_form)
    return metaclass(f"{model_form.__name__}WithHours", (model_form,), attrs)


HOURS_FIELDS = tuple(f"hours_{day}" for day in range(7))


class BusinessHoursAdmin:
    """Mixed into an admin using ``business_hours_form``: who may only view the object sees
    the same weekdays, read-only."""


def _shown(day: int) -> Any:
    def show(self: Any, obj: Any) -> str:
        return periods_text((obj.business_hours or {}).get(str(day))) or str(_("closed"))

    show.short_description = WEEKDAYS[day]  # type: ignore[attr-defined]
    return show


for _day in range(7):
    setattr(BusinessHoursAdmin, f"hours_{_day}", _shown(_day))
