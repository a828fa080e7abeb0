import uuid
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from cases.models import ChannelKind
from channels_routing.models import CallbackSlot, PresenceStatus
from channels_routing.services import attachment_problem, message_files_problem
from knowledge.forms import suggest_attrs
from mystuff.models import Customer


class ChooseForm(forms.Form):
    description = forms.CharField(
        label=_("In a few words, what do you need? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    channel = forms.ChoiceField(choices=ChannelKind.choices)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, offered: list[str], **kwargs: Any):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        self.offered = offered

    def clean_channel(self) -> str:
        channel = self.cleaned_data["channel"]
        if channel not in self.offered:
            raise forms.ValidationError(
                _("That way of contacting us is not available right now; please choose another.")
            )
        return channel


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs=suggest_attrs(rows=6)),
    )
    attachments = MultipleFileField(
        label=_("Add files (pictures, PDF or text, optional)"), required=False
    )

    def clean_attachments(self) -> list:
        files = self.cleaned_data.get("attachments") or []
        problems: list[str] = [p for p in (attachment_problem(f) for f in files) if p]
        if not problems and (too_much := message_files_problem(files)):
            raise forms.ValidationError(too_much)
        if problems:
            problems.append(str(_("Your message is kept; please choose the files again.")))
            raise forms.ValidationError(problems)
        return files


class GuestCaseMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Add a message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class GuestEmailForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"))


class GuestCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the email"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


def slot_label(slot: CallbackSlot) -> str:
    """A slot as the customer reads it: weekday, date and time in their language."""
    local = timezone.localtime(slot.starts_at)
    return f"{formats.date_format(local, 'l')} {formats.date_format(local, 'DATETIME_FORMAT')}"


class CallbackChangeForm(forms.Form):
    when = forms.ChoiceField(label=_("Choose another time"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, slots: list[CallbackSlot], **kwargs: Any):
        super().__init__(*args, **kwargs)
        when = self.fields["when"]
        assert isinstance(when, forms.ChoiceField)
        when.choices = [(str(slot.pk), slot_label(slot)) for slot in slots]
        self.slots = {str(slot.pk): slot for slot in slots}

    def chosen_slot(self) -> CallbackSlot:
        return self.slots[self.cleaned_data["when"]]


class CallbackForm(forms.Form):
    phone = forms.CharField(
        label=_("Phone number to call"),
        max_length=32,
        # Typed and shown left to right, on the phone's number pad, in Arabic pages too.
        widget=forms.TextInput(attrs={"type": "tel", "dir": "ltr", "autocomplete": "tel"}),
    )
    when = forms.ChoiceField(label=_("When should we call?"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, slots: list[CallbackSlot], allow_now: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        from django.utils.text import capfirst

        from core.dates import day_and_time

        choices: list[tuple[str, str]] = (
            [("now", str(_("As soon as possible")))] if allow_now else []
        )
        choices += [
            # "Tomorrow, 09:00", "Friday 5 December, 11:00": the weekday, not only a date.
            (str(slot.pk), _slot_label(slot.starts_at, capfirst(day_and_time(slot.starts_at))))
            for slot in slots
        ]
        when = self.fields["when"]
        assert isinstance(when, forms.ChoiceField)
        when.choices = choices
        self.slots = {str(slot.pk): slot for slot in slots}

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = [ch for ch in phone if ch.isdigit()]
        if len(digits) < 6 or any(ch not in "+0123456789 ()-" for ch in phone):
            raise forms.ValidationError(_("Enter a phone number, like +31 6 1234 5678."))
        return phone

    def chosen_slot(self) -> CallbackSlot | None:
        return self.slots.get(self.cleaned_data["when"])


class ChatForm(forms.Form):
    body = forms.CharField(label=_("Your message"), max_length=4000)


class PresenceForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PresenceStatus.choices)


class CallFindForm(forms.Form):
    """After a call from an unknown number: find who it was."""

    q = forms.CharField(
        label=_("Who called? Their email address, phone number or name"),
        max_length=254,
        help_text=_(
            "Any customer by the email address or phone number they give you; a name finds "
            "the customers of your teams' cases."
        ),
        error_messages={"required": _("Type their email address, phone number or name.")},
    )

    def __init__(self, *args: Any, agent: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agent = agent
        self.found: Any = None

    def clean_q(self) -> str:
        from channels_routing.selectors import call_link_customers

        term = self.cleaned_data["q"].strip()
        self.found = call_link_customers(term, user=self.agent)
        if not self.found.customers:
            raise forms.ValidationError(
                _("Nobody found. Ask the caller for the email address or phone number we have.")
            )
        return term


class CallPickForm(forms.Form):
    """The customer it was, among those found."""

    customer = forms.TypedChoiceField(
        label=_("Choose the customer"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who called."),
            "invalid_choice": _("Choose who called."),
        },
    )

    def __init__(self, *args: Any, customers: list[Customer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.customers = {customer.pk: customer for customer in customers}
        field = self.fields["customer"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(customer.pk, _caller_label(customer)) for customer in customers]

    def clean_customer(self) -> Customer:
        return self.customers[self.cleaned_data["customer"]]


def _caller_label(customer: Customer) -> str:
    return " · ".join(part for part in (customer.name, customer.email, customer.phone) if part)


NEW_CASE = "new"


class CallCaseForm(forms.Form):
    """Which of the customer's open cases the call was about, or a new one."""

    case = forms.ChoiceField(
        label=_("Which case was the call about?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of their cases or a new case."),
            "invalid_choice": _("Choose one of their cases or a new case."),
        },
    )

    def __init__(self, *args: Any, cases: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cases = {str(case.pk): case for case in cases}
        choices = [
            (str(case.pk), f"{case.reference} · {case.subject} ({case.get_status_display()})")
            for case in cases
        ]
        field = self.fields["case"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [*choices, (NEW_CASE, _("A new case"))]
        if not cases:
            self.fields["case"].initial = NEW_CASE

    def clean_case(self) -> Any:
        """The chosen case, or None for a new case."""
        return self.cases.get(self.cleaned_data["case"])


def _slot_label(moment: Any, label: str) -> str:
    """ "Tomorrow, 10:00 (Friday)": today and tomorrow say their weekday too."""
    from django.utils import formats, timezone

    local = timezone.localtime(moment)
    if (local.date() - timezone.localdate()).days in (0, 1):
        return f"{label} ({formats.date_format(local, 'l')})"
    return label
