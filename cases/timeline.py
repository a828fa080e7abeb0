"""How timeline entries read: one entry per thing the customer or an agent did, in the
reader's language.

Entries written by the system store what happened as data (``data["text"]`` names one of
``TEXTS`` and ``data["params"]`` fills it in), so a Dutch reader sees Dutch whatever language
the writer ran in. Entries from before that carry English in ``body``; contact entries are read
from their channel, which they always stored.
"""

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import CaseEvent, CaseEventKind

# The system's own sentences, by key. Never change a key: stored entries name it.
TEXTS = {
    "contact.phone": _("You chose to call us."),
    "contact.callback": _("You asked us to call you back."),
    "contact.chat": _("You started a chat with us."),
    "contact.message": _("You chose to send us a message."),
    "contact.email": _("You emailed us."),
    "call.in": _("You called us."),
    "callback.booked": _("We will call you back on %(phone)s (%(when)s)."),
    "callback.now": _("We will call you back on %(phone)s as soon as we can."),
    "chat.transcript": _("Chat transcript"),
    "promise.late": _(
        "We are late with this: %(what)s. We are sorry; the team is on it and we will update "
        "you here."
    ),
    # Routing work to agents (agents read these; ``why`` is data["why"], see routing_why).
    "routing.rule": _("Routed to %(team)s: %(why)s"),
    "routing.default": _("Routed to %(team)s: default team"),
    "routing.default_before": _("Routed to %(team)s: default team (opened before routing)"),
    "assignment.push": _("Offered to %(agent)s (push)"),
    "assignment.push_waited": _("Offered to %(agent)s (push, once they had room)"),
    "assignment.next": _("%(agent)s took it with Next case"),
    "assignment.take_over": _("Taken over by %(agent)s"),
    "assignment.requeue": _("Back to the queue: %(agent)s went offline before answering"),
}
# The conditions of a routing rule that held, as data["why"] names them.
CONDITIONS = {
    "reason": _("reason %(value)s"),
    "item": _("item %(value)s"),
    "language": _("language %(value)s"),
    "segment": _("segment %(value)s"),
    "lifetime_value": _("lifetime value at least %(value)s"),
    "channel": _("channel %(value)s"),
    "priority": _("priority %(value)s"),
    "rule": _("rule %(value)s"),
}
CHANNEL_NAMES = {
    "message": _("message"),
    "phone": _("phone"),
    "callback": _("callback"),
    "chat": _("chat"),
    "email": _("email"),
    "web": _("web"),
    "feedback": _("feedback"),
}
# How a registered sentence's params read: the stored keys (a kind, a choice) in the reader's
# words. Apps above cases register theirs (``register_text``) as they start.
PARAM_READERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def register_text(
    key: str,
    text: Any,
    read_params: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> None:
    """Add an app's own sentence to ``TEXTS`` (a lazy translation), and how its stored params
    read (given the stored params, it returns the ones to show). Never change a key."""
    assert TEXTS.get(key, text) is text, f"{key} is taken"
    TEXTS[key] = text
    if read_params is not None:
        PARAM_READERS[key] = read_params


# Who said a chat transcript's line (the chat's author kinds).
CHAT_AUTHORS = {"customer": _("Customer"), "agent": _("Agent"), "system": _("System")}
# What the older entries stored, so they read in the reader's language too.
LEGACY_BODIES = {str(text): key for key, text in TEXTS.items() if "%(" not in str(text)}


def stored_text(key: str, **params: Any) -> dict[str, Any]:
    """The ``data`` that makes an entry read ``TEXTS[key]`` in each reader's language."""
    assert key in TEXTS, key
    return {"text": key, "params": {k: _plain(v) for k, v in params.items()}}


def english_text(key: str, **params: Any) -> str:
    """``TEXTS[key]`` in English, for the entry's ``body`` (what older readers and searches
    see); readers see ``event_text`` in their language."""
    from django.utils import translation

    with translation.override("en"):
        shown = _shown_params(key, {k: _plain(v) for k, v in params.items()})
        return str(TEXTS[key]) % shown if shown else str(TEXTS[key])


def _shown_params(key: str, stored: dict[str, Any]) -> dict[str, Any]:
    """A sentence's stored params as the active language shows them: dates in its format,
    registered keys (a notice's kind, a choice) by their names."""
    shown = {k: _param(v) for k, v in stored.items()}
    if key in PARAM_READERS:
        shown |= PARAM_READERS[key](stored)
    return shown


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _param(value: Any) -> Any:
    from core.dates import weekday_and_datetime

    if isinstance(value, str) and len(value) >= 16 and value[4:5] == "-" and "T" in value:
        try:
            return weekday_and_datetime(datetime.fromisoformat(value))
        except ValueError:
            return value
    return value


def _condition_value(what: str, value: str) -> str:
    """A condition's value in the reader's words: a reason's, kind's or segment's name."""
    from django.utils.translation import get_language, get_language_info

    from cases.models import Priority
    from mystuff.models import ItemKind, Segment

    labels: dict[str, Any] = {
        "item": dict(ItemKind.choices),
        "segment": dict(Segment.choices),
        "priority": dict(Priority.choices),
        "channel": CHANNEL_NAMES,
    }
    if what in labels:
        label = labels[what].get(value)
        return str(label) if label else value
    if what == "language":
        try:
            return str(get_language_info(value)["name_translated"])
        except KeyError:
            return value
    if what == "reason":
        language = (get_language() or "en").split("-")[0]
        return _reason_names().get(value, {}).get(language) or value
    return value


def routing_why(why: list[Any]) -> str:
    """The conditions that routed a case (data["why"]: [["reason", "Where is my order?"],
    ...]), in the active language: "reason Where is my order?, language Dutch"."""
    parts = []
    for entry in why:
        if isinstance(entry, list | tuple) and len(entry) == 2 and entry[0] in CONDITIONS:
            what, value = entry
            text = gettext(str(CONDITIONS[what]))
            parts.append(text % {"value": _condition_value(what, str(value))})
        else:  # an unknown condition reads as stored
            parts.append(str(entry))
    return ", ".join(parts)


def event_text(event: CaseEvent) -> str:
    """The entry's words in the active language."""
    data = event.data or {}
    key = data.get("text")
    if key in TEXTS:
        text = gettext(str(TEXTS[key]))
        params = _shown_params(key, data.get("params") or {})
        if key == "routing.rule":
            params["why"] = routing_why(data.get("why") or [])
        head = text % params if params else text
        # A transcript or a note written by the system after its sentence.
        more = transcript_text(data["lines"]) if data.get("lines") else data.get("more")
        return f"{head}\n{more}" if more else head
    if event.kind == CaseEventKind.CONTACT and f"contact.{data.get('channel')}" in TEXTS:
        return gettext(str(TEXTS[f"contact.{data['channel']}"]))
    legacy = LEGACY_BODIES.get(event.body)
    if legacy:
        return gettext(str(TEXTS[legacy]))
    if event.body.startswith("Chat transcript\n"):
        return gettext(str(TEXTS["chat.transcript"])) + event.body[len("Chat transcript") :]
    return event.body


def transcript_text(lines: list[list[str]]) -> str:
    """A chat's lines (``[author kind, ISO time, text]``) in the active language: each time in
    its format, each author by name: "[14:05] Customer: where is it?"."""
    from django.utils import formats, timezone

    out = []
    for kind, at, body in lines:
        try:
            when = formats.time_format(timezone.localtime(datetime.fromisoformat(at)))
        except (TypeError, ValueError):
            when = str(at)
        author = CHAT_AUTHORS.get(kind)
        out.append(f"[{when}] {gettext(str(author)) if author else kind}: {body}")
    return "\n".join(out)


def fold(events: list[CaseEvent]) -> list[CaseEvent]:
    """One entry per thing done: a "you chose to send us a message" entry goes into the message
    that follows it, and each extra file of a message into that message (``event.files``)."""
    folded: list[CaseEvent] = []
    by_contact: dict[Any, CaseEvent] = {}
    for event in events:
        event.files = [event.attachment] if _has_attachment(event) else []  # type: ignore[attr-defined]
        contact_id = (event.data or {}).get("contact_id")
        earlier = by_contact.get(contact_id) if contact_id else None
        if event.kind == CaseEventKind.ATTACHMENT and earlier is not None:
            earlier.files.extend(event.files)  # type: ignore[attr-defined]
            continue
        if (
            event.kind == CaseEventKind.CUSTOMER_MESSAGE
            and earlier is not None
            and earlier.kind == CaseEventKind.CONTACT
            and (earlier.data or {}).get("channel") == "message"
        ):
            folded.remove(earlier)
        if contact_id:
            by_contact[contact_id] = event
        folded.append(event)
    for event in folded:
        event.text = event_text(event)  # type: ignore[attr-defined]
    return folded


def _has_attachment(event: CaseEvent) -> bool:
    try:
        return event.attachment is not None
    except CaseEvent.attachment.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return False


REASON_NAMES_KEY = "cases:reason-names:v1"


def _reason_names() -> dict[str, dict[str, str]]:
    """Every reason's English name -> its names in other languages, cached until one changes."""
    from django.core.cache import cache

    from mystuff.models import ContactReason

    def build() -> dict[str, dict[str, str]]:
        return {
            name: translations
            for name, translations in ContactReason.objects.values_list("name", "translations")
            if translations
        }

    try:
        return cache.get_or_set(REASON_NAMES_KEY, build, 3600) or {}
    except Exception:  # the cache being down must not break a page
        return build()


def forget_reason_names(**kwargs: Any) -> None:
    from django.core.cache import cache

    try:
        cache.delete(REASON_NAMES_KEY)
    except Exception:  # the cache being down: entries expire within the hour anyway
        logging.getLogger(__name__).warning("could not forget reason names", exc_info=True)


# The subject of a case opened with nothing to name it by (no reason, item or words).
FALLBACK_SUBJECT = "Contact"


def case_subject(subject: str, language: str) -> str:
    """A subject made from a reason's name ("Where is my order? · ORD-1") in the reader's
    language; a subject someone wrote stays as written."""
    if language == "en":
        return subject  # reason names are written in English
    if subject == FALLBACK_SUBJECT:
        from django.utils import translation

        with translation.override(language):
            return gettext("Contact")
    head, sep, tail = subject.partition(" · ")
    names = _reason_names().get(head)
    if not names or not names.get(language):
        return subject
    return f"{names[language]}{sep}{tail}"
