from django import forms
from django.utils.translation import gettext_lazy as _

from mystuff.models import ItemKind


class TimelineFilterForm(forms.Form):
    """The My Stuff filters. Invalid input is dropped, never an error page."""

    kind = forms.ChoiceField(
        label=_("Show"),
        choices=[("", _("Everything"))] + list(ItemKind.choices),
        required=False,
    )
    q = forms.CharField(label=_("Search by reference"), required=False)
    cursor = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)


class ErasureRequestForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account will be closed and my personal data erased."),
        required=True,
        error_messages={"required": _("Tick the box to confirm you want your data erased.")},
    )
