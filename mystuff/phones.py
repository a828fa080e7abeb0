"""Phone numbers in one form (E.164, ``+31612345678``), so a caller's number finds its customer
however either side wrote it. Parsing is ``phonenumbers`` (Google's libphonenumber); numbers
written without a country code are read in ``settings.PHONE_REGION``, the demo country."""

import phonenumbers
from django.conf import settings


def to_e164(number: str, region: str | None = None) -> str:
    """The E.164 form of ``number``; empty when it cannot be a phone number."""
    text = (number or "").strip()
    if not text or len(text) > 64:
        return ""
    candidates = [text]
    if text.isdigit() and not text.startswith("0"):
        # Phone systems often send international numbers without the plus (Zammad's
        # documented CTI examples do: 4930609854180).
        candidates.append("+" + text)
    possible = ""
    for candidate in candidates:
        try:
            parsed = phonenumbers.parse(candidate, region or settings.PHONE_REGION)
        except phonenumbers.NumberParseException:
            continue
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        if phonenumbers.is_valid_number(parsed):
            return e164
        if not possible and phonenumbers.is_possible_number(parsed):
            possible = e164
    return possible


def normalised(number: str) -> str:
    """What we store: the E.164 form, or the text as given when it is not a number we can
    read (kept, never thrown away)."""
    return to_e164(number) or (number or "").strip()
