"""The one-click ways out, and what Contact Us / Need Help know about a noticed item."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone, translation

from cases.models import CaseEvent, CaseEventKind, Promise
from cases.timeline import event_text
from core.dates import weekday_and_datetime
from notices.models import Notice
from notices.services import notices_detect
from tests.cases.factories import PromiseFactory
from tests.factories import CaseFactory


def test_cancel_and_refund_opens_a_case_with_the_choice_and_a_promise(
    customer_client, notice, fridge, deliveries, where_is_it
):
    response = customer_client.post(
        f"/notices/{notice.pk}/choose/", {"choice": "cancel", "next": "/my-stuff/"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/my-stuff/#notice-{notice.pk}"
    notice.refresh_from_db()
    assert notice.choice == "cancel"
    case = notice.case
    assert (case.item, case.reason, case.team) == (fridge, where_is_it, deliveries)
    promise = Promise.objects.get(case=case)
    assert promise.description == "We cancel it and refund you in full"
    assert promise.team == deliveries
    assert timezone.now() + timedelta(hours=23) < promise.due_at
    contact = CaseEvent.objects.get(case=case, kind=CaseEventKind.CONTACT)
    assert contact.public and contact.body == "You chose: Cancel and refund"
    assert contact.data["notice"] == notice.pk and contact.data["was_due"]
    note = CaseEvent.objects.get(case=case, kind=CaseEventKind.NOTE)
    assert "Proactive notice" in note.body and "Cancel and refund" in note.body

    home = customer_client.get("/my-stuff/").content.decode()
    assert "You chose: Cancel and refund." in home
    assert case.reference in home
    # A second click changes nothing.
    customer_client.post(f"/notices/{notice.pk}/choose/", {"choice": "wait"})
    assert Promise.objects.filter(case=case).count() == 1


def test_the_choice_and_the_agents_note_read_in_each_readers_language(customer_client, notice):
    sent = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
    Notice.objects.filter(pk=notice.pk).update(sent_at=sent)
    customer_client.post(f"/notices/{notice.pk}/choose/", {"choice": "cancel"})
    notice.refresh_from_db()
    contact = CaseEvent.objects.get(case=notice.case, kind=CaseEventKind.CONTACT)
    note = CaseEvent.objects.get(case=notice.case, kind=CaseEventKind.NOTE)
    with translation.override("nl"):
        assert event_text(contact) == "Je koos: Annuleren en terugbetalen"
        dutch = event_text(note)
        assert f"#{notice.pk} (Bestelling na de verwachte levering)" in dutch, dutch
        assert weekday_and_datetime(sent) in dutch and "Annuleren en terugbetalen" in dutch
        assert "2026-11-30" not in dutch and "Cancel" not in dutch
    with translation.override("en"):
        assert event_text(note) == note.body  # the stored English is what an English reader sees
        assert weekday_and_datetime(sent) in note.body and "Cancel and refund" in note.body


def test_a_choice_the_notice_does_not_offer_is_refused_with_a_message(customer_client, notice):
    response = customer_client.post(
        f"/notices/{notice.pk}/choose/", {"choice": "stop"}, follow=True
    )
    assert "Choose one of the ways offered." in response.content.decode()
    assert not Notice.objects.get(pk=notice.pk).choice


def test_another_customers_notice_is_not_found(client, other_customer, notice):
    client.force_login(other_customer.user)
    assert client.post(f"/notices/{notice.pk}/choose/", {"choice": "wait"}).status_code == 404


def test_talk_to_us_goes_to_the_channel_page_with_the_reason(customer_client, notice, fridge):
    page = customer_client.get(fridge.get_absolute_url()).content.decode()
    assert f"/contact/choose/?item={fridge.pk}&amp;reason=where-is-my-order" in page


def test_contact_us_for_an_item_with_an_open_case_offers_continue_that_case(
    customer, customer_client, fridge, deliveries
):
    case = CaseFactory(customer=customer, item=fridge, team=deliveries)
    PromiseFactory(
        case=case,
        team=deliveries,
        description="Deliveries will call you",
        due_at=timezone.now() + timedelta(minutes=1),
    )
    case.promises.update(due_at=timezone.now() - timedelta(hours=1))
    for url, then in (
        (f"/contact/choose/?item={fridge.pk}", "</main>"),
        (f"/help/item/{fridge.pk}/", 'class="reasons"'),
    ):
        page = customer_client.get(url).content.decode()
        assert f"You already have case {case.reference} about this." in page, url
        assert "Continue that case" in page
        assert f'href="/cases/{case.pk}/"' in page
        assert "Deliveries will call you" in page and "is late, sorry" in page
        # First on the page: before the channels (or the reasons).
        assert page.index("Continue that case") < page.index(then)


def test_need_help_offers_the_notice_reason_first(customer_client, notice, fridge):
    from tests.factories import ContactReasonFactory

    ContactReasonFactory(slug="aaa-first", name="Something first", position=0)
    page = customer_client.get(f"/help/item/{fridge.pk}/").content.decode()
    assert page.index("?reason=where-is-my-order") < page.index("?reason=aaa-first")


def test_agents_see_on_an_open_case_about_the_item_that_a_notice_went_out(
    customer, fridge, deliveries, django_capture_on_commit_callbacks
):
    case = CaseFactory(customer=customer, item=fridge, team=deliveries)
    notices_detect()
    with django_capture_on_commit_callbacks(execute=True):
        notices_detect(now=timezone.now() + timedelta(hours=4))
    note = CaseEvent.objects.get(case=case, kind=CaseEventKind.NOTE)
    assert not note.public
    assert note.body.startswith("Proactive notice") and "Order past its expected" in note.body


def test_a_choice_reaches_the_right_teams_queue_and_no_other(
    customer_client, agent, agent_client, notice, fridge, deliveries
):
    """Across roles: the customer's click on the notice is in the deliveries agents' queue of
    unassigned cases; an agent of another team does not see it there."""
    from tests.factories import TeamFactory, UserFactory

    deliveries.members.add(agent)
    customer_client.post(f"/notices/{notice.pk}/choose/", {"choice": "cancel"})
    case = Notice.objects.get(pk=notice.pk).case
    queue = agent_client.get("/admin/cases/case/?queue=unassigned").content.decode()
    assert case.reference in queue
    stranger = UserFactory(role="agent")
    TeamFactory(name="Accounts", slug="accounts").members.add(stranger)
    agent_client.force_login(stranger)
    assert case.reference not in agent_client.get("/admin/cases/case/?queue=team").content.decode()


def test_need_help_for_a_noticed_item_without_a_case_says_we_told_you(
    customer_client, notice, fridge
):
    for url in (f"/contact/choose/?item={fridge.pk}", f"/help/item/{fridge.pk}/"):
        page = customer_client.get(url).content.decode()
        assert "We told you about this already, and we are on it." in page, url
        assert f"#notice-{notice.pk}" in page
        assert "Continue that case" not in page
