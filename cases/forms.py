"""Forms for the customer's case page and the agent's actions in the admin case view."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from cases import rules
from cases.models import Case, CaseStatus, Team
from cases.services import upload_error


class StaffChoiceField(forms.ModelChoiceField):
    """Colleagues by name (their email only when they have no name)."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.email or obj.get_username()


class CustomerMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachment = forms.FileField(label=_("Attach a file (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Filled in per request, in the reader's language (at import it was always English).
        self.fields["attachment"].help_text = _(
            "Photos (PNG or JPEG), PDF or plain text, up to %(mb)s MB."
        ) % {"mb": formats.number_format(round(settings.UPLOAD_MAX_BYTES / (1024 * 1024), 1))}

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            error = upload_error(upload)
            if error:
                raise forms.ValidationError(error)
        return upload

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not (cleaned.get("body") or "").strip()
            and not cleaned.get("attachment")
        ):
            self.add_error("body", _("Write a message or choose a file."))
        return cleaned


# --- Agent actions --------------------------------------------------------------------------


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply to the customer"), widget=forms.Textarea(attrs={"rows": 4})
    )
    status = forms.ChoiceField(label=_("Then set the status to"), required=False, choices=[])

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        targets = [s for s in rules.allowed_targets(case.status) if s != CaseStatus.RESOLVED]
        choices = [("", _("keep as it is"))] + [(s, CaseStatus(s).label) for s in targets]
        self.fields["status"].choices = choices  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note (agents only)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignForm(forms.Form):
    # Every case is in a team's queue (issue 16): a team can be changed, never removed.
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.all(),
        error_messages={"required": _("Choose a team: every case is in a team's queue.")},
    )
    owner = StaffChoiceField(
        label=_("Agent"),
        queryset=User.objects.filter(is_staff=True, is_active=True).order_by("first_name"),
        required=False,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[])
    summary = forms.CharField(
        label=_("Contact summary for the customer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to resolve: what we did and what happens next, in plain words."),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (s, CaseStatus(s).label) for s in rules.allowed_targets(case.status)
        ]
        if case.summary:
            self.fields["summary"].initial = case.summary


class PromiseForm(forms.Form):
    description = forms.CharField(label=_("What will happen"), max_length=300)
    team = forms.ModelChoiceField(label=_("Team that will do it"), queryset=Team.objects.all())
    owner = StaffChoiceField(
        label=_("Person responsible (optional)"),
        queryset=User.objects.filter(is_staff=True, is_active=True).order_by("first_name"),
        required=False,
    )
    due_at = forms.DateTimeField(
        label=_("Due"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    hand_off = forms.BooleanField(label=_("Hand the case over to this team"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["due_at"].initial = rules.default_promise_due(timezone.localtime())

    def clean_due_at(self):
        due = self.cleaned_data["due_at"]
        if due <= timezone.now():
            raise forms.ValidationError(_("A promise needs a due time in the future."))
        return due


class MergeForm(forms.Form):
    into = forms.CharField(
        label=_("Merge this case into (reference)"),
        max_length=20,
        help_text=_("The case that stays, for example C-000123."),
    )
