from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import Feedback, Feeling, Satisfaction


class FeedbackForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you with the outcome?"),
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how satisfied you are, from 1 to 5.")},
    )
    feeling = forms.TypedChoiceField(
        label=_("How did we make you feel?"),
        choices=Feeling.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the words that fit how you felt.")},
    )
    comment = forms.CharField(
        label=_("Anything you'd like to add? (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    follow_up_requested = forms.BooleanField(
        label=_("I'd like someone to follow this up"), required=False
    )

    @classmethod
    def initial_from(cls, feedback: Feedback | None) -> dict:
        if feedback is None:
            return {}
        return {
            "satisfaction": feedback.satisfaction,
            "feeling": feedback.feeling,
            "comment": feedback.comment,
            "follow_up_requested": feedback.follow_up_requested,
        }
