"""A small world owned by customer A, and the people who try to reach into it.

Every object is made on first use, so a test builds only what its route needs and the whole
security suite stays fast. Customer A ("owner") owns the items, cases, contacts and feedback;
customer B ("other_customer") has their own account and nothing else; the case belongs to
team X, whose agent is "team_agent"; "other_team_agent" works in team Y.
"""

from datetime import timedelta
from functools import cached_property
from typing import Any

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.utils import timezone

from notices.models import NoticeRule
from tests.factories import (
    CaseFactory,
    ContactReasonFactory,
    CustomerFactory,
    ItemFactory,
    TeamFactory,
    UserFactory,
)

# Words that appear only in A's objects: a response to anybody else must not contain them.
OWNER_NAME = "Annelies Owner-Secret"
CASE_SUBJECT = "Broken dishwasher, private-subject-7731"

ACTORS = ("anonymous", "owner", "other_customer", "team_agent", "other_team_agent", "manager")


class World:
    @cached_property
    def team(self):
        return TeamFactory(name="Team X")

    @cached_property
    def other_team(self):
        return TeamFactory(name="Team Y")

    # --- people

    @cached_property
    def owner(self):
        return CustomerFactory(name=OWNER_NAME)

    @cached_property
    def other_customer(self):
        return CustomerFactory(name="Bram Other")

    @cached_property
    def team_agent(self) -> User:
        agent = UserFactory(role="agent")
        self.team.members.add(agent)
        return agent

    @cached_property
    def other_team_agent(self) -> User:
        agent = UserFactory(role="agent")
        self.other_team.members.add(agent)
        return agent

    @cached_property
    def manager(self) -> User:
        return UserFactory(role="manager")

    def user(self, actor: str) -> User | None:
        if actor == "anonymous":
            return None
        if actor in ("owner", "other_customer"):
            return getattr(self, actor).user
        return getattr(self, actor)

    @cached_property
    def _session_cookies(self) -> dict[str, Any]:
        return {}

    def client(self, actor: str, **kwargs: Any) -> Client:
        """A browser signed in as the actor. Each actor signs in once per world; later clients
        reuse the session cookie (the session row is part of the world)."""
        client = Client(**kwargs)
        user = self.user(actor)
        if user is None:
            return client
        if actor not in self._session_cookies:
            client.force_login(user)
            self._session_cookies[actor] = client.cookies
        else:
            client.cookies = self._session_cookies[actor].copy()
        return client

    # --- A's things

    @cached_property
    def item(self):
        return ItemFactory(customer=self.owner, title="Dishwasher DW-45")

    @cached_property
    def case(self):
        return CaseFactory(
            customer=self.owner, team=self.team, item=self.item, subject=CASE_SUBJECT
        )

    @cached_property
    def resolved_case(self):
        return CaseFactory(
            customer=self.owner,
            team=self.team,
            subject=CASE_SUBJECT,
            status="resolved",
            resolved_at=timezone.now() - timedelta(days=1),
            summary="Reset the dishwasher by holding Start for ten seconds.",
        )

    @cached_property
    def gap(self):
        from knowledge.models import Gap, GapExample

        gap = Gap.objects.create(centroid=bytes(4 * 384), size=1)
        GapExample.objects.create(
            gap=gap, source="message", text="my parcel never came", case_id=self.case.pk
        )
        return gap

    @cached_property
    def attachment(self):
        from cases.models import Attachment

        return Attachment.objects.create(
            case=self.case,
            file=SimpleUploadedFile("receipt.txt", b"A's receipt", content_type="text/plain"),
            name="receipt.txt",
            content_type="text/plain",
            size=11,
        )

    @cached_property
    def notice(self):
        from notices.models import Notice

        return Notice.objects.create(
            customer=self.owner, item=self.item, kind="order_late", due_at=timezone.now()
        )

    @cached_property
    def promise(self):
        from tests.cases.factories import PromiseFactory

        return PromiseFactory(case=self.case, team=self.team)

    def _contact(self, channel: str, **fields: Any):
        """A contact as ``contact_create`` makes it: the context frozen from the target."""
        from channels_routing.selectors import Target
        from channels_routing.services import contact_context
        from tests.channels_routing.factories import ContactFactory

        context = contact_context(
            target=Target(self.owner, item=self.item),
            channel=channel,
            description="My dishwasher leaks",
            repeat_contacts=0,
        )
        context.update(fields.pop("context", {}))
        return ContactFactory(
            context=context,
            customer=self.owner,
            case=self.case,
            item=self.item,
            channel=channel,
            description="My dishwasher leaks",
            **fields,
        )

    @cached_property
    def message_contact(self):
        return self._contact("message")

    @cached_property
    def phone_contact(self):
        return self._contact("phone")

    @cached_property
    def callback_contact(self):
        """A callback contact not booked yet: its form is open."""
        return self._contact("callback", context={"offer": {"scheduled": False}})

    @cached_property
    def booked_contact(self):
        contact = self._contact("callback")
        self.callback_request_for(contact)
        return contact

    def callback_request_for(self, contact):
        from channels_routing.models import CallbackRequest

        return CallbackRequest.objects.create(
            contact=contact, phone="+31600000001", due_at=timezone.now() + timedelta(hours=1)
        )

    @cached_property
    def callback_request(self):
        return self.booked_contact.callback

    @cached_property
    def chat_contact(self):
        return self._contact("chat")

    @cached_property
    def unknown_call(self):
        """A finished call from a number nobody has: agents link it to a customer."""
        from cases.models import Contact
        from channels_routing.models import CallRecord

        contact = Contact.objects.create(channel="phone", abandoned_at=timezone.now())
        return CallRecord.objects.create(
            call_id="unknown-1",
            contact=contact,
            from_number="+4930609854180",
            ended_at=timezone.now(),
        )

    @cached_property
    def feedback(self):
        from tests.feedback.factories import FeedbackFactory

        return FeedbackFactory(
            customer=self.owner,
            item=self.item,
            comment="private-feedback",
            follow_up_requested=True,
        )

    @cached_property
    def journey(self):
        from knowledge.models import Journey

        return Journey.objects.create(customer=self.owner, item=self.item)

    @cached_property
    def hidden_question(self):
        """A's community question, hidden by a moderator: gone for everybody but staff."""
        from tests.knowledge.factories import make_question

        question = make_question(
            title="Private question from A", author=self.owner.user, answers=["Try this."]
        )
        question.hidden = True
        question.save(update_fields=["hidden"])
        return question

    @cached_property
    def hidden_answer(self):
        return self.hidden_question.answers.get()

    @cached_property
    def public_question(self):
        from tests.knowledge.factories import make_question

        return make_question(
            title="Public question from A", author=self.owner.user, answers=["Yes"]
        )

    @cached_property
    def public_answer(self):
        return self.public_question.answers.get()

    @cached_property
    def draft_article(self):
        from knowledge.models import ArticleStatus
        from tests.knowledge.factories import make_article

        return make_article("unreleased-recall", "Unreleased recall", status=ArticleStatus.DRAFT)

    # --- objects the admin shows (keyed by model label)

    @cached_property
    def open_case(self):
        """A second open case of A in team X: what the first one can be merged into."""
        return CaseFactory(customer=self.owner, team=self.team, subject=CASE_SUBJECT)

    @cached_property
    def _admin_objects(self) -> dict[str, models.Model]:
        return {}

    def admin_object(self, label: str) -> models.Model:
        if label not in self._admin_objects:
            self._admin_objects[label] = ADMIN_OBJECTS[label](self)
        return self._admin_objects[label]

    def build(self) -> "World":
        """Make every object now, so tests (each rolled back) only read them."""
        for name, value in vars(type(self)).items():
            if isinstance(value, cached_property) and not name.startswith("_"):
                getattr(self, name)
        for label in ADMIN_OBJECTS:
            self.admin_object(label)
        for actor in ACTORS:
            self.client(actor)
        return self


def _abuse_report(w: World):
    from knowledge.models import AbuseReport

    return AbuseReport.objects.create(
        question=w.hidden_question, reporter=w.other_customer.user, reason="spam"
    )


def _search_record(w: World):
    from knowledge.models import SearchRecord

    return SearchRecord.objects.create(term="leak", results=0, language="en", journey=w.journey)


def _tag(w: World):
    from knowledge.models import Tag

    return Tag.objects.create(slug="dishwashers", name="Dishwashers")


def _channel(w: World):
    from channels_routing.models import Channel

    return Channel.objects.create(kind="chat", capacity=2)


def _presence(w: World):
    from channels_routing.models import AgentPresence

    channel = w.admin_object("channels_routing.channel")
    return AgentPresence.objects.create(agent=w.team_agent, channel=channel, status="available")


def _routing_rule(w: World):
    from channels_routing.models import RoutingRule

    return RoutingRule.objects.create(name="High value")


def _slot(w: World):
    from channels_routing.models import CallbackSlot

    start = timezone.now() + timedelta(hours=3)
    return CallbackSlot.objects.create(starts_at=start, ends_at=start + timedelta(hours=1))


def _call_record(w: World):
    from channels_routing.models import CallRecord

    return CallRecord.objects.create(call_id="call-1", contact=w.phone_contact)


def _team_rule(w: World):
    from cases.models import TeamRule

    return TeamRule.objects.create(name="Everything to team X", team=w.team)


def _agent_profile(w: World):
    from cases.models import AgentProfile

    return AgentProfile.objects.get_or_create(user=w.team_agent, defaults={"languages": ["nl"]})[0]


def _inbound_email(w: World):
    from channels_routing.models import InboundEmail

    return InboundEmail.objects.create(
        status="accepted", case=w.case, from_address=w.owner.email, text=CASE_SUBJECT
    )


def _sla_policy(w: World):
    from cases.models import SlaPolicy

    return SlaPolicy.objects.create(priority="urgent", first_response_hours=1, resolution_hours=4)


def _api_key(w: World):
    from mystuff.models import ApiKey

    return ApiKey.issue(name="Shop", scopes=["ingest"])[0]


def _audit_entry(w: World):
    from core.audit import record

    return record("sign_in", actor=w.owner.user)


def _email_address(w: World):
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.get(user=w.owner.user)


def _authenticator(w: World):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.create(
        user=w.team_agent, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-one"}
    )


ADMIN_OBJECTS = {
    "auth.group": lambda w: Group.objects.get_or_create(name="customer")[0],
    "auth.user": lambda w: w.owner.user,
    "account.emailaddress": _email_address,
    "mfa.authenticator": _authenticator,
    "core.auditlog": _audit_entry,
    "mystuff.customer": lambda w: w.owner,
    "mystuff.item": lambda w: w.item,
    "notices.notice": lambda w: w.notice,
    "notices.noticerule": lambda w: NoticeRule.objects.get_or_create(kind="order_late")[0],
    "mystuff.apikey": _api_key,
    "mystuff.contactreason": lambda w: ContactReasonFactory(),
    "knowledge.article": lambda w: w.draft_article,
    "knowledge.tag": _tag,
    "knowledge.question": lambda w: w.hidden_question,
    "knowledge.abusereport": _abuse_report,
    "knowledge.searchrecord": _search_record,
    "knowledge.journey": lambda w: w.journey,
    "cases.case": lambda w: w.case,
    "cases.promise": lambda w: w.promise,
    "cases.team": lambda w: w.team,
    "cases.slapolicy": _sla_policy,
    "cases.teamrule": _team_rule,
    "cases.agentprofile": _agent_profile,
    "channels_routing.channel": _channel,
    "channels_routing.routingrule": _routing_rule,
    "channels_routing.agentpresence": _presence,
    "channels_routing.callbackslot": _slot,
    "cases.contact": lambda w: w.chat_contact,
    "channels_routing.callbackrequest": lambda w: w.callback_request,
    "channels_routing.callrecord": _call_record,
    "channels_routing.inboundemail": _inbound_email,
    "feedback.feedback": lambda w: w.feedback,
    "feedback.followuprequest": lambda w: w.feedback,
}
