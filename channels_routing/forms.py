import re
import uuid
from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from channels_routing.models import CallbackSlot, ChannelKind, PresenceStatus
from channels_routing.services import attachment_problem, message_files_problem


class _Remembered:
    """A widget whose empty rendering is made once per name and attributes, then reused.

    Rendering a widget goes through the template engine (~0.25 ms), and the channel page renders
    its form on every visit; an empty widget's HTML depends only on its name and attributes.
    """

    _made: dict[str, SafeString]

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        if value not in (None, ""):
            return super().render(name, value, attrs, renderer)  # type: ignore[misc]
        every = {**self.attrs, **(attrs or {})}  # type: ignore[attr-defined]
        key = repr((type(self), id(renderer), name, value, sorted(every.items())))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = super().render(name, value, attrs, renderer)  # type: ignore[misc]
        return made


class RememberedTextarea(_Remembered, forms.Textarea):  # type: ignore[misc]
    _made: dict[str, SafeString] = {}


class FreshKeyInput(forms.HiddenInput):
    """The idempotency key's hidden input: made once, with each form's own key put in.

    Only for keys of 32 hex digits (uuid4().hex); anything else is rendered the usual way."""

    _made: dict[str, SafeString] = {}

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        if not (isinstance(value, str) and re.fullmatch(r"[0-9a-f]{32}", value)):
            return super().render(name, value, attrs, renderer)
        key = repr((id(renderer), name, sorted({**self.attrs, **(attrs or {})}.items())))
        made = self._made.get(key)
        if made is None:
            # "{}" where the value goes; the rest of the input has no braces.
            made = self._made[key] = super().render(name, "{}", attrs, renderer)
        return format_html(made, value)


class ChooseForm(forms.Form):
    description = forms.CharField(
        label=_("In a few words, what do you need? (optional)"),
        required=False,
        max_length=2000,
        widget=RememberedTextarea(attrs={"rows": 3}),
    )
    channel = forms.ChoiceField(choices=ChannelKind.choices)
    idempotency_key = forms.CharField(widget=FreshKeyInput, max_length=64)

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
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
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


class GuestEmailForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"))


class GuestCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the email"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class CallbackForm(forms.Form):
    phone = forms.CharField(label=_("Phone number to call"), max_length=32)
    when = forms.ChoiceField(label=_("When should we call?"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, slots: list[CallbackSlot], allow_now: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        from django.utils import formats, timezone

        choices: list[tuple[str, str]] = (
            [("now", str(_("As soon as possible")))] if allow_now else []
        )
        choices += [
            (
                str(slot.pk),
                formats.date_format(timezone.localtime(slot.starts_at), "DATETIME_FORMAT"),
            )
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
