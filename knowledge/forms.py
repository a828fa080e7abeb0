from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from knowledge.models import Topic


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search help"),
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("For example: delivery, return, warranty")}
        ),
    )


def suggest_attrs(**attrs: object) -> dict[str, object]:
    """Widget attributes that refresh "These may answer it" (#suggestions) as the visitor types:
    htmx sends the field's value to knowledge:suggest after a pause, dropping stale requests."""
    return {
        "hx-get": reverse_lazy("knowledge:suggest"),
        "hx-trigger": "input changed delay:500ms",
        "hx-target": "#suggestions",
        "hx-swap": "innerHTML",
        "hx-sync": "this:replace",
        **attrs,
    }


class AskForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        min_length=10,
        max_length=200,
        help_text=_("One sentence, for example: How do I level my new washing machine?"),
        widget=forms.TextInput(attrs=suggest_attrs()),
    )
    body = forms.CharField(
        label=_("Details (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Do not share order numbers, addresses or other personal details."),
    )
    topic = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Choose a category"))] + Topic.choices, required=False
    )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        min_length=2,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong with this post?"), min_length=3, max_length=300)


class SolvedForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Did this solve it?"), choices=[("yes", _("Yes")), ("no", _("No"))]
    )
