from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
import uuid
from datetime import datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import selectors as case_selectors
from cases.models import Case, ChannelKind, Contact
from cases.services import CaseError, case_customer_message, case_files_problem, case_reply
from cases.timeline import fold
from cases.traffic import rate_limited, traffic_refusal
from channels_routing import policy, selectors, services
from channels_routing.forms import (
    CallbackChangeForm,
    CallbackForm,
    CallCaseForm,
    CallFindForm,
    CallPickForm,
    ChatForm,
    ChooseForm,
    GuestCaseMessageForm,
    GuestCodeForm,
    GuestEmailForm,
    MessageForm,
)
from channels_routing.models import CallbackRequest, CallRecord, Channel, ChatAuthor, PresenceStatus
from channels_routing.selectors import Target
from channels_routing.tasks import chat_seen_key
from core import pagecache
from core.clientip import client_ip
from core.text import ltr
from knowledge.models import Journey
from knowledge.selectors import SESSION_JOURNEY, open_journey_for, suggested_articles
from mystuff.selectors import customer_for_user

logger = logging.getLogger(__name__)

GUEST_PENDING = "channels_guest_pending"
GUEST_EMAIL = "channels_guest_email"
GUEST_NAME = "channels_guest_name"
DESK_PERMISSION = "cases.view_contact"


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("mystuff:home")


def _user(request: HttpRequest) -> User:
    """The signed-in user, in views behind login_required."""
    return cast(User, request.user)


def _customer_or_404(request: HttpRequest):
    customer = customer_for_user(request.user)
    if customer is None:
        raise Http404
    return customer


def _status(form: Any) -> int:
    """The answer's status for a page with a form: 429 when a traffic limit refused it."""
    if form is None or not form.is_bound:
        return 200
    return 429 if getattr(form, "limited", False) else 400


def _limit(form: Any, field: str | None, refusal: str) -> bool:
    """Put a traffic limit's refusal next to ``field``; True when there was one."""
    if refusal:
        form.add_error(field, refusal)
        form.limited = True
    return bool(refusal)


NEXT_STEP = {
    ChannelKind.MESSAGE: "channels_routing:message",
    ChannelKind.PHONE: "channels_routing:phone",
    ChannelKind.CALLBACK: "channels_routing:callback",
    ChannelKind.CHAT: "channels_routing:chat",
}


# The offers part as rendered for each (language, offers), with stand-ins for what differs per
# visit: the CSRF token, the idempotency key and the form's action (the page's own address).
# A decision is a handful of offers, so few parts are ever made; the bound keeps it so.
# Measured for issue 21 (in-process, a cached channel page against the one-query ceiling,
# interleaved): 62-69% with these parts, 46-59% with the part rendered on every visit (about
# 1-2 ms more per visit), below the 60% the channel page must keep; so they stay.
_made_offers: dict[tuple[str, tuple[policy.Offer, ...]], str] = {}
_MADE_LIMIT = 512
_CSRF_MARK = "offerscsrf" + secrets.token_hex(16)
_KEY_MARK = secrets.token_hex(16)  # 32 hex digits, as a key (uuid4().hex) has
_ACTION_MARK = "offersaction" + secrets.token_hex(16)


def _offers_part(offers: tuple[policy.Offer, ...], context: dict[str, Any]) -> str:
    return get_template("channels_routing/_offers.html").render(
        {**context, "offers": [(offer, ChannelKind(offer.kind).label) for offer in offers]}
    )


def _offers_html(
    request: HttpRequest, decision: policy.Decision, form: ChooseForm | None = None
) -> str:
    """The channels on offer and the form to pick one: they depend on the moment and the
    contact centre, so a cached channel page has this part made again on every visit."""
    # While a cacheable page renders or refills, its CSRF placeholder: filled once per response.
    marks = getattr(request, "_page_marks", None)
    csrf = marks["csrf"] if marks else get_token(request)
    if form is not None and form.is_bound:  # a choice with errors: the form as the customer sent it
        context = {"request": request, "csrf_token": csrf, "form": form}
        return _offers_part(decision.offers, context)
    made_key = (translation.get_language(), decision.offers)
    made = _made_offers.get(made_key)
    if made is None:
        # Only what the fragment uses, without the context processors a full page runs.
        fresh = ChooseForm(offered=decision.kinds, initial={"idempotency_key": _KEY_MARK})
        context = {
            "request": {"get_full_path": _ACTION_MARK},
            "csrf_token": _CSRF_MARK,
            "form": fresh,
        }
        part = _offers_part(decision.offers, context)
        # As a format_html template: the braces it has doubled, the stand-ins named fields.
        made = (
            part.replace("{", "{{")
            .replace("}", "}}")
            .replace(_CSRF_MARK, "{csrf}")
            .replace(_KEY_MARK, "{key}")
            .replace(_ACTION_MARK, "{action}")
        )
        if len(_made_offers) >= _MADE_LIMIT:
            _made_offers.clear()
        _made_offers[made_key] = made
    offers = format_html(made, csrf=csrf, key=uuid.uuid4().hex, action=request.get_full_path())
    if decision.reopens:  # outside opening hours: when phone and chat open again
        return offers + _reopens_html(decision.reopens)
    return offers


def opening_text(at: datetime, now: datetime | None = None) -> str:
    """When a channel opens again, in the reader's language: today, tomorrow or the weekday."""
    local = timezone.localtime(at)
    today = timezone.localdate(now or timezone.now())
    time_text = date_format(local, "TIME_FORMAT")
    if local.date() == today:
        return _("today at %(time)s") % {"time": time_text}
    if local.date() == today + timedelta(days=1):
        return _("tomorrow at %(time)s") % {"time": time_text}
    return _("%(day)s at %(time)s") % {"day": date_format(local, "l j F"), "time": time_text}


def _reopens_html(reopens: tuple[policy.Reopening, ...]) -> str:
    rows = [
        (r.kind, opening_text(r.at), ltr(r.phone_number), r.phone_number.replace(" ", ""))
        for r in reopens
    ]
    return get_template("channels_routing/_reopens.html").render({"reopens": rows})


def offers_again(
    request: HttpRequest, *, situation: policy.Situation, prefetched: dict[str, Any]
) -> str:
    return _offers_html(request, selectors.decision_at(situation, prefetched=prefetched))


@require_http_methods(["GET", "POST"])
@pagecache.customer_page
def choose(request: HttpRequest) -> HttpResponse:
    """How would you like to contact us? Only the channels the routing policy offers."""
    if not request.user.is_authenticated:
        return render(request, "channels_routing/choose_guest.html", _guest_offers())
    customer = _customer_or_404(request)
    key = request.POST.get("idempotency_key", "") if request.method == "POST" else ""
    if key:
        # A second click of the same form (double click, back button, a retry after a lost
        # answer): the contact the first one made, even if the offers have changed since.
        earlier = Contact.objects.filter(customer=customer, idempotency_key=key[:64]).first()
        if earlier is not None:
            return redirect(NEXT_STEP[ChannelKind(earlier.channel)], pk=earlier.pk)
    target = selectors.target_for(customer=customer, params=request.GET)
    now = timezone.now()
    situation = selectors.situation_for(target, now)
    decision = selectors.decision_at(situation, now)
    form = ChooseForm(request.POST, offered=decision.kinds) if request.method == "POST" else None
    if form is not None and form.is_valid():
        _limit(
            form,
            "description",
            traffic_refusal(kind="contact", who=f"customer:{customer.pk}"),
        )
    if form is not None and form.is_valid():
        channel = form.cleaned_data["channel"]
        offer = next(o for o in decision.offers if o.kind == channel)
        contact = services.contact_create(
            target=target,
            channel=channel,
            description=form.cleaned_data["description"],
            idempotency_key=form.cleaned_data["idempotency_key"],
            offer={
                "reason": offer.reason,
                "wait_seconds": offer.wait_seconds,
                "scheduled": offer.scheduled,
            },
            deferred=True,
        )
        return redirect(NEXT_STEP[ChannelKind(contact.channel)], pk=contact.pk)
    # A cached visit decides again from the situation (plain values the customer's token
    # covers: the item's kind, value, status and due date, the reason's urgency, the segment,
    # the earlier contacts), not from the models, which cost more to read back.
    offers_html = pagecache.hole(
        request,
        _offers_html(request, decision, form),
        "channels_routing.views.offers_again",
        keys=selectors.ROUTING_KEYS,
        situation=situation,
    )
    return render(
        request,
        "channels_routing/choose.html",
        {"target": target, "offers_html": offers_html},
        status=_status(form),
    )


# --- Send a message


@require_http_methods(["GET", "POST"])
@login_required
def message(request: HttpRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_for_customer(customer=_customer_or_404(request), pk=pk)
    if contact.channel != ChannelKind.MESSAGE:
        raise Http404
    if contact.message_sent_at is not None:
        return redirect("channels_routing:sent", pk=contact.pk)
    form = MessageForm(
        request.POST or None, request.FILES or None, initial={"body": contact.description}
    )
    if contact.journey_id:
        # "These may answer it" names this journey in its links: an article read from there
        # is attributed to it (and, never sent, counts as self-service).
        form.fields["body"].widget.attrs["hx-vals"] = json.dumps({"journey": contact.journey_id})
    if request.method == "POST" and form.is_valid():
        files = form.cleaned_data["attachments"]
        adding = sum(upload.size or 0 for upload in files)
        if not _limit(form, "attachments", case_files_problem(case=contact.case, adding=adding)):
            who = f"customer:{contact.customer_id}"
            _limit(form, "body", traffic_refusal(kind="message", who=who))
    if request.method == "POST" and form.is_valid():
        services.message_send(
            contact=contact,
            body=form.cleaned_data["body"],
            files=form.cleaned_data["attachments"],
            suggested=_suggested(request),
        )
        return redirect("channels_routing:sent", pk=contact.pk)
    return render(
        request,
        "channels_routing/message.html",
        {"form": form, "contact": contact},
        status=_status(form),
    )


def _suggested(request: HttpRequest) -> list[dict[str, Any]]:
    """The articles "These may answer it" showed while the customer typed (sent back with the
    form), for the agent: they were offered and the customer wrote to us anyway."""
    ids = [int(v) for v in request.POST.getlist("suggested")[:12] if v.isdigit() and len(v) < 10]
    return suggested_articles(ids, translation.get_language() or "en") if ids else []


@require_GET
@login_required
def sent(request: HttpRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_for_customer(customer=_customer_or_404(request), pk=pk)
    return render(request, "channels_routing/sent.html", {"contact": contact})


# --- Call us


@require_GET
@login_required
def phone(request: HttpRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_for_customer(customer=_customer_or_404(request), pk=pk)
    if contact.channel != ChannelKind.PHONE:
        raise Http404
    code = getattr(contact, "reference_code", None)
    if code is None or not code.is_valid():
        limited = rate_limited(
            key=f"code-issue:{contact.customer_id}", limit=10, window_seconds=3600
        )
        if limited:
            messages.error(request, _("Too many codes asked for; please wait a while."))
        else:
            if code is not None:
                code.delete()
            code = services.reference_code_issue(contact=contact)
    return render(
        request,
        "channels_routing/phone.html",
        {"contact": contact, "code": code, "number": selectors.channel_phone_number()},
    )


# --- Request a callback


@require_http_methods(["GET", "POST"])
@login_required
def callback(request: HttpRequest, pk: int) -> HttpResponse:
    customer = _customer_or_404(request)
    contact = selectors.contact_for_customer(customer=customer, pk=pk)
    if contact.channel != ChannelKind.CALLBACK:
        raise Http404
    if CallbackRequest.objects.filter(contact=contact).exists():
        return redirect("channels_routing:callback_booked", pk=contact.pk)
    offer = contact.context.get("offer") or {}
    now = timezone.now()
    slots = list(selectors.free_slots(now)[:12])
    form = CallbackForm(
        request.POST or None,
        slots=slots,
        allow_now=not offer.get("scheduled", True),
        initial={"phone": customer.phone, "when": "now" if not offer.get("scheduled") else ""},
    )
    if request.method == "POST" and form.is_valid():
        _limit(form, "when", traffic_refusal(kind="booking", who=f"customer:{customer.pk}"))
    if request.method == "POST" and form.is_valid():
        try:
            services.callback_request(
                contact=contact, phone=form.cleaned_data["phone"], slot=form.chosen_slot()
            )
        except services.CallbackAlreadyBooked as booked:
            when = timezone.localtime(booked.booking.due_at)
            form.add_error(
                "when",
                _(
                    "This case already has a callback booked (%(when)s); we will call you "
                    "then. One callback per case at a time."
                )
                % {"when": date_format(when, "SHORT_DATETIME_FORMAT")},
            )
        except ValueError:
            form.add_error("when", _("That time has just filled up; please choose another."))
        else:
            return redirect("channels_routing:callback_booked", pk=contact.pk)
    return render(
        request,
        "channels_routing/callback.html",
        {"form": form, "contact": contact},
        status=_status(form),
    )


def _booking(request: HttpRequest, pk: int) -> tuple[Contact, CallbackRequest]:
    contact = selectors.contact_for_customer(customer=_customer_or_404(request), pk=pk)
    booking = get_object_or_404(CallbackRequest.objects.select_related("slot"), contact=contact)
    booking.contact = contact
    return contact, booking


def _callback_change_form(booking: CallbackRequest, data: Any = None) -> CallbackChangeForm:
    """The times the callback can move to (the next free slots but its own)."""
    slots = [s for s in selectors.free_slots(timezone.now())[:12] if s.pk != booking.slot_id]
    return CallbackChangeForm(data, slots=slots)


def _booked_page(
    request: HttpRequest,
    contact: Contact,
    booking: CallbackRequest,
    form: CallbackChangeForm | None = None,
) -> HttpResponse:
    changeable = services.callback_changeable(booking)
    if changeable and form is None:
        form = _callback_change_form(booking)
    return render(
        request,
        "channels_routing/callback_booked.html",
        {
            "contact": contact,
            "booking": booking,
            "when": services.callback_when(booking),
            "phone": ltr(booking.phone),
            "changeable": changeable,
            "form": form if changeable else None,
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@require_GET
@login_required
def callback_booked(request: HttpRequest, pk: int) -> HttpResponse:
    contact, booking = _booking(request, pk)
    return _booked_page(request, contact, booking)


@require_POST
@login_required
def callback_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Another time for a booked callback, while nobody has tried to call yet."""
    contact, booking = _booking(request, pk)
    form = _callback_moved(request, booking)
    if form is None:
        return redirect("channels_routing:callback_booked", pk=contact.pk)
    return _booked_page(request, contact, booking, form)


def _callback_moved(request: HttpRequest, booking: CallbackRequest) -> CallbackChangeForm | None:
    """Move the booking to the time posted (the customer's page and the guest's case link):
    None when there is nothing more to show (moved, or no longer changeable; a message says
    which), else the form with its errors, as the customer sent it."""
    if not services.callback_changeable(booking):
        messages.error(request, _("This callback can no longer be changed."))
        return None
    form = _callback_change_form(booking, request.POST)
    if form.is_valid():
        try:
            services.callback_change(callback=booking, slot=form.chosen_slot())
        except ValueError:
            form.add_error("when", _("That time has just filled up; please choose another."))
        else:
            messages.success(request, _("The callback is moved. We sent you an email."))
            return None
    return form


def _callback_cancelled(request: HttpRequest, booking: CallbackRequest) -> None:
    """Cancel the booking, with a message saying whether it could be."""
    try:
        services.callback_cancel(callback=booking)
    except ValueError:
        messages.error(request, _("This callback can no longer be cancelled."))
    else:
        messages.success(request, _("The callback is cancelled. We will not call you."))


@require_POST
@login_required
def callback_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    contact, booking = _booking(request, pk)
    _callback_cancelled(request, booking)
    return redirect("channels_routing:callback_booked", pk=contact.pk)


# --- Chat now


def _chat_contact(request: HttpRequest, pk: int) -> Contact:
    contact = selectors.contact_for_customer(customer=_customer_or_404(request), pk=pk)
    if contact.channel != ChannelKind.CHAT:
        raise Http404
    return contact


def _chat_page_context(contact: Contact, *, side: str, polled: bool) -> dict[str, Any]:
    lines = selectors.chat_lines(contact)
    return {
        "contact": contact,
        "chat_lines": lines,
        "last_id": lines[-1]["id"] if lines else 0,
        "is_open": contact.ended_at is None and contact.abandoned_at is None,
        "side": side,
        "polled": polled,
    }


def _chat_ended_reply(
    request: HttpRequest, contact: Contact, *, side: str, template: str, draft: str
) -> HttpResponse:
    """A message sent after the chat ended is not lost: it comes back in the form that adds
    it to the case (as the form itself for htmx, else on the whole page)."""
    context = {
        **_chat_page_context(contact, side=side, polled=False),
        "draft": draft,
        "admin_case_url": selectors.admin_case_url(contact.case_id),
    }
    if getattr(request, "htmx", False):
        response = render(request, "channels_routing/_chat_ended_event.html", context)
        response["HX-Retarget"] = "#chat-compose"
        response["HX-Reswap"] = "outerHTML"
        return response
    messages.info(request, _("The chat ended before your message was sent. It is kept below."))
    return render(request, template, context, status=409)


def _chat_page(request: HttpRequest, contact: Contact, form: ChatForm) -> HttpResponse:
    """The customer's chat page with a refused line: the reason next to the field, the line
    kept in it (for htmx, only the form, in place of the one that sent it)."""
    context = {
        **_chat_page_context(contact, side=ChatAuthor.CUSTOMER, polled=False),
        "agent_name": selectors.chat_agent_name(contact),
        "form": form,
        "draft": form.data.get("body", ""),
    }
    if getattr(request, "htmx", False):
        # htmx swaps no 4xx answer: the form with its reason comes back as a 200.
        response = render(request, "channels_routing/_chat_compose.html", context)
        response["HX-Retarget"] = "#chat-compose"
        response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "channels_routing/chat.html", context, status=_status(form))


@require_GET
@login_required
def chat(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _chat_contact(request, pk)
    cache.set(chat_seen_key(contact.pk), time.time(), 600)
    polled = bool(getattr(request, "htmx", False))
    context = {
        **_chat_page_context(contact, side=ChatAuthor.CUSTOMER, polled=polled),
        "agent_name": selectors.chat_agent_name(contact),
    }
    template = "channels_routing/chat.html"
    if polled:
        template += "#log"
    return render(request, template, context)


@require_POST
@login_required
def chat_send(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _chat_contact(request, pk)
    form = ChatForm(request.POST)
    if not form.is_valid():
        return redirect("channels_routing:chat", pk=contact.pk)
    if contact.ended_at is not None or contact.abandoned_at is not None:
        return _chat_ended_reply(
            request,
            contact,
            side=ChatAuthor.CUSTOMER,
            template="channels_routing/chat.html",
            draft=form.cleaned_data["body"],
        )
    who = f"customer:{contact.customer_id}"
    if _limit(form, "body", traffic_refusal(kind="chat", who=who)):
        return _chat_page(request, contact, form)
    _chat_post_once(
        request, contact, body=form.cleaned_data["body"], author_kind=ChatAuthor.CUSTOMER
    )
    if getattr(request, "htmx", False):
        # The line reaches both pages by push (or the next poll): nothing to swap here.
        return HttpResponse(status=204)
    return redirect("channels_routing:chat", pk=contact.pk)


def _chat_post_once(request: HttpRequest, contact: Contact, *, body: str, author_kind: str) -> None:
    """Post a line once: sent again with the same key (the answer was lost on the way back),
    it is not posted twice."""
    key = request.POST.get("key", "")
    if services.chat_send_key_used(contact=contact, author_kind=author_kind, key=key):
        return
    try:
        services.chat_post(
            contact=contact, body=body, author_kind=author_kind, author=_user(request)
        )
    except Exception:
        services.chat_send_key_release(contact=contact, author_kind=author_kind, key=key)
        raise


@require_POST
@login_required
def chat_typing(request: HttpRequest, pk: int) -> HttpResponse:
    return _typing(_chat_contact(request, pk), ChatAuthor.CUSTOMER, None)


def _typing(contact: Contact, side: str, author: User | None) -> HttpResponse:
    """Tell the other side of an open chat someone writes. A page sends it at most every
    1.5 s while keys are pressed; past the limit it is refused (429) and tells nobody."""
    limit, window = settings.TRAFFIC_LIMITS["typing"]
    if rate_limited(key=f"typing:{contact.pk}:{side}", limit=limit, window_seconds=window):
        return HttpResponse(status=429)
    if contact.ended_at is None and contact.abandoned_at is None:
        services.chat_typing(contact=contact, author_kind=side, author=author)
    return HttpResponse(status=204)


@require_POST
@login_required
def chat_leave(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _chat_contact(request, pk)
    services.chat_end(contact=contact)
    if contact.case_id:
        messages.success(request, _("The chat is saved to your case."))
    return redirect("channels_routing:chat", pk=contact.pk)


@require_POST
@login_required
def chat_leftover(request: HttpRequest, pk: int) -> HttpResponse:
    """What the customer typed as the chat ended, added to their case as a message."""
    contact = _chat_contact(request, pk)
    form = ChatForm(request.POST)
    if not form.is_valid():
        return redirect("channels_routing:chat", pk=contact.pk)
    if contact.case is None:
        # Ended before anyone answered or a line was sent: the message opens the case.
        contact = services.contact_reached(contact=contact)
    if contact.case is None:
        return redirect("channels_routing:chat", pk=contact.pk)
    try:
        case_customer_message(
            case=contact.case, user=_user(request), body=form.cleaned_data["body"]
        )
    except CaseError as exc:
        messages.error(request, exc.messages[0])
        return _chat_ended_reply(
            request,
            contact,
            side=ChatAuthor.CUSTOMER,
            template="channels_routing/chat.html",
            draft=form.cleaned_data["body"],
        )
    messages.success(request, _("Your message is on the case. We will answer here."))
    return redirect(contact.case)


# --- Guests: confirm an email address, send a message or book a callback, follow the case by
# a secret link

GUEST_THEN = "channels_guest_then"


def _guest_offers() -> dict[str, Any]:
    """What a guest may use: a message, a callback at a chosen time when there is a free slot,
    and our number with when the phone lines are open."""
    now = timezone.now()
    states, _rules = selectors.routing_inputs(now)
    by_kind = {state.kind: state for state in states}
    callback = by_kind.get(ChannelKind.CALLBACK)
    phone = by_kind.get(ChannelKind.PHONE)
    context: dict[str, Any] = {
        "message_on": bool(by_kind.get(ChannelKind.MESSAGE) and by_kind["message"].enabled),
        "callback_on": bool(callback and callback.enabled and callback.next_slot_at),
        "phone_number": "",
        "phone_open": False,
        "phone_opens": "",
    }
    if phone is not None and phone.enabled and phone.phone_number:
        at = policy.next_opening(
            now=now,
            business_hours=phone.business_hours,
            holidays=phone.holidays,
            time_zone=phone.time_zone,
        )
        context["phone_number"] = ltr(phone.phone_number)
        context["phone_open"] = at == now
        context["phone_opens"] = opening_text(at, now) if at is not None and at != now else ""
    return context


def _guest_next_step(request: HttpRequest) -> HttpResponse:
    if request.session.get(GUEST_THEN) == "callback":
        return redirect("channels_routing:guest_callback")
    return redirect("channels_routing:guest_message")


def _client_ip(request: HttpRequest) -> str:
    # Behind the load balancer too (TRUSTED_PROXY_COUNT / TRUSTED_CLIENT_IP_HEADER).
    return client_ip(request)


@require_http_methods(["GET", "POST"])
def guest_start(request: HttpRequest) -> HttpResponse:
    if request.GET.get("then") in ("message", "callback"):
        request.session[GUEST_THEN] = request.GET["then"]
    form = GuestEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        if services.guest_code_send(email=email, ip=_client_ip(request)):
            request.session[GUEST_PENDING] = email
            request.session[GUEST_NAME] = form.cleaned_data["name"]
            return redirect("channels_routing:guest_confirm")
        form.add_error("email", _("Too many codes were asked for; please try again in an hour."))
    return render(
        request,
        "channels_routing/guest_start.html",
        {"form": form, "callback": request.session.get(GUEST_THEN) == "callback"},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def guest_confirm(request: HttpRequest) -> HttpResponse:
    email = request.session.get(GUEST_PENDING)
    if not email:
        return redirect("channels_routing:guest_start")
    form = GuestCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        limited = rate_limited(
            key=f"guest-check-ip:{_client_ip(request)}", limit=20, window_seconds=3600
        )
        if not limited and services.guest_code_check(email=email, code=form.cleaned_data["code"]):
            request.session[GUEST_EMAIL] = email
            del request.session[GUEST_PENDING]
            return _guest_next_step(request)
        form.add_error("code", _("That code is not right or has expired."))
    return render(
        request,
        "channels_routing/guest_confirm.html",
        {"form": form, "email": email},
        status=400 if form.is_bound else 200,
    )


def _guest_journey(request: HttpRequest) -> Journey | None:
    """The self-help journey of this browser (a guest is not signed in), while still open: what
    they read goes to the agent, and sending ends it as a contact, not as self-service."""
    return open_journey_for(
        request.session.get(SESSION_JOURNEY),
        customer=None,
        session_key=request.session.session_key or "",
    )


@require_http_methods(["GET", "POST"])
def guest_message(request: HttpRequest) -> HttpResponse:
    email = request.session.get(GUEST_EMAIL)
    if not email:
        return redirect("channels_routing:guest_start")
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # A guest has no account: counted per address and per IP address.
        for who in (f"guest:{email}", f"ip:{_client_ip(request)}"):
            if _limit(form, "body", traffic_refusal(kind="message", who=who)):
                break
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            customer = services.guest_customer(
                email=email, name=request.session.get(GUEST_NAME, "")
            )
            contact = services.contact_create(
                target=Target(customer, journey=_guest_journey(request)),
                channel=ChannelKind.MESSAGE,
                description=form.cleaned_data["body"],
                guest_email=email,
            )
            services.message_send(
                contact=contact,
                body=form.cleaned_data["body"],
                files=form.cleaned_data["attachments"],
                suggested=_suggested(request),
            )
        assert contact.case_id is not None
        return redirect("channels_routing:guest_case", token=services.contact_guest_token(contact))
    return render(
        request,
        "channels_routing/guest_message.html",
        {"form": form, "email": email},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def guest_callback(request: HttpRequest) -> HttpResponse:
    """A confirmed guest books a callback at a free time; they follow it by the secret link."""
    email = request.session.get(GUEST_EMAIL)
    if not email:
        request.session[GUEST_THEN] = "callback"
        return redirect("channels_routing:guest_start")
    slots = list(selectors.free_slots(timezone.now())[:12])
    form = CallbackForm(request.POST or None, slots=slots, allow_now=False)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                customer = services.guest_customer(
                    email=email, name=request.session.get(GUEST_NAME, "")
                )
                contact = services.contact_create(
                    target=Target(customer, journey=_guest_journey(request)),
                    channel=ChannelKind.CALLBACK,
                    guest_email=email,
                )
                services.callback_request(
                    contact=contact, phone=form.cleaned_data["phone"], slot=form.chosen_slot()
                )
        except ValueError:
            form.add_error("when", _("That time has just filled up; please choose another."))
        else:
            request.session.pop(GUEST_THEN, None)
            messages.success(request, _("We will call you. We sent you an email with the details."))
            return redirect(
                "channels_routing:guest_case", token=services.contact_guest_token(contact)
            )
    return render(
        request,
        "channels_routing/guest_callback.html",
        {"form": form, "email": email},
        status=400 if form.is_bound else 200,
    )


def _guest_case_or_404(token: str) -> Case:
    case_id = services.guest_case_id_from_token(token)
    if case_id is None:
        raise Http404
    return get_object_or_404(Case, pk=case_id)


def _guest_booking(case: Case) -> CallbackRequest | None:
    """The callback a guest booked on this case (the link to the case is the credential)."""
    return (
        CallbackRequest.objects.select_related("slot")
        .filter(contact__case=case)
        .exclude(contact__guest_email="")
        .order_by("-id")
        .first()
    )


@require_http_methods(["GET", "POST"])
def guest_case(request: HttpRequest, token: str) -> HttpResponse:
    """A guest's case, reached by the secret link in their email: read it, write on it, and
    move or cancel the callback they booked (as a signed-in customer can)."""
    case = _guest_case_or_404(token)
    form = GuestCaseMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if rate_limited(key=f"guest-case:{case.pk}", limit=20, window_seconds=3600):
            form.add_error("body", _("Too many messages at once; please try again in an hour."))
        else:
            try:
                services.guest_case_message(case=case, body=form.cleaned_data["body"])
            except CaseError as error:
                form.add_error("body", error)
            else:
                messages.success(request, _("Your message is added to the case."))
                return redirect("channels_routing:guest_case", token=token)
    return _guest_case_page(request, token, case, form=form)


def _guest_case_page(
    request: HttpRequest,
    token: str,
    case: Case,
    *,
    form: GuestCaseMessageForm | None = None,
    change_form: CallbackChangeForm | None = None,
) -> HttpResponse:
    # In the reader's language, one entry per thing done (as on a signed-in customer's page).
    events = fold(list(case.events.filter(public=True).order_by("created_at", "id")[:200]))
    booking = _guest_booking(case)
    changeable = booking is not None and services.callback_changeable(booking)
    if booking is not None and changeable and change_form is None:
        change_form = _callback_change_form(booking)
    bound = (form is not None and form.is_bound) or (
        change_form is not None and change_form.is_bound
    )
    return render(
        request,
        "channels_routing/guest_case.html",
        {
            "case": case,
            "events": events,
            "form": form if form is not None and form.is_bound else GuestCaseMessageForm(),
            "can_write": case.status != "closed",
            "token": token,
            "booking": booking,
            "when": services.callback_when(booking) if booking else "",
            "phone": ltr(booking.phone) if booking else "",
            "changeable": changeable,
            "change_form": change_form if changeable else None,
        },
        status=400 if bound else 200,
    )


@require_POST
def guest_callback_change(request: HttpRequest, token: str) -> HttpResponse:
    """A guest moves their callback from the case link, while nobody has tried to call yet."""
    case = _guest_case_or_404(token)
    booking = _guest_booking(case)
    if booking is None:
        raise Http404
    form = _callback_moved(request, booking)
    if form is None:
        return redirect("channels_routing:guest_case", token=token)
    return _guest_case_page(request, token, case, change_form=form)


@require_POST
def guest_callback_cancel(request: HttpRequest, token: str) -> HttpResponse:
    case = _guest_case_or_404(token)
    booking = _guest_booking(case)
    if booking is None:
        raise Http404
    _callback_cancelled(request, booking)
    return redirect("channels_routing:guest_case", token=token)


# --- The agent desk (staff)


def _desk_context(now, user: User) -> dict:
    """Queued per channel, of the cases the agent's teams see (as the case list is)."""
    context = {
        "calls": list(selectors.live_calls(now, user=user)),
        "unlinked_calls": list(selectors.unlinked_calls(now, user=user)),
        "contacts": selectors.desk_contacts(now, user=user),
        "callbacks": list(selectors.callback_queue(user=user)),
        "now": now,
    }
    context["queues_version"] = _queues_version(context)
    return context


def _queues_version(context: dict) -> str:
    """Changes when a card comes, goes or changes state: polling slows down while it does not."""
    cards: list[tuple[object, ...]] = [(c.pk, c.answered_at is not None) for c in context["calls"]]
    for contacts in context["contacts"].values():
        cards += [(c.pk, c.answered_at is not None) for c in contacts]
    cards += [(b.pk, b.attempts, b.due_at <= context["now"]) for b in context["callbacks"]]
    return hashlib.sha256(repr(cards).encode()).hexdigest()[:12]


@require_GET
@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
def desk(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    channels = list(Channel.objects.order_by("kind"))
    presence = selectors.presence_for(_user(request))
    rows = [(c, presence.get(c.pk, PresenceStatus.AWAY)) for c in channels]
    template = "channels_routing/desk.html"
    if getattr(request, "htmx", False):
        template += "#queues"
    return render(
        request,
        template,
        {
            **_desk_context(now, _user(request)),
            "presence_rows": rows,
            "statuses": PresenceStatus.choices,
            "queue_counts": case_selectors.queue_counts(user=request.user, now=now),
        },
    )


@require_POST
@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
def desk_presence(request: HttpRequest) -> HttpResponse:
    valid = set(PresenceStatus.values)
    for channel in Channel.objects.all():
        status = request.POST.get(f"status-{channel.pk}")
        if status in valid:
            services.presence_set(agent=_user(request), channel=channel, status=status)
    messages.success(request, _("Your availability is saved."))
    return redirect("channels_routing:desk")


def _desk_chat_contact(request: HttpRequest, pk: int) -> Contact:
    """A chat of a case the agent sees; any other is 404, as its case is."""
    return get_object_or_404(
        selectors.contacts_visible_to(request.user).select_related("case", "customer"),
        pk=pk,
        channel=ChannelKind.CHAT,
    )


@require_GET
@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
def desk_chat(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _desk_chat_contact(request, pk)
    polled = bool(getattr(request, "htmx", False))
    context = {
        **_chat_page_context(contact, side=ChatAuthor.AGENT, polled=polled),
        "admin_case_url": selectors.admin_case_url(contact.case_id),
    }
    template = "channels_routing/desk_chat.html"
    if polled:
        template += "#log"
    return render(request, template, context)


@require_POST
@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
def desk_chat_send(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _desk_chat_contact(request, pk)
    form = ChatForm(request.POST)
    if not form.is_valid():
        return redirect("channels_routing:desk_chat", pk=contact.pk)
    if contact.ended_at is not None or contact.abandoned_at is not None:
        return _chat_ended_reply(
            request,
            contact,
            side=ChatAuthor.AGENT,
            template="channels_routing/desk_chat.html",
            draft=form.cleaned_data["body"],
        )
    services.chat_answer(contact=contact, agent=_user(request))
    _chat_post_once(request, contact, body=form.cleaned_data["body"], author_kind=ChatAuthor.AGENT)
    if getattr(request, "htmx", False):
        return HttpResponse(status=204)
    return redirect("channels_routing:desk_chat", pk=contact.pk)


@require_POST
@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
def desk_chat_typing(request: HttpRequest, pk: int) -> HttpResponse:
    return _typing(_desk_chat_contact(request, pk), ChatAuthor.AGENT, _user(request))


@require_POST
@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
def desk_chat_end(request: HttpRequest, pk: int) -> HttpResponse:
    services.chat_end(contact=_desk_chat_contact(request, pk), agent=_user(request))
    return redirect("channels_routing:desk")


@require_POST
@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
def desk_chat_leftover(request: HttpRequest, pk: int) -> HttpResponse:
    """What the agent typed as the chat ended, sent as a reply on the case."""
    contact = _desk_chat_contact(request, pk)
    form = ChatForm(request.POST)
    if contact.case is None or not form.is_valid():
        return redirect("channels_routing:desk_chat", pk=contact.pk)
    case_reply(case=contact.case, by=_user(request), body=form.cleaned_data["body"])
    messages.success(request, _("Your reply is on the case."))
    return redirect("channels_routing:desk_chat", pk=contact.pk)


@require_POST
@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
def desk_callback(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(
        selectors.callbacks_visible_to(request.user).select_related("contact"), pk=pk
    )
    reached = request.POST.get("outcome") == "reached"
    services.callback_outcome(callback=booking, reached=reached, agent=_user(request))
    messages.success(
        request,
        _("Callback marked as done.") if reached else _("We will tell the customer we tried."),
    )
    return redirect(reverse("channels_routing:desk") + "#callbacks")


def _call_to_link(request: HttpRequest, pk: int) -> CallRecord:
    """An incoming call the agent may see, answered or over: an unknown caller's (or one
    linked meanwhile, which the page then says). Any other call is 404."""
    return get_object_or_404(
        selectors.calls_visible_to(request.user).select_related("contact"),
        Q(answered_at__isnull=False) | Q(ended_at__isnull=False),
        pk=pk,
        direction="in",
        contact__isnull=False,
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
def desk_call_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Who an unknown caller was, in three steps that each work as a plain form (the desk's
    card, or this page without JavaScript; htmx swaps the card's panel in place): find them
    by what they said (email address, phone number) or by name, choose them, choose one of
    their open cases or a new one. The link is ``services.call_link`` (timeline, audit)."""
    call = _call_to_link(request, pk)
    htmx = bool(getattr(request, "htmx", False))
    data = request.POST if request.method == "POST" else request.GET
    ids = f"call-{call.pk}-%s"  # one panel per card on the desk: ids of their own
    find = CallFindForm(data if "q" in data else None, agent=request.user, auto_id=ids)
    pick: CallPickForm | None = None
    choose: CallCaseForm | None = None
    failed = request.method == "POST"
    linked = call.contact is not None and call.contact.customer_id is not None
    if not linked and find.is_bound and find.is_valid():
        pick = CallPickForm(
            data if "customer" in data else None, customers=find.found.customers, auto_id=ids
        )
        if pick.is_bound and pick.is_valid():
            customer = pick.cleaned_data["customer"]
            cases = selectors.call_link_cases(customer, user=request.user, exact=find.found.exact)
            choose = CallCaseForm(
                request.POST if request.method == "POST" else None, cases=cases, auto_id=ids
            )
            if request.method == "POST" and choose.is_valid():
                try:
                    contact = services.call_link(
                        call=call,
                        customer=customer,
                        case=choose.cleaned_data["case"],
                        by=_user(request),
                    )
                except services.CallAlreadyLinked:
                    linked = True
                else:
                    return _call_linked(request, call, contact, htmx=htmx)
    if linked and not htmx:
        messages.info(request, _("Someone has linked this call already."))
        return redirect("channels_routing:desk")
    context = {"call": call, "find": find, "pick": pick, "choose": choose, "linked": linked}
    template = "channels_routing/desk_call_link.html"
    if htmx:
        template = "channels_routing/_call_link.html"
    # htmx swaps no 4xx answer: a refused link comes back to it as a 200.
    status = 400 if failed and not htmx and not linked else 200
    return render(request, template, context, status=status)


def _call_linked(request: HttpRequest, call: CallRecord, contact: Contact, *, htmx: bool):
    assert contact.case is not None
    said = _("The call from %(number)s is on case %(reference)s.") % {
        "number": ltr(call.from_number),
        "reference": contact.case.reference,
    }
    if not htmx:
        messages.success(request, said)
        return redirect("channels_routing:desk")
    return render(
        request,
        "channels_routing/_call_linked.html",
        {"call": call, "said": said, "case_url": selectors.admin_case_url(contact.case_id)},
    )


@csrf_exempt  # the provider's signature is the credential (checked by django-anymail)
@require_POST
def mailgun_inbound(request: HttpRequest) -> HttpResponse:
    """Mailgun's inbound route (forward to ``.../inbound_mime/``): django-anymail checks the
    signature and reads the message; ``email_in.email_receive`` does the rest. Off (404)
    until MAILGUN_WEBHOOK_SIGNING_KEY is set."""
    from anymail.webhooks.mailgun import MailgunInboundWebhookView

    key = settings.MAILGUN_WEBHOOK_SIGNING_KEY
    if not key:
        raise Http404
    size = int(request.META.get("CONTENT_LENGTH") or 0)
    limit = min(settings.INBOUND_EMAIL_MAX_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    if size > limit:
        logger.warning("inbound email refused: %d bytes posted (limit %d)", size, limit)
        return HttpResponse("too large", status=413, content_type="text/plain")
    return MailgunInboundWebhookView.as_view(webhook_signing_key=key)(request)
