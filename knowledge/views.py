"""Need Help pages: search, articles, community, the journey on an item, knowledge gaps."""

import re
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import pagecache, ratelimit
from core.clientip import client_ip
from core.http import HtmxHttpRequest
from knowledge import helplists, selectors, services
from knowledge.forms import AnswerForm, AskForm, ReportForm, SearchForm, SolvedForm
from knowledge.models import Answer, Article, ArticleStatus, Gap, Journey, Question, Topic
from mystuff.models import ContactReason, Customer, Item
from mystuff.selectors import customer_for_user

SESSION_JOURNEY = selectors.SESSION_JOURNEY


# --- Small helpers


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _session_key(request: HttpRequest) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key or ""


def _current_journey(request: HttpRequest, customer: Customer | None) -> Journey | None:
    return selectors.open_journey_for(
        request.session.get(SESSION_JOURNEY),
        customer=customer,
        session_key=request.session.session_key or "",
    )


def _journey(
    request: HttpRequest,
    *,
    customer: Customer | None = None,
    item: Item | None = None,
    named: str | None = None,
    **kwargs: Any,
) -> Journey:
    """The visitor's open journey (started now if there is none), remembered in the session.
    ``named``: a journey id from a link (a suggestion shown on Send a message names the
    contact's journey); it is followed only while open and the visitor's own."""
    if customer is None:
        customer = customer_for_user(request.user)
    current = None
    if named and named.isdigit() and len(named) < 12:
        current = selectors.open_journey_for(
            int(named), customer=customer, session_key=request.session.session_key or ""
        )
    journey = services.journey_start_or_continue(
        current=current or _current_journey(request, customer),
        customer=customer,
        session_key=_session_key(request),
        language=_language(),
        item=item,
        **kwargs,
    )
    if request.session.get(SESSION_JOURNEY) != journey.pk:
        request.session[SESSION_JOURNEY] = journey.pk
    return journey


# Visitors who are not signed in, per address and hour: searches recorded, and journeys (each
# with a session) started. Past either, the results are still shown and nothing more is
# written: a script sending no cookie cannot fill the database.
ANONYMOUS_SEARCHES_RECORDED = 60
ANONYMOUS_JOURNEYS_STARTED = 10


def _may_record_search(request: HttpRequest) -> bool:
    if request.user.is_authenticated:
        return True
    return ratelimit.within(
        f"search-record:{client_ip(request)}",
        limit=ANONYMOUS_SEARCHES_RECORDED,
        window_seconds=3600,
    )


def _may_start_journey(request: HttpRequest) -> bool:
    if request.user.is_authenticated or request.session.get(SESSION_JOURNEY):
        return True
    return ratelimit.within(
        f"journey-start:{client_ip(request)}",
        limit=ANONYMOUS_JOURNEYS_STARTED,
        window_seconds=3600,
    )


def contact_url(journey: Journey | None) -> str:
    url = reverse("channels_routing:choose")
    return f"{url}?{urlencode({'journey': journey.pk})}" if journey else url


# --- The Need Help page and search


REFERENCE_LIKE = re.compile(r"^#?[A-Za-z]{0,6}[- ]?\d{3,}$")


def _looks_like_reference(term: str) -> bool:
    """An order, quote or visit number (ORD-10388, vis 7781, 10388) rather than words."""
    return bool(REFERENCE_LIKE.match(term.strip()))


def _items_by_reference(request: HttpRequest, term: str) -> list[Item]:
    """The signed-in customer's items whose reference is the term (the number alone will do)."""
    if not request.user.is_authenticated or not _looks_like_reference(term):
        return []
    cleaned = term.strip().lstrip("#").replace(" ", "-").upper()
    digits = "".join(ch for ch in cleaned if ch.isdigit())
    match = Q(reference__iexact=cleaned)
    if cleaned == digits:
        match |= Q(reference__iendswith=f"-{digits}") | Q(reference=digits)
    return list(
        Item.objects.filter(match, customer__user=request.user)
        .order_by("-occurred_at", "-id")
        .only("id", "kind", "reference", "title")[:3]
    )


def session_journey(request: HttpRequest) -> str:
    """The journey the session holds: its Contact Us links carry it (and pages that record
    on it depend on it), so a page cached for one journey is not served for another."""
    return str(request.session.get(SESSION_JOURNEY) or "")


def _plain(request: HttpRequest) -> bool:
    # A search is recorded, and an item number redirects or says it was not found: only the
    # plain page (which records nothing) comes from the page cache.
    return not request.GET


@require_GET
@pagecache.customer_page(vary=session_journey, when=_plain)
def home(request: HtmxHttpRequest) -> HttpResponse:
    """Need Help: search, the shared lists, and Contact Us carrying the session's journey."""
    reference = request.GET.get("item", "").strip()
    if reference:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        item = (
            Item.objects.filter(customer__user=request.user, reference=reference[:64])
            .order_by("-occurred_at", "-id")
            .only("id")
            .first()
        )
        if item is not None:
            return redirect("knowledge:journey", item_id=item.pk)
        messages.info(
            request,
            _("We could not find %(reference)s in your stuff.") % {"reference": reference[:64]},
        )

    language = _language()
    form = SearchForm(request.GET or None)
    term = ""
    hits = []
    journey = None
    own_items: list[Item] = []
    if form.is_valid() and form.cleaned_data["q"].strip():
        term = form.cleaned_data["q"].strip()
        own_items = _items_by_reference(request, term)
        hits = selectors.search_everything(term, language)
        if _may_record_search(request):
            journey = _journey(request) if _may_start_journey(request) else None
            services.search_record(term=term, results=len(hits), language=language, journey=journey)
    else:
        journey = _current_journey(request, customer_for_user(request.user))
    context = {
        "form": form,
        "term": term,
        "hits": hits,
        "own_items": own_items,
        "looks_like_reference": bool(term) and _looks_like_reference(term),
        "contact_url": contact_url(journey),
    }
    if request.htmx and term:
        return render(request, "knowledge/home.html#results", context)
    # A hole: on the cached page too, the lists kept now (knowledge.helplists).
    context["lists_html"] = helplists.lists_hole(request, language)
    return render(request, "knowledge/home.html", context)


@require_GET
def topic(request: HttpRequest, topic: str) -> HttpResponse:
    if topic not in Topic.values:
        raise Http404
    return render(
        request,
        "knowledge/topic.html",
        {
            "topic_label": Topic(topic).label,
            "articles": selectors.topic_articles(topic, _language()),
            "contact_url": contact_url(_current_journey(request, customer_for_user(request.user))),
        },
    )


# --- Articles


@require_GET
def article(request: HttpRequest, slug: str) -> HttpResponse:
    language = _language()
    preview = request.user.has_perm("knowledge.change_article")
    view = selectors.article_for_reader(slug, language, preview=preview)
    if view is None:
        raise Http404
    journey = None
    if view.article.is_published:
        suggested = request.GET.get(SUGGESTED_PARAM) == SUGGESTED_VALUE
        journey = _journey(request, named=request.GET.get("journey") if suggested else None)
        services.journey_record_article(journey=journey, article=view.article, suggested=suggested)
    return render(
        request,
        "knowledge/article.html",
        {
            "view": view,
            # Not written in the reader's language yet: the page says which one it shows.
            "in_other_language": view.language != language,
            "related": selectors.related_articles(view.article, language),
            "contact_url": contact_url(journey),
            "solved_action": reverse("knowledge:article_solved", args=[view.slug]),
            "answered": request.GET.get("answered", ""),
            "solved_form": SolvedForm(),
        },
    )


def _solved(
    request: HtmxHttpRequest, *, article: Article | None = None, question: Question | None = None
) -> HttpResponse:
    """Record "Did this solve it?" about an article or a community thread."""
    subject = article or question
    assert subject is not None
    target = subject.get_absolute_url()
    form = SolvedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose yes or no."))
        return redirect(target)
    answer = form.cleaned_data["answer"]
    journey = _current_journey(request, customer_for_user(request.user))
    services.solved_answer_record(
        answer=answer, journey=journey, language=_language(), article=article, question=question
    )
    if request.htmx:
        return render(
            request,
            "knowledge/includes/solved.html",
            {"answered": answer, "contact_url": contact_url(journey if answer == "no" else None)},
        )
    return redirect(f"{target}?{urlencode({'answered': answer})}#solved")


@require_POST
def article_solved(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article, slug=slug, status=ArticleStatus.PUBLISHED)
    return _solved(request, article=article)


# --- Community


def _before(request: HttpRequest) -> tuple[datetime, int] | None:
    at = parse_datetime(request.GET.get("before_at", "") or "")
    before_id = request.GET.get("before_id", "")
    if at is None or not before_id.isdigit():
        return None
    return at, int(before_id)


def _posted_id(request: HttpRequest, name: str) -> int:
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)


@require_GET
def community(request: HttpRequest) -> HttpResponse:
    try:
        before = _before(request)
    except ValueError:
        before = None
    questions, next_key = selectors.community_page(before=before, language=None)
    next_url = ""
    if next_key:
        next_url = "?" + urlencode({"before_at": next_key[0].isoformat(), "before_id": next_key[1]})
    return render(
        request,
        "knowledge/community.html",
        {"questions": questions, "next_url": next_url},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    form = AskForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_ask(
                author=request.user,  # type: ignore[arg-type]
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                topic=form.cleaned_data["topic"],
                language=_language(),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        except services.RateLimited:
            status = 429
            form.add_error(
                None, _("You have asked several questions in a short time; try again later.")
            )
        else:
            messages.success(request, _("Your question is posted."))
            return redirect(question)
    return render(request, "knowledge/ask.html", {"form": form}, status=status)


def _thread_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    staff = request.user.has_perm("knowledge.change_question")
    thread = selectors.question_thread(
        pk,
        viewer=request.user if request.user.is_authenticated else None,  # type: ignore[arg-type]
        staff=staff,
    )
    if thread is None:
        raise Http404
    return {
        "thread": thread,
        "question": thread.question,
        "staff": staff,
        "solved_action": reverse("knowledge:question_solved", args=[pk]),
        "solved_form": SolvedForm(),
        "answer_form": AnswerForm(),
        "report_form": ReportForm(),
        "answered": request.GET.get("answered", ""),
    }


@require_GET
def question(request: HttpRequest, pk: int) -> HttpResponse:
    context = _thread_context(request, pk)
    journey = None
    if not context["question"].hidden:
        journey = _journey(request)
        services.journey_record_question(journey=journey, question=context["question"])
    context["contact_url"] = contact_url(journey)
    return render(request, "knowledge/question.html", context)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=pk, hidden=False)
    form = AnswerForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            posted = services.answer_post(
                question=question,
                author=request.user,  # type: ignore[arg-type]
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            for message in error.message_dict.get("body", error.messages):
                form.add_error("body", message)
        except PermissionDenied:
            messages.error(request, _("This question is closed for new answers."))
            return redirect(question)
        except services.RateLimited:
            status = 429
            form.add_error(
                "body", _("You have posted several answers in a short time; try again later.")
            )
        else:
            messages.success(request, _("Thank you, your answer is posted."))
            return redirect(posted.get_absolute_url())
    context = _thread_context(request, pk)
    context["answer_form"] = form
    context["contact_url"] = contact_url(_current_journey(request, customer_for_user(request.user)))
    return render(request, "knowledge/question.html", context, status=status)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_object_or_404(Answer, pk=pk, hidden=False, question__hidden=False)
    try:
        services.answer_accept(answer=answer, by=request.user)  # type: ignore[arg-type]
    except PermissionDenied as error:
        messages.error(request, str(error))
    return redirect(answer.get_absolute_url())


@login_required
@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_object_or_404(Answer, pk=pk, hidden=False, question__hidden=False)
    try:
        services.answer_vote(answer=answer, user=request.user)  # type: ignore[arg-type]
    except PermissionDenied as error:
        messages.error(request, str(error))
    return redirect(answer.get_absolute_url())


@login_required
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Report a question, or one of its answers when ``answer`` is posted."""
    question = get_object_or_404(Question, pk=pk, hidden=False)
    answer = None
    if request.POST.get("answer"):
        answer = get_object_or_404(Answer, pk=_posted_id(request, "answer"), question=question)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tell us in a few words what is wrong with the post."))
        return redirect(question)
    try:
        services.abuse_report(
            reporter=request.user,  # type: ignore[arg-type]
            reason=form.cleaned_data["reason"],
            question=None if answer else question,
            answer=answer,
        )
    except services.RateLimited:
        messages.error(request, _("You have sent several reports in a short time; try later."))
    else:
        messages.success(request, _("Thank you. A moderator will look at it."))
    return redirect(answer.get_absolute_url() if answer else question.get_absolute_url())


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("knowledge.change_question"):
        raise PermissionDenied
    question = get_object_or_404(Question, pk=pk)
    action = request.POST.get("action", "")
    user = request.user
    if action in ("hide", "show"):
        services.question_moderate(question=question, by=user, hidden=action == "hide")  # type: ignore[arg-type]
    elif action in ("lock", "unlock"):
        services.question_moderate(question=question, by=user, locked=action == "lock")  # type: ignore[arg-type]
    elif action in ("hide_answer", "show_answer"):
        answer = get_object_or_404(Answer, pk=_posted_id(request, "answer"), question=question)
        services.answer_moderate(answer=answer, by=user, hidden=action == "hide_answer")  # type: ignore[arg-type]
    else:
        messages.error(request, _("Unknown moderation action."))
    return redirect(question)


@require_POST
def question_solved(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=pk, hidden=False)
    return _solved(request, question=question)


# --- Answers while typing

# Marks the links of "These may answer it", so the article page records the read as one from a
# suggestion (on the journey the link names, when it is the reader's and still open).
SUGGESTED_PARAM = "from"
SUGGESTED_VALUE = "suggestion"

# Each look-up embeds the text with the model: per person (per address for visitors who are
# not signed in) and minute. Typing sends one after each half-second pause, so a person
# writing never reaches it; a script does.
SUGGESTIONS_PER_MINUTE = 30


def _may_suggest(request: HttpRequest) -> bool:
    who = f"user:{request.user.pk}" if request.user.is_authenticated else client_ip(request)
    return ratelimit.within(f"suggest:{who}", limit=SUGGESTIONS_PER_MINUTE, window_seconds=60)


@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    """The "These may answer it" region under a message or a question, refreshed by htmx as
    the customer types (the text comes as the typed field's own name). Reads nothing of the
    visitor's and writes nothing: what was shown travels back with the form it sits in.
    Past the limit: 429 with a line saying to wait, which htmx shows in the region."""
    text = next((request.GET[name] for name in ("q", "body", "title") if request.GET.get(name)), "")
    if not _may_suggest(request):
        return render(request, "knowledge/includes/suggestions.html", {"limited": True}, status=429)
    hits = selectors.answers_while_typing(text[:2000], _language())
    # The links say they come from a suggestion, and name the journey of the contact being
    # written when the form sends it (checked against the reader when the article opens).
    mark = {SUGGESTED_PARAM: SUGGESTED_VALUE}
    journey = request.GET.get("journey", "")
    if journey.isdigit() and len(journey) < 12:
        mark["journey"] = journey
    return render(
        request, "knowledge/includes/suggestions.html", {"hits": hits, "mark": urlencode(mark)}
    )


# --- The journey on one item (the page itself is composed with notices in pages.knowledge)


@require_POST
@login_required
def reason_action(request: HttpRequest, item_id: int, slug: str) -> HttpResponse:
    """A reason done in one click instead of contacting us ("Stop these messages")."""
    customer = customer_for_user(request.user)
    if customer is None:
        raise Http404
    item = get_object_or_404(Item, pk=item_id, customer=customer)
    reason = get_object_or_404(ContactReason, slug=slug, active=True, action__gt="")
    if item.kind not in reason.item_kinds:
        raise Http404
    services.reason_action(reason=reason, item=item)
    messages.success(
        request,
        _("Done: you will not get %(title)s any more. You can sign up again at any time.")
        % {"title": item.title},
    )
    return redirect(item.get_absolute_url())


# --- Knowledge gaps, for content editors


@login_required
@permission_required("knowledge.add_article", raise_exception=True)
@require_POST
def gap_write(request: HttpRequest, pk: int) -> HttpResponse:
    """Start (or open) the one draft article meant to answer a whole gap."""
    gap = get_object_or_404(Gap, pk=pk)
    article = services.gap_write_article(gap=gap, editor=request.user)  # type: ignore[arg-type]
    return redirect("admin:knowledge_article_change", article.pk)
