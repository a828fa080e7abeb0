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
    phone = forms.CharField(label=_("Phone number to call"), max_length=32)
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


class CallLinkForm(forms.Form):
    """After a call from an unknown number: who it was, and (optionally) which case."""

    customer = forms.CharField(
        label=_("Customer's email address or phone number"),
        max_length=254,
        help_text=_("As the caller told you; phone numbers may be written any way."),
    )
    case = forms.CharField(
        label=_("Case reference (optional)"),
        max_length=20,
        required=False,
        help_text=_("Leave empty to put the call on the customer's open general case."),
    )

    def __init__(self, *args: Any, agent: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agent = agent

    def clean_customer(self) -> Customer:
        from channels_routing.selectors import customer_by_phone

        given = self.cleaned_data["customer"].strip()
        customer = None
        if "@" in given:
            customer = (
                Customer.objects.filter(email__iexact=given, erased_at__isnull=True)
                .order_by("-updated_at")
                .first()
            )
        else:
            customer = customer_by_phone(given)
        if customer is None:
            raise forms.ValidationError(_("No customer has this email address or phone number."))
        return customer

    def clean(self) -> dict[str, Any]:
        from cases.models import parse_case_reference
        from cases.selectors import cases_visible_to

        cleaned = super().clean() or {}
        reference = (cleaned.get("case") or "").strip()
        customer = cleaned.get("customer")
        cleaned["case_obj"] = None
        if reference and customer is not None:
            pk = parse_case_reference(reference)
            case = (
                cases_visible_to(self.agent).filter(pk=pk, customer=customer).first()
                if pk
                else None
            )
            if case is None:
                self.add_error("case", _("This customer has no case with this reference."))
            cleaned["case_obj"] = case
        return cleaned


def _slot_label(moment: Any, label: str) -> str:
    """ "Tomorrow, 10:00 (Friday)": today and tomorrow say their weekday too."""
    from django.utils import formats, timezone

    local = timezone.localtime(moment)
    if (local.date() - timezone.localdate()).days in (0, 1):
        return f"{label} ({formats.date_format(local, 'l')})"
    return label
