from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reporting.selectors import ReportFilters, filter_choices

DEFAULT_DAYS = 30
MAX_DAYS = 366 * 2


class ReportFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    reason = forms.ChoiceField(label=_("Reason"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    item_kind = forms.ChoiceField(label=_("Item kind"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        for name, choices in filter_choices().items():
            self.fields[name].choices = [everything, *choices]  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        elif start and end and (end - start).days > MAX_DAYS:
            self.add_error("date_to", _("Choose a range of at most two years."))
        return data

    def filters(self) -> ReportFilters:
        """The filters to report on; defaults (last 30 days) fill anything left empty."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        today = timezone.localdate()
        end: date = data.get("date_to") or today
        start: date = data.get("date_from") or end - timedelta(days=DEFAULT_DAYS - 1)
        tz = timezone.get_current_timezone()
        return ReportFilters(
            start=datetime.combine(start, time.min, tzinfo=tz),
            end=datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
            channel=data.get("channel", ""),
            reason=data.get("reason", ""),
            team=data.get("team", ""),
            item_kind=data.get("item_kind", ""),
        )
