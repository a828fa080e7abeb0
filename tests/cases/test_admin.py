"""Agents work cases in the admin: queues, visibility, and every action on the case page."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, CaseEventKind, CaseStatus, Contact, Promise, PromiseStatus
from tests.cases.factories import PromiseFactory
from tests.factories import CaseFactory, CustomerFactory, ItemFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:cases_case_changelist")


def work_url(case):
    return reverse("admin:cases_case_change", args=[case.pk])


def act_url(case, action):
    return reverse("admin:cases_case_act", args=[case.pk, action])


def listed(response):
    return {case.pk for case in response.context["cl"].result_list}


@pytest.fixture
def queues(agent, team):
    """One case per queue situation, all in the agent's team unless said otherwise."""
    now = timezone.now()
    mine = CaseFactory(team=team, owner=agent, status=CaseStatus.OPEN)
    unassigned = CaseFactory(team=team, status=CaseStatus.NEW)
    colleague = UserFactory(role="agent")
    theirs = CaseFactory(team=team, owner=colleague, status=CaseStatus.OPEN)
    overdue = CaseFactory(team=team, owner=colleague, status=CaseStatus.WAITING_US)
    PromiseFactory(case=overdue, team=team, due_at=now - timedelta(hours=2))
    breaching = CaseFactory(
        team=team,
        owner=colleague,
        status=CaseStatus.OPEN,
        first_response_due=now - timedelta(hours=1),
    )
    resolved = CaseFactory(team=team, owner=agent, status=CaseStatus.RESOLVED)
    other_team = CaseFactory(team=TeamFactory(), status=CaseStatus.NEW)
    return {
        "mine": mine,
        "unassigned": unassigned,
        "theirs": theirs,
        "overdue": overdue,
        "breaching": breaching,
        "resolved": resolved,
        "other_team": other_team,
    }


@pytest.mark.parametrize(
    "queue,expected",
    [
        ("mine", {"mine"}),
        ("team", {"mine", "unassigned", "theirs", "overdue", "breaching"}),
        ("unassigned", {"unassigned"}),
        ("overdue", {"overdue"}),
        ("breaching", {"breaching"}),
    ],
)
def test_each_queue_lists_the_right_open_cases(agent_client, queues, queue, expected):
    response = agent_client.get(CHANGELIST, {"queue": queue})
    assert response.status_code == 200
    assert listed(response) == {queues[name].pk for name in expected}


def test_an_agent_sees_only_cases_of_their_teams_or_assigned_to_them(agent_client, agent, queues):
    elsewhere = CaseFactory(team=TeamFactory(), owner=agent)
    response = agent_client.get(CHANGELIST)
    seen = listed(response)
    assert queues["other_team"].pk not in seen
    assert elsewhere.pk in seen
    assert agent_client.get(work_url(queues["other_team"])).status_code == 404
    assert (
        agent_client.post(act_url(queues["other_team"], "note"), {"note-body": "x"}).status_code
        == 404
    )


def test_a_manager_sees_every_case(manager_client, queues):
    seen = listed(manager_client.get(CHANGELIST))
    assert {c.pk for c in queues.values()} <= seen
    assert manager_client.get(work_url(queues["other_team"])).status_code == 200


def test_customers_cannot_open_the_admin(customer_side, case):
    response = customer_side.get(work_url(case))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_it_finds_a_case_by_reference_customer_name_or_email(agent_client, team):
    alice = CustomerFactory(name="Alice Vermeer", email="alice@example.net")
    case = CaseFactory(team=team, customer=alice)
    noise = CaseFactory(team=team)
    for term in (case.reference, case.reference.lower(), "Vermeer", "Alice@Example.net"):
        assert listed(agent_client.get(CHANGELIST, {"q": term})) == {case.pk}, term
    assert noise.pk in listed(agent_client.get(CHANGELIST))


def test_the_queue_runs_a_fixed_number_of_queries(
    agent_client, team, django_assert_max_num_queries
):
    for _i in range(60):
        CaseFactory(team=team)
    with django_assert_max_num_queries(10):
        response = agent_client.get(CHANGELIST, {"queue": "team"})
    assert len(response.context["cl"].result_list) == 50


def test_the_case_page_shows_the_whole_context(agent_client, team):
    customer = CustomerFactory(name="Alex Jansen")
    item = ItemFactory(
        customer=customer,
        reference="ORD-10388",
        details={
            "lines": [{"sku": "FF-620", "name": "Fridge-freezer FF-620", "quantity": 1}],
            "carrier": "HomeFreight",
        },
    )
    earlier = CaseFactory(customer=customer, team=team, subject="Earlier question")
    case = CaseFactory(customer=customer, team=team, item=item, description="Nobody came.")
    Contact.objects.create(
        customer=customer,
        case=case,
        item=item,
        channel="phone",
        description="Nobody came.",
        context={
            "articles_opened": [{"id": 1, "slug": "track", "title": "Track my delivery"}],
            "searches": [{"term": "fridge late", "results": 2}],
        },
    )
    html = agent_client.get(work_url(case)).content.decode()
    for expected in (
        "Alex Jansen",
        "ORD-10388",
        "Fridge-freezer FF-620",
        "HomeFreight",
        "Nobody came.",
        "Track my delivery",
        "fridge late",
        earlier.reference,
    ):
        assert expected in html, expected
    assert html.count("<h1") == 1
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "every label must point at exactly one field"


def test_the_case_page_says_its_targets_and_a_visits_details_in_the_agents_language(
    agent_client, team
):
    visit = ItemFactory(kind="appointment", details={"engineer": "Ruud", "window_hours": 4})
    case = CaseFactory(
        customer=visit.customer,
        team=team,
        item=visit,
        first_response_due=timezone.now() + timedelta(hours=2),
        resolution_due=timezone.now() - timedelta(hours=1),
    )
    english = agent_client.get(work_url(case)).content.decode()
    assert "(not yet due)" in english and "(overdue)" in english
    assert "Visit window (hours)" in english
    agent_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = agent_client.get(work_url(case)).content.decode()
    # The states were shown as their keys ("running"), the detail by its key ("Window hours").
    assert "(nog niet verlopen)" in dutch and "(verlopen)" in dutch and "(running)" not in dutch
    assert "Bezoekvenster (uren)" in dutch and "Window hours" not in dutch


def test_the_case_page_runs_a_fixed_number_of_queries(
    agent_client, case, team, django_assert_max_num_queries
):
    for _i in range(5):
        PromiseFactory(case=case, team=team)
        CaseFactory(customer=case.customer, team=team)
    with django_assert_max_num_queries(20):
        assert agent_client.get(work_url(case)).status_code == 200


def test_a_reply_reaches_the_customer_by_email_and_on_the_case_page(
    agent_client, agent, case, customer_side, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(
            act_url(case, "reply"),
            {"reply-body": "A new slot is booked for Friday.", "reply-status": ""},
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.first_responded_at is not None
    assert len(mail.outbox) == 1 and "A new slot is booked for Friday." in mail.outbox[0].body
    assert (
        "A new slot is booked for Friday."
        in customer_side.get(case.get_absolute_url()).content.decode()
    )


def test_an_internal_note_stays_internal(agent_client, case, customer_side):
    agent_client.post(act_url(case, "note"), {"note-body": "Check with the depot"})
    assert case.events.get(kind=CaseEventKind.NOTE).public is False
    assert "Check with the depot" in agent_client.get(work_url(case)).content.decode()
    assert "Check with the depot" not in customer_side.get(case.get_absolute_url()).content.decode()
    assert mail.outbox == []


def test_resolving_needs_a_summary_and_keeps_what_was_typed(agent_client, case):
    response = agent_client.post(
        act_url(case, "status"), {"status-status": "resolved", "status-summary": ""}
    )
    assert response.status_code == 400
    assert "Write a contact summary" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.NEW


def test_every_status_change_is_logged_with_who_and_when(
    agent_client, agent, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(
            act_url(case, "status"),
            {"status-status": "resolved", "status-summary": "We refunded 649 EUR."},
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.RESOLVED and case.summary == "We refunded 649 EUR."
    event = case.events.get(kind=CaseEventKind.STATUS)
    assert event.author == agent and event.public and event.created_at
    assert event.data == {"from": "new", "to": "resolved"}
    # One email tells the customer the outcome; a second asks the two feedback questions with
    # a signed link that works without signing in.
    summary_mail = next(m for m in mail.outbox if "We refunded 649 EUR." in m.body)
    survey_mail = next(m for m in mail.outbox if "/feedback/case/" in m.body)
    assert summary_mail is not survey_mail and "?t=" in survey_mail.body
    assert len(mail.outbox) == 2


def test_a_refused_transition_changes_nothing(agent_client, case):
    response = agent_client.post(act_url(case, "status"), {"status-status": "closed"})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == CaseStatus.NEW and not case.events.exists()


def test_assigning_is_logged(agent_client, agent, case):
    other = TeamFactory()
    agent_client.post(act_url(case, "assign"), {"assign-team": other.pk, "assign-owner": agent.pk})
    case.refresh_from_db()
    assert case.team == other and case.owner == agent
    assert case.events.get(kind=CaseEventKind.ASSIGNMENT).author == agent


def test_a_hand_off_is_a_promise_the_customer_sees(
    agent_client, case, customer_side, django_capture_on_commit_callbacks
):
    accounts = TeamFactory(name="Accounts")
    due = timezone.localtime() + timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(
            act_url(case, "promise"),
            {
                "promise-description": "Accounts will call you about the refund",
                "promise-team": accounts.pk,
                "promise-due_at": due.strftime("%Y-%m-%dT%H:%M"),
                "promise-hand_off": "on",
            },
        )
    assert response.status_code == 302
    promise = Promise.objects.get(case=case)
    assert promise.team == accounts and promise.status == PromiseStatus.OPEN
    case.refresh_from_db()
    assert case.team == accounts and case.status == CaseStatus.WAITING_US
    html = customer_side.get(case.get_absolute_url()).content.decode()
    assert "Accounts will call you about the refund" in html
    assert any("Accounts will call you" in m.body for m in mail.outbox)


def test_a_promise_in_the_past_is_refused(agent_client, case, team):
    response = agent_client.post(
        act_url(case, "promise"),
        {
            "promise-description": "Call back",
            "promise-team": team.pk,
            "promise-due_at": "2020-01-01T10:00",
        },
    )
    assert response.status_code == 400
    assert "future" in response.content.decode()
    assert not Promise.objects.exists()


def test_marking_a_promise_done_counts_it_as_kept(agent_client, case, team):
    promise = PromiseFactory(case=case, team=team)
    agent_client.post(reverse("admin:cases_case_promise", args=[case.pk, promise.pk, "kept"]))
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.KEPT and promise.completed_at <= promise.due_at


def test_merging_a_duplicate_moves_its_contacts_and_closes_it(agent_client, customer, team):
    keep = CaseFactory(customer=customer, team=team)
    duplicate = CaseFactory(customer=customer, team=team)
    contact = Contact.objects.create(customer=customer, case=duplicate, channel="chat")
    response = agent_client.post(act_url(duplicate, "merge"), {"merge-into": keep.reference})
    assert response.status_code == 302 and response.url == work_url(keep)
    duplicate.refresh_from_db()
    contact.refresh_from_db()
    assert duplicate.status == CaseStatus.CLOSED and duplicate.merged_into == keep
    assert contact.case == keep


def test_merging_with_another_customers_case_is_refused(agent_client, team):
    first, second = CaseFactory(team=team), CaseFactory(team=team)
    response = agent_client.post(act_url(first, "merge"), {"merge-into": second.reference})
    assert response.status_code == 400
    assert Case.objects.get(pk=first.pk).status == CaseStatus.NEW


def test_actions_refuse_get(agent_client, case):
    assert agent_client.get(act_url(case, "note")).status_code == 405


def test_an_agent_cannot_add_themselves_to_another_team(agent_client, agent):
    other = TeamFactory()
    url = reverse("admin:cases_team_change", args=[other.pk])
    agent_client.post(url, {"name": other.name, "slug": other.slug, "members": [agent.pk]})
    assert not other.members.filter(pk=agent.pk).exists()
    assert (
        reverse("admin:cases_team_add")
        not in agent_client.get(reverse("admin:cases_team_changelist")).content.decode()
    )


def test_a_manager_edits_teams(manager, team):
    from django.test import Client

    client = Client()
    client.force_login(manager)
    url = reverse("admin:cases_team_change", args=[team.pk])
    response = client.post(
        url,
        {
            "name": "Service desk",
            "slug": team.slug,
            "members": [],
            "assignment": "pull",
            "capacity": 10,
        },
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.name == "Service desk"


def test_agents_download_attachments_of_cases_they_may_see(agent_client, case, team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases import services
    from cases.models import Attachment

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    services.case_customer_message(
        case=case,
        user=case.customer.user,
        body="",
        upload=SimpleUploadedFile("door.png", png, content_type="image/png"),
    )
    attachment = Attachment.objects.get(case=case)
    url = reverse("admin:cases_case_attachment", args=[case.pk, attachment.pk])
    assert agent_client.get(work_url(case)).content.decode().count("door.png") >= 1
    assert b"".join(agent_client.get(url).streaming_content) == png
    hidden = CaseFactory(team=TeamFactory())
    other_url = reverse("admin:cases_case_attachment", args=[hidden.pk, attachment.pk])
    assert agent_client.get(other_url).status_code == 404


def test_a_team_lead_sees_the_cases_of_the_team_they_lead(client, queues):
    lead = UserFactory(role="agent")
    led = TeamFactory(lead=lead)
    case = CaseFactory(team=led)
    client.force_login(lead)
    assert case.pk in listed(client.get(CHANGELIST))


def test_a_reply_answers_the_customers_message_and_is_audited(
    agent_client, agent, case, django_capture_on_commit_callbacks
):
    from core.models import AuditLog

    message = Contact.objects.create(case=case, customer=case.customer, channel="message")
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(
            act_url(case, "reply"), {"reply-body": "We have rebooked it.", "reply-status": ""}
        )
    message.refresh_from_db()
    assert message.answered_at is not None and message.agent == agent
    assert message.speed_of_answer.total_seconds() >= 0
    entry = AuditLog.objects.get(action="case_reply")
    assert entry.actor == agent and entry.target_id == str(case.pk)


def test_a_promise_email_says_by_when_and_the_owner_list_shows_names(
    agent_client, case, team, django_capture_on_commit_callbacks
):
    UserFactory(role="agent", first_name="Priya", last_name="Shah", email="priya@example.com")
    page = agent_client.get(work_url(case)).content.decode()
    assert ">Priya Shah</option>" in page and ">priya@example.com</option>" not in page
    due = (timezone.localtime() + timedelta(days=9)).replace(hour=14, minute=30)
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(
            act_url(case, "promise"),
            {
                "promise-description": "We send a new door seal",
                "promise-team": team.pk,
                "promise-due_at": due.strftime("%Y-%m-%dT%H:%M"),
            },
        )
    (email,) = [m for m in mail.outbox if "new door seal" in m.body]
    assert f"{due:%A} {due.day} {due:%B} {due.year}, 14:30" in email.body


def test_the_agent_reads_item_details_and_money_as_people_do_not_as_stored(agent_client, team):
    item = ItemFactory(
        status="out_for_delivery",
        value=Decimal("1189.00"),
        currency="EUR",
        details={
            "delivered_at": "2025-10-15T02:18:49+00:00",
            "installer_note": "Ring twice",
            "lines": [{"sku": "OV-1", "name": "Oven", "quantity": 1, "unit_price": "1189.00"}],
        },
    )
    case = CaseFactory(customer=item.customer, team=team, item=item)
    html = agent_client.get(work_url(case)).content.decode()
    assert "Out for delivery today" in html and "out_for_delivery" not in html
    assert "€1,189.00" in html and "1189.00" not in html
    assert "Delivered_at" not in html and "2025-10-15T02:18" not in html
    assert "15 October 2025, 04:18" in html  # Amsterdam time, the one date style
    assert "Installer note" in html and "Ring twice" in html


def test_the_admin_names_its_sections_not_its_python_packages(agent_client):
    html = agent_client.get(reverse("admin:index")).content.decode()
    assert "Channels and contacts" in html and "My Stuff" in html
    assert "Channels_Routing" not in html and "Mystuff" not in html


def test_overdue_cases_are_marked_in_the_list(agent_client, queues, team):
    late = CaseFactory(
        team=team, status=CaseStatus.OPEN, resolution_due=timezone.now() - timedelta(hours=1)
    )
    html = agent_client.get(CHANGELIST, {"queue": "team"}).content.decode()
    rows = {
        case.reference: row
        for row in html.split("<tr")[1:]
        for case in (late, queues["overdue"], queues["mine"])
        if case.reference in row
    }
    assert 'class="case-overdue"' in rows[late.reference]  # past its resolution time
    assert 'class="case-overdue"' in rows[queues["overdue"].reference]  # a promise overdue
    assert 'class="case-overdue"' not in rows[queues["mine"].reference]
    assert "css/cases_admin.css" in html


def test_business_hours_are_edited_per_weekday_not_as_json(manager_client):
    from channels_routing.models import Channel

    channel = Channel.objects.create(
        kind="phone", business_hours={"0": [["08:00", "12:00"], ["13:00", "17:00"]], "6": []}
    )
    url = reverse("admin:channels_routing_channel_change", args=[channel.pk])
    page = manager_client.get(url).content.decode()
    assert 'name="business_hours"' not in page
    assert '<label for="id_hours_0">Monday' in page and "Sunday" in page
    assert 'value="08:00-12:00, 13:00-17:00"' in page
    data = {
        "kind": "phone",
        "enabled": "on",
        "timezone": "Europe/Amsterdam",
        "capacity": "2",
        "phone_number": "+31 20 123 4567",
        "holidays": "[]",
        **{f"hours_{day}": "" for day in range(7)},
        "hours_0": "9:00-17:30",
        "hours_5": "10:00 - 14:00",
    }
    bad = manager_client.post(url, {**data, "hours_1": "17:00-09:00"})
    assert bad.status_code == 200
    assert "the closing time is not after the opening time" in bad.content.decode()
    assert 'value="10:00 - 14:00"' in bad.content.decode()  # what was typed is kept
    manager_client.post(url, data)
    channel.refresh_from_db()
    assert channel.business_hours["0"] == [["09:00", "17:30"]]
    assert channel.business_hours["5"] == [["10:00", "14:00"]]
    assert channel.business_hours["1"] == [] and channel.business_hours["6"] == []


def test_a_case_cannot_be_taken_out_of_every_queue(agent_client, agent, case):
    """No case is ever without a team (issue 16): the assign form refuses an empty team, and a
    team that still has cases cannot be deleted."""
    from django.db.models import ProtectedError

    from cases import services

    team = case.team
    response = agent_client.post(act_url(case, "assign"), {"assign-team": "", "assign-owner": ""})
    assert response.status_code == 400
    assert "every case is in a team" in response.content.decode()
    case.refresh_from_db()
    assert case.team == team
    with pytest.raises(ProtectedError):
        team.delete()
    with pytest.raises(services.CaseError):
        services.case_assign(case=case, by=agent, team=None, owner=agent)
