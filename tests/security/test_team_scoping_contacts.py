"""Team scoping through contacts (issue 23 item 3) and the roles' rights in the admin (item 4).

An agent outside a case's team gets 404 on the case; they must not read its message, chat or
files through the contact admin or the desk, nor move a contact to another customer. Agents
look at what customers are told (channels, routing rules, callback slots) but only managers
change it; only editors publish articles."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Contact
from channels_routing.models import CallbackSlot, CallRecord, Channel, RoutingRule
from core.models import AuditLog
from knowledge.models import Article, ArticleStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET = "my-private-chat-line-5521"


def _chat_with_a_file(world):
    from channels_routing.services import chat_post

    chat_post(contact=world.chat_contact, body=SECRET, author_kind="customer")
    world.client("owner").post(
        reverse("channels_routing:message", args=[world.message_contact.pk]),
        {
            "body": SECRET,
            "attachments": [SimpleUploadedFile("r.txt", b"receipt", content_type="text/plain")],
        },
    )


@pytest.mark.parametrize("attr", ["chat_contact", "message_contact"])
def test_an_agent_outside_the_team_cannot_read_a_contact_in_the_admin(world, attr):
    _chat_with_a_file(world)
    url = reverse("admin:cases_contact_change", args=[getattr(world, attr).pk])
    outside = world.client("other_team_agent").get(url, follow=True)
    assert SECRET not in outside.content.decode()
    listing = world.client("other_team_agent").get(reverse("admin:cases_contact_changelist"))
    assert str(world.owner) not in listing.content.decode()
    inside = world.client("team_agent").get(url)
    assert inside.status_code == 200 and SECRET in inside.content.decode()


def test_an_agent_outside_the_team_gets_404_on_the_desk_chat_and_sees_no_queue(world):
    _chat_with_a_file(world)
    chat = reverse("channels_routing:desk_chat", args=[world.chat_contact.pk])
    assert world.client("other_team_agent").get(chat).status_code == 404
    desk = world.client("other_team_agent").get(reverse("channels_routing:desk"))
    assert world.owner.name not in desk.content.decode()
    assert world.client("team_agent").get(chat).status_code == 200


def test_a_contacts_customer_and_case_cannot_be_changed_by_hand(world):
    contact = world.chat_contact
    url = reverse("admin:cases_contact_change", args=[contact.pk])
    form = world.client("team_agent").get(url).content.decode()
    assert 'name="customer"' not in form and 'name="case"' not in form
    world.client("team_agent").post(
        url,
        {
            "customer": world.other_customer.pk,
            "case": world.open_case.pk,
            "channel": "chat",
            "requested_at_0": "2026-01-01",
            "requested_at_1": "10:00",
        },
    )
    contact.refresh_from_db()
    assert contact.customer == world.owner and contact.case == world.case


def test_an_unknown_caller_is_linked_to_a_case_through_an_audited_action(world):
    call = CallRecord.objects.create(call_id="unknown-to-link", from_number="+31699999999")
    url = reverse("admin:channels_routing_callrecord_change", args=[call.pk])
    refused = world.client("other_team_agent").post(url, {"link_case": world.case.reference})
    assert refused.status_code == 200  # the form, with the reason next to the field
    assert "No case of yours has this reference." in refused.content.decode()
    call.refresh_from_db()
    assert call.contact is None
    response = world.client("team_agent").post(url, {"link_case": world.case.reference})
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.contact.case == world.case and call.contact.customer == world.owner
    entry = AuditLog.objects.get(action="call_linked")
    assert entry.actor == world.team_agent and entry.data["case"] == world.case.reference


@pytest.mark.parametrize(
    ("model", "make", "field", "value"),
    [
        (
            Channel,
            lambda: Channel.objects.create(kind="phone", phone_number="+3120"),
            "phone_number",
            "+3199",
        ),
        (RoutingRule, lambda: RoutingRule.objects.create(name="Rule"), "name", "Hijacked"),
        (
            CallbackSlot,
            lambda: CallbackSlot.objects.create(
                starts_at="2030-01-01T10:00Z", ends_at="2030-01-01T11:00Z"
            ),
            "capacity",
            99,
        ),
    ],
    ids=["phone number", "routing rule", "slot capacity"],
)
def test_agents_view_but_only_managers_change_what_customers_are_offered(
    world, model, make, field, value
):
    obj = make()
    agent = world.team_agent
    assert agent.has_perm(f"channels_routing.view_{model._meta.model_name}")
    assert not agent.has_perm(f"channels_routing.change_{model._meta.model_name}")
    assert world.manager.has_perm(f"channels_routing.change_{model._meta.model_name}")
    url = reverse(f"admin:channels_routing_{model._meta.model_name}_change", args=[obj.pk])
    assert world.client("team_agent").get(url).status_code == 200
    assert world.client("team_agent").post(url, {field: value}).status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, field) != value


def test_an_agent_writes_drafts_but_only_an_editor_publishes(world):
    article = world.draft_article
    changelist = reverse("admin:knowledge_article_changelist")
    publish = {"action": "publish", "_selected_action": [article.pk]}
    world.client("team_agent").post(changelist, publish)
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    editor = UserFactory(role="agent")
    editor.groups.add(Group.objects.get(name="editor"))
    from django.test import Client

    browser = Client()
    browser.force_login(editor)
    browser.post(changelist, publish)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    # Published, the article is no longer the agent's to change.
    url = reverse("admin:knowledge_article_change", args=[article.pk])
    assert world.client("team_agent").post(url, {"slug": article.slug}).status_code == 403
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PUBLISHED


def test_contacts_are_not_added_by_hand(world):
    response = world.client("manager").get(reverse("admin:cases_contact_add"))
    assert response.status_code == 403
    assert Contact.objects.filter(pk=world.chat_contact.pk).exists()
