"""The table of every URL pattern that takes a parameter, and who may open it.

``test_object_routes.test_every_route_with_a_parameter_is_in_the_table`` walks Django's
resolver: a new pattern with a parameter that is in none of the tables below fails it, so
whoever adds a route has to say here who may reach which object through it.

Outcomes (what the visitor notices):

- ``LOGIN``: sent to the sign-in page (302 to /accounts/login/?next=...)
- ``ADMIN_LOGIN``: sent to the admin's sign-in page (302 to /admin/login/?next=...)
- ``NOT_FOUND``: 404, the object does not exist for them (ids cannot be probed)
- ``FORBIDDEN``: 403, the role may not use this page
- ``REFUSED``: the admin does not show the object: 404, 403, or its "does not exist"
  redirect to the admin index
- ``OK``: 200, the positive control that proves the URL and the object are right
- ``DONE``: a POST by someone allowed is handled (no 403/404/5xx) and changes data
- ``DECLINED``: sent back (302, not to sign-in) with an explanation; nothing changes
- ``NO_EFFECT``: any answer but a server error, and nothing changes

Object references in query strings (``?case=``, ``?item=``, ``?t=``) are covered by the routes
with a ``query`` below.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.world import World

LOGIN = "login"
ADMIN_LOGIN = "admin-login"
NOT_FOUND = "404"
FORBIDDEN = "403"
REFUSED = "refused"
OK = "200"
DONE = "done"
DECLINED = "declined"
NO_EFFECT = "no effect"

# Who is refused, and how, per kind of route. A route may override single actors.
OWNED = {"anonymous": LOGIN, "other_customer": NOT_FOUND, "owner": OK, "manager": NOT_FOUND}
STAFF = {"anonymous": LOGIN, "owner": FORBIDDEN, "team_agent": OK}
DESK = {**STAFF, "other_team_agent": NOT_FOUND}
MANAGERS = {
    "anonymous": LOGIN,
    "owner": FORBIDDEN,
    "other_team_agent": FORBIDDEN,
    "manager": OK,
}
TEAM = {
    "anonymous": ADMIN_LOGIN,
    "owner": ADMIN_LOGIN,
    "other_team_agent": REFUSED,
    "team_agent": OK,
}
UNPUBLISHED = {"anonymous": NOT_FOUND, "other_customer": NOT_FOUND, "team_agent": OK}
SIGNED_IN_UNPUBLISHED = {"anonymous": LOGIN, "other_customer": NOT_FOUND}
FORGED_TOKEN = {"anonymous": NOT_FOUND, "other_customer": NOT_FOUND}


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: Callable[[World], dict[str, Any]]
    expect: dict[str, str]
    methods: tuple[str, ...] = ("GET",)
    data: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    query: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    variant: str = ""
    why: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name


def _pk(attr: str, key: str = "pk") -> Callable[[World], dict[str, Any]]:
    return lambda w: {key: getattr(w, attr).pk}


FEEDBACK = {"satisfaction": "1", "feeling": "1", "comment": "changed by someone else"}

ROUTES: list[Route] = [
    # --- The customer's own things: another customer gets 404, a visitor the sign-in page.
    Route("mystuff:item", _pk("item"), OWNED),
    Route("knowledge:journey", _pk("item", "item_id"), OWNED),
    Route(
        "knowledge:reason_action",
        lambda w: {"item_id": w.item.pk, "slug": "unsubscribe"},
        {**OWNED, "owner": NO_EFFECT},
        methods=("POST",),
        why="one-click reasons (Stop these messages) on the customer's own item; the world's "
        "item is no marketing item, so nothing happens (test_reasons_fit covers the click)",
    ),
    Route("cases:detail", _pk("case"), OWNED),
    Route(
        "cases:message",
        _pk("case"),
        {**OWNED, "owner": DONE},
        methods=("POST",),
        data=lambda w: {"body": "Written by someone else"},
    ),
    Route("cases:solved", _pk("case"), {**OWNED, "owner": DONE}, methods=("POST",)),
    Route(
        "notices:choose",
        _pk("notice"),
        {**OWNED, "owner": DONE},
        methods=("POST",),
        data=lambda w: {"choice": "wait"},
    ),
    Route(
        "cases:attachment",
        lambda w: {"pk": w.case.pk, "attachment_pk": w.attachment.pk},
        OWNED,
    ),
    Route(
        "channels_routing:message",
        _pk("message_contact"),
        {**OWNED, "owner": OK},
        methods=("GET", "POST"),
        data=lambda w: {"body": "Written by someone else"},
    ),
    Route("channels_routing:sent", _pk("message_contact"), OWNED),
    Route("channels_routing:phone", _pk("phone_contact"), OWNED),
    Route(
        "channels_routing:callback",
        _pk("callback_contact"),
        OWNED,
        methods=("GET", "POST"),
        data=lambda w: {"phone": "+31611111111", "when": "now"},
    ),
    Route("channels_routing:callback_booked", _pk("booked_contact"), OWNED),
    Route(
        "channels_routing:callback_change",
        _pk("booked_contact"),
        {**OWNED, "owner": NO_EFFECT},
        methods=("POST",),
        data=lambda w: {"when": "999999"},
        why="no free slot in the world: the owner's form is refused with a message",
    ),
    Route(
        "channels_routing:callback_cancel",
        _pk("booked_contact"),
        {**OWNED, "owner": DONE},
        methods=("POST",),
    ),
    Route("channels_routing:chat", _pk("chat_contact"), OWNED),
    Route(
        "channels_routing:chat_send",
        _pk("chat_contact"),
        {**OWNED, "owner": DONE},
        methods=("POST",),
        data=lambda w: {"body": "Written by someone else"},
    ),
    Route(
        "channels_routing:chat_leave",
        _pk("chat_contact"),
        {**OWNED, "owner": DONE},
        methods=("POST",),
    ),
    Route(
        "channels_routing:chat_typing",
        _pk("chat_contact"),
        {**OWNED, "owner": NO_EFFECT},
        methods=("POST",),
        why="tells the agent's page the customer is typing; nothing is stored",
    ),
    Route(
        "channels_routing:chat_leftover",
        _pk("chat_contact"),
        {**OWNED, "owner": DONE},
        methods=("POST",),
        data=lambda w: {"body": "Typed as the chat ended"},
    ),
    # --- Live event streams: the same rights as the page each feeds. Through the test's WSGI
    # client an allowed user gets 204 (streams are served by the ASGI process);
    # tests/live/test_streams.py checks what they hear there.
    Route("live:chat", _pk("chat_contact"), {**OWNED, "owner": NO_EFFECT}),
    Route("live:cases", _pk("case"), {**OWNED, "owner": NO_EFFECT}),
    Route(
        "feedback:give",
        lambda w: {"target": "item", "pk": w.item.pk},
        OWNED,
        methods=("GET", "POST"),
        data=lambda w: FEEDBACK,
        variant="item",
    ),
    Route(
        "feedback:give",
        lambda w: {"target": "case", "pk": w.case.pk},
        OWNED,
        methods=("GET", "POST"),
        data=lambda w: FEEDBACK,
        variant="case",
    ),
    Route(
        "feedback:give",
        lambda w: {"target": "case", "pk": w.case.pk},
        {"other_customer": NOT_FOUND, "owner": OK},
        methods=("GET", "POST"),
        data=lambda w: {**FEEDBACK, "t": _invitation(w)},
        query=lambda w: {"t": _invitation(w)},
        variant="A's emailed link, opened by B",
        why="the signed link lets A answer without signing in; signed in as B it is B's page",
    ),
    # References in the query string: someone else's journey, case or item is a 404 too.
    Route(
        "channels_routing:choose",
        lambda w: {},
        {"other_customer": NOT_FOUND, "owner": OK},
        methods=("GET", "POST"),
        data=lambda w: {"channel": "message", "description": "x", "idempotency_key": "k1"},
        query=lambda w: {"case": w.case.pk},
        variant="?case",
    ),
    Route(
        "channels_routing:choose",
        lambda w: {},
        {"other_customer": NOT_FOUND, "owner": OK},
        methods=("GET", "POST"),
        data=lambda w: {"channel": "message", "description": "x", "idempotency_key": "k2"},
        query=lambda w: {"item": w.item.pk},
        variant="?item",
    ),
    Route(
        "channels_routing:choose",
        lambda w: {},
        {"other_customer": NOT_FOUND, "owner": OK},
        methods=("GET", "POST"),
        data=lambda w: {"channel": "message", "description": "x", "idempotency_key": "k3"},
        query=lambda w: {"journey": w.journey.pk},
        variant="?journey",
    ),
    Route(
        "knowledge:home",
        lambda w: {},
        {"anonymous": LOGIN, "other_customer": OK},
        query=lambda w: {"item": w.item.reference},
        variant="?item",
        why="another customer's order number is 'not found in your stuff', never their journey",
    ),
    Route(
        "knowledge:accept",
        _pk("public_answer"),
        {"other_customer": DECLINED, "owner": DONE},
        methods=("POST",),
        variant="A's public question",
        why="only the asker (or staff) accepts an answer on a public thread",
    ),
    # --- The agent desk: staff only (customers get 403), and a chat or callback goes with its
    # case: an agent outside the case's team gets 404, as on the case.
    Route("channels_routing:desk_chat", _pk("chat_contact"), DESK),
    Route(
        "channels_routing:desk_chat_send",
        _pk("chat_contact"),
        {**DESK, "team_agent": DONE},
        methods=("POST",),
        data=lambda w: {"body": "Hello from the desk"},
    ),
    Route(
        "channels_routing:desk_chat_end",
        _pk("chat_contact"),
        {**DESK, "team_agent": DONE},
        methods=("POST",),
    ),
    Route(
        "channels_routing:desk_chat_typing",
        _pk("chat_contact"),
        {**STAFF, "team_agent": NO_EFFECT},
        methods=("POST",),
        why="tells the customer's page the agent is typing; nothing is stored",
    ),
    Route(
        "channels_routing:desk_chat_leftover",
        _pk("chat_contact"),
        {**STAFF, "team_agent": DONE},
        methods=("POST",),
        data=lambda w: {"body": "Typed as the chat ended"},
    ),
    Route("live:desk_chat", _pk("chat_contact"), {**STAFF, "team_agent": NO_EFFECT}),
    Route(
        "channels_routing:desk_callback",
        _pk("callback_request"),
        {**DESK, "team_agent": DONE},
        methods=("POST",),
        data=lambda w: {"outcome": "reached"},
    ),
    Route("channels_routing:desk_call_link", _pk("unknown_call"), STAFF),
    Route(
        "channels_routing:desk_call_link",
        _pk("unknown_call"),
        {**STAFF, "team_agent": DONE},
        methods=("POST",),
        data=lambda w: {"q": w.owner.email, "customer": w.owner.pk, "case": "new"},
        variant="linking the call to a customer",
    ),
    # --- Reporting: managers only (reporting.view_reports).
    Route("reporting:section", lambda w: {"section": "cases"}, MANAGERS),
    Route("reporting:export", lambda w: {"section": "cases"}, MANAGERS),
    # --- Knowledge: drafts and hidden posts are 404 for everybody but staff.
    Route("knowledge:article", lambda w: {"slug": w.draft_article.slug}, UNPUBLISHED),
    Route(
        "knowledge:article_solved",
        lambda w: {"slug": w.draft_article.slug},
        {"anonymous": NOT_FOUND, "other_customer": NOT_FOUND},
        methods=("POST",),
        data=lambda w: {"answer": "no"},
    ),
    Route("knowledge:question", _pk("hidden_question"), UNPUBLISHED),
    Route(
        "knowledge:question_solved",
        _pk("hidden_question"),
        {"anonymous": NOT_FOUND, "other_customer": NOT_FOUND},
        methods=("POST",),
        data=lambda w: {"answer": "yes"},
    ),
    Route(
        "knowledge:answer",
        _pk("hidden_question"),
        SIGNED_IN_UNPUBLISHED,
        methods=("POST",),
        data=lambda w: {"body": "An answer nobody should be able to post here."},
    ),
    Route(
        "knowledge:report",
        _pk("hidden_question"),
        SIGNED_IN_UNPUBLISHED,
        methods=("POST",),
        data=lambda w: {"reason": "spam"},
    ),
    Route("knowledge:accept", _pk("hidden_answer"), SIGNED_IN_UNPUBLISHED, methods=("POST",)),
    Route("knowledge:vote", _pk("hidden_answer"), SIGNED_IN_UNPUBLISHED, methods=("POST",)),
    Route(
        "knowledge:moderate",
        _pk("hidden_question"),
        {"anonymous": LOGIN, "other_customer": FORBIDDEN, "owner": FORBIDDEN},
        methods=("POST",),
        data=lambda w: {"action": "show"},
        why="moderators only (knowledge.change_question); even the author may not unhide",
    ),
    Route(
        "knowledge:draft_from_case",
        _pk("resolved_case", "case_id"),
        {"anonymous": LOGIN, "owner": FORBIDDEN, "team_agent": DONE},
        methods=("POST",),
        why="knowledge editors (knowledge.add_article); the gaps page lists resolved cases "
        "of every team on purpose",
    ),
    Route(
        "knowledge:gap_write",
        _pk("gap"),
        {"anonymous": LOGIN, "owner": FORBIDDEN, "team_agent": DONE},
        methods=("POST",),
        why="knowledge editors (knowledge.add_article) start the one article for a gap; gaps "
        "group questions of every customer on purpose",
    ),
    Route(
        "knowledge:topic",
        lambda w: {"topic": "no-such-topic"},
        {"anonymous": NOT_FOUND},
        why="public list of published articles; the slug is a topic, not an object",
    ),
    # --- Secret links: a forged or tampered token shows nothing.
    Route(
        "channels_routing:guest_case",
        lambda w: {"token": f"{w.case.pk}:forged:signature"},
        FORGED_TOKEN,
        methods=("GET", "POST"),
        data=lambda w: {"body": "Written by someone else"},
        why="a guest follows and writes on their case by a secret link; the token is the "
        "credential",
    ),
    Route(
        "channels_routing:guest_callback_change",
        lambda w: {"token": f"{w.case.pk}:forged:signature"},
        FORGED_TOKEN,
        methods=("POST",),
        data=lambda w: {"when": "1"},
        why="a guest moves the callback they booked from their case's secret link",
    ),
    Route(
        "channels_routing:guest_callback_cancel",
        lambda w: {"token": f"{w.case.pk}:forged:signature"},
        FORGED_TOKEN,
        methods=("POST",),
        why="a guest cancels the callback they booked from their case's secret link",
    ),
    Route(
        "live:guest_case",
        lambda w: {"token": f"{w.case.pk}:forged:signature"},
        FORGED_TOKEN,
        why="the guest case page's event stream: the same signed link is the credential",
    ),
    Route(
        "channels_api:cti",
        lambda w: {"token": "nh_forged_token"},
        {"anonymous": FORBIDDEN, "other_customer": FORBIDDEN},
        methods=("POST",),
        data=lambda w: {
            "event": "newCall",
            "direction": "in",
            "from": "+316000001",
            "callId": "x1",
        },
        why="the phone system authenticates with an API key in the path",
    ),
    Route(
        "account_confirm_email",
        lambda w: {"key": "forged-key"},
        {"anonymous": OK, "other_customer": OK},
        why="allauth's email confirmation link; the key is the credential. A forged key "
        "shows the 'invalid link' page (200) with nothing of anybody",
    ),
    Route(
        "account_confirm_email",
        lambda w: {"key": "forged-key"},
        {"anonymous": NOT_FOUND, "other_customer": NOT_FOUND},
        methods=("POST",),
        variant="confirm",
    ),
    Route(
        "account_reset_password_from_key",
        lambda w: {"uidb36": _uidb36(w.owner.user.pk), "key": "forged-key"},
        {"anonymous": OK, "other_customer": OK},
        why="allauth's reset link answers 200 'bad token' for a forged key, showing nothing of A",
    ),
    Route(
        "account_reset_password_from_key",
        lambda w: {"uidb36": _uidb36(w.owner.user.pk), "key": "forged-key"},
        {"anonymous": NO_EFFECT, "other_customer": NO_EFFECT},
        methods=("POST",),
        data=lambda w: {"password1": "Taken-0ver-pass!", "password2": "Taken-0ver-pass!"},
        variant="set a password",
        why="a forged reset key never sets A's password",
    ),
    # --- The admin's own pages with a parameter.
    Route(
        "admin:view_on_site",
        lambda w: {"content_type_id": _content_type_id(w.case), "object_id": w.case.pk},
        {"anonymous": ADMIN_LOGIN, "owner": ADMIN_LOGIN, "other_customer": ADMIN_LOGIN},
    ),
    Route(
        "admin:app_list",
        lambda w: {"app_label": "cases"},
        {"anonymous": ADMIN_LOGIN, "owner": ADMIN_LOGIN},
    ),
    Route(
        "admin:auth_user_password_change",
        lambda w: {"id": w.owner.user.pk},
        {
            "anonymous": ADMIN_LOGIN,
            "owner": ADMIN_LOGIN,
            "other_customer": ADMIN_LOGIN,
            "team_agent": FORBIDDEN,
            "manager": FORBIDDEN,
        },
        methods=("GET", "POST"),
        data=lambda w: {"password1": "Taken-0ver-pass!", "password2": "Taken-0ver-pass!"},
        why="only superusers set passwords",
    ),
    Route(
        "admin:cases_case_act",
        lambda w: {"pk": w.case.pk, "action": "note"},
        {**TEAM, "team_agent": DONE},
        methods=("POST",),
        data=lambda w: {"note-body": "A note from the wrong team"},
    ),
    Route(
        "admin:cases_case_act",
        lambda w: {"pk": w.case.pk, "action": "merge"},
        {**TEAM, "team_agent": DONE},
        methods=("POST",),
        data=lambda w: {"merge-into": w.open_case.reference},
        variant="merge",
    ),
    Route(
        "admin:cases_case_act",
        lambda w: {"pk": w.case.pk, "action": "take_over"},
        {**TEAM, "team_agent": DONE},
        methods=("POST",),
        variant="take over",
        why="another team's case is taken over only once found by its reference, the "
        "customer's email or phone (tests/cases/test_assignment.py), never by its id",
    ),
    Route(
        "admin:cases_case_act",
        lambda w: {"pk": w.case.pk, "action": "hand_to_team"},
        {**TEAM, "team_agent": DONE},
        methods=("POST",),
        data=lambda w: {"hand-note": "The customer called about this"},
        variant="hand to its team",
        why="another team's case is taken over only once found by its reference, the "
        "customer's email or phone (tests/cases/test_assignment.py), never by its id",
    ),
    Route(
        "admin:cases_case_promise",
        lambda w: {"pk": w.case.pk, "promise_pk": w.promise.pk, "outcome": "kept"},
        {**TEAM, "team_agent": DONE},
        methods=("POST",),
    ),
    Route(
        "admin:cases_case_attachment",
        lambda w: {"pk": w.case.pk, "attachment_pk": w.attachment.pk},
        TEAM,
    ),
    Route(
        "admin:cases_team_change",
        _pk("team", "object_id"),
        {"other_team_agent": FORBIDDEN, "team_agent": FORBIDDEN, "manager": DONE},
        methods=("POST",),
        data=lambda w: {
            "name": w.team.name,
            "slug": w.team.slug,
            "assignment": "pull",
            "capacity": 10,
            "members": [w.team_agent.pk, w.other_team_agent.pk],
        },
        variant="join a team",
        why="team membership decides which cases an agent sees: only managers change teams",
    ),
    Route(
        "admin:<catch-all>",
        lambda w: {"url": f"cases/case/{w.case.pk}/nonsense"},
        {"anonymous": ADMIN_LOGIN, "owner": ADMIN_LOGIN},
    ),
]

# Patterns with a parameter that are not object routes, each with the reason.
EXEMPT: dict[str, str] = {
    "moved_admin": "a 301 from an old admin address to the new one, which checks who asks",
}

# --- The admin's object pages (change, history, delete and the bare id redirect) for every
# registered model, with who may see them besides managers.
TEAM_RULE = "team"  # agents of the case's team (and managers); other agents: refused
# Every agent may look, whatever their team (AGENT_APPS in core/roles.py grants view
# on the whole app): only the case list and case pages are per team.
AGENTS_RULE = "agents"
MANAGERS_RULE = "managers"  # managers only (the audit log)
SUPERUSERS_RULE = "superusers"  # nobody below superuser (accounts, groups, emails)

ADMIN_RULES = {
    "auth.group": SUPERUSERS_RULE,
    "auth.user": SUPERUSERS_RULE,
    "account.emailaddress": SUPERUSERS_RULE,
    # Staff second factors: only a superuser removes a lost one (the owner sets up anew).
    "mfa.authenticator": SUPERUSERS_RULE,
    "core.auditlog": MANAGERS_RULE,
    "mystuff.customer": AGENTS_RULE,
    "mystuff.item": AGENTS_RULE,
    "mystuff.apikey": AGENTS_RULE,
    "mystuff.contactreason": AGENTS_RULE,
    "knowledge.article": AGENTS_RULE,
    "knowledge.tag": AGENTS_RULE,
    "knowledge.question": AGENTS_RULE,
    "knowledge.abusereport": AGENTS_RULE,
    "knowledge.searchrecord": AGENTS_RULE,
    "knowledge.journey": AGENTS_RULE,
    "cases.case": TEAM_RULE,
    "cases.promise": TEAM_RULE,
    "cases.team": AGENTS_RULE,
    "cases.slapolicy": AGENTS_RULE,
    "cases.teamrule": AGENTS_RULE,
    "cases.agentprofile": AGENTS_RULE,
    "channels_routing.channel": AGENTS_RULE,
    "channels_routing.routingrule": AGENTS_RULE,
    "channels_routing.agentpresence": AGENTS_RULE,
    "channels_routing.callbackslot": AGENTS_RULE,
    "cases.contact": TEAM_RULE,
    "channels_routing.callbackrequest": TEAM_RULE,
    "channels_routing.callrecord": TEAM_RULE,
    "channels_routing.inboundemail": TEAM_RULE,
    "feedback.feedback": AGENTS_RULE,
    "feedback.followuprequest": AGENTS_RULE,
    "notices.noticerule": AGENTS_RULE,
    "notices.notice": AGENTS_RULE,
}

ADMIN_PAGES = ("change", "history", "delete", "redirect")


def admin_expectations(rule: str, page: str) -> dict[str, str]:
    """Who gets what on one admin object page of a model with this rule."""
    # "owner" is a customer (A, whose object it is): customers never pass the admin's door.
    expect = {"anonymous": ADMIN_LOGIN, "owner": ADMIN_LOGIN}
    if page == "redirect":
        return expect  # the bare id only redirects to the change page (covered there)
    if rule == TEAM_RULE:
        expect["other_team_agent"] = REFUSED
        if page != "delete":
            expect["team_agent"] = OK
        else:
            expect["team_agent"] = FORBIDDEN  # agents never delete
    elif rule == AGENTS_RULE:
        expect["team_agent"] = FORBIDDEN if page == "delete" else OK
    else:
        expect["other_team_agent"] = FORBIDDEN
        expect["manager"] = FORBIDDEN if rule == SUPERUSERS_RULE else OK
        if page == "delete" and rule == MANAGERS_RULE:
            expect["manager"] = FORBIDDEN  # the audit log is read-only
    return expect


def admin_route_name(label: str, page: str) -> str:
    app_label, model = label.split(".")
    if page == "redirect":
        return f"admin/{app_label}/{model}/<path:object_id>/"
    return f"admin:{app_label}_{model}_{page}"


def admin_routes() -> list[Route]:
    routes = []
    for label, rule in ADMIN_RULES.items():
        for page in ADMIN_PAGES:
            routes.append(
                Route(
                    admin_route_name(label, page),
                    lambda w, label=label: {"object_id": w.admin_object(label).pk},
                    admin_expectations(rule, page),
                    methods=("GET", "POST") if page in ("change", "delete") else ("GET",),
                    data=(lambda w: {"post": "yes"}) if page == "delete" else (lambda w: {}),
                )
            )
    return routes


def registered_admin_models() -> set[str]:
    return {model._meta.label_lower for model in admin.site._registry}


# --- Walking the resolver


def _has_parameter(pattern: Any) -> bool:
    converters = getattr(pattern, "converters", None)
    if converters:
        return True
    regex = getattr(pattern, "regex", None)
    return bool(regex is not None and regex.groups)


def route_key(prefix: str, namespace: str, pattern: URLPattern) -> str:
    if pattern.name:
        return f"{namespace}:{pattern.name}" if namespace else pattern.name
    full = prefix + str(pattern.pattern)
    if full == "admin/(?P<url>.*)$":
        return "admin:<catch-all>"
    return full


def walk(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = "", params=False
) -> list[tuple[str, str, bool]]:
    """(route key, full pattern, takes a parameter) for every pattern, recursively."""
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        with_params = params or _has_parameter(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            found += walk(pattern, prefix + str(pattern.pattern), inner, with_params)
        else:
            found.append(
                (route_key(prefix, namespace, pattern), prefix + str(pattern.pattern), with_params)
            )
    return found


def _invitation(w: World) -> str:
    from feedback.selectors import invitation_token

    return invitation_token(case=w.case)


def _uidb36(pk: int) -> str:
    from django.utils.http import int_to_base36

    return int_to_base36(pk)


def _content_type_id(obj: Any) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk
