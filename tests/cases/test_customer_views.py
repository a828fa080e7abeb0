"""The customer's case list and case page: ownership, what they see, what they can do."""

import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Attachment, CaseEventKind, CaseStatus
from tests.cases.factories import CaseEventFactory, PromiseFactory
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_it_lists_only_the_customers_own_cases(customer_client, case, other_case):
    html = customer_client.get(reverse("cases:home")).content.decode()
    assert case.reference in html
    assert other_case.reference not in html
    assert html.count("<h1") == 1


def test_it_asks_anonymous_visitors_to_sign_in(client, case):
    assert client.get(reverse("cases:home")).status_code == 302
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 302


def test_it_lists_cases_in_a_fixed_number_of_queries(
    customer_client, customer, team, django_assert_max_num_queries
):
    for _i in range(30):
        case = CaseFactory(customer=customer, team=team)
        PromiseFactory(case=case, team=team)
    with django_assert_max_num_queries(6):
        response = customer_client.get(reverse("cases:home"))
    assert response.status_code == 200


def test_it_pages_older_cases_with_a_keyset_cursor(customer_client, customer, team):
    now = timezone.now()
    cases = [
        CaseFactory(customer=customer, team=team, created_at=now - timedelta(hours=i))
        for i in range(25)
    ]
    first = customer_client.get(reverse("cases:home"))
    html = first.content.decode()
    assert cases[0].reference in html and cases[19].reference in html
    assert cases[20].reference not in html
    cursor = first.context["page"].next_cursor
    second = customer_client.get(reverse("cases:home"), {"after": cursor}).content.decode()
    assert cases[20].reference in second and cases[24].reference in second
    assert cases[0].reference not in second
    partial = customer_client.get(
        reverse("cases:home"), {"after": cursor}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "<h1" not in partial and cases[24].reference in partial


def test_the_case_page_shows_reference_status_promises_and_contact_us(customer_client, case, team):
    promise = PromiseFactory(case=case, team=team, description="Deliveries will call you")
    html = customer_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert case.reference in html
    assert "New" in html
    assert promise.description in html
    assert "Contact us about this" in html
    assert f"{reverse('channels_routing:choose')}?case={case.pk}" in html
    assert html.count("<h1") == 1


def test_the_case_page_shows_public_entries_only(customer_client, case, agent):
    CaseEventFactory(case=case, kind="reply", public=True, body="We booked a new slot.")
    CaseEventFactory(case=case, kind="note", public=False, body="Customer sounded angry")
    html = customer_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "We booked a new slot." in html
    assert "Customer sounded angry" not in html


def test_the_case_page_runs_a_fixed_number_of_queries(
    customer_client, case, team, django_assert_num_queries, session_queries
):
    for _i in range(10):
        PromiseFactory(case=case, team=team)
        CaseEventFactory(case=case)
    url = reverse("cases:detail", args=[case.pk])
    # (session,) user, customer, case, timeline, promises, articles since written for the
    # question the customer asked (knowledge gaps)
    with django_assert_num_queries(session_queries + 6):
        assert customer_client.get(url).status_code == 200
    # Then from the page cache until the case changes: (session,) user.
    with django_assert_num_queries(session_queries + 1):
        assert customer_client.get(url).status_code == 200


@pytest.mark.parametrize(
    "method,name,extra",
    [
        ("get", "cases:detail", []),
        ("post", "cases:message", []),
        ("post", "cases:solved", []),
        ("get", "cases:attachment", [1]),
    ],
)
def test_another_customers_case_is_a_404_everywhere(
    customer_client, other_case, method, name, extra
):
    url = reverse(name, args=[other_case.pk, *extra])
    response = getattr(customer_client, method)(url, {"body": "hello"} if method == "post" else {})
    assert response.status_code == 404


def test_another_customers_attachment_is_a_404(customer_client, client, other_case, other_customer):
    services.case_customer_message(
        case=other_case,
        user=other_customer.user,
        body="photo",
        upload=SimpleUploadedFile("a.png", PNG, content_type="image/png"),
    )
    attachment = Attachment.objects.get(case=other_case)
    assert customer_client.get(attachment.get_absolute_url()).status_code == 404


def test_the_customer_adds_a_message_and_we_wait_on_us(customer_client, case):
    case.status = CaseStatus.WAITING_CUSTOMER
    case.save()
    response = customer_client.post(
        reverse("cases:message", args=[case.pk]), {"body": "The depot called me, thanks."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.WAITING_US
    event = case.events.get(kind=CaseEventKind.CUSTOMER_MESSAGE)
    assert event.public and event.author == case.customer.user
    html = customer_client.get(case.get_absolute_url()).content.decode()
    assert "The depot called me, thanks." in html


def test_the_customer_attaches_a_photo_and_can_download_it(customer_client, case):
    upload = SimpleUploadedFile("broken-door.png", PNG, content_type="image/png")
    response = customer_client.post(
        reverse("cases:message", args=[case.pk]), {"body": "See photo", "attachment": upload}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(case=case)
    assert attachment.content_type == "image/png" and attachment.name == "broken-door.png"
    download = customer_client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PNG


@override_settings(UPLOAD_MAX_BYTES=100)
def test_a_too_large_file_is_refused_and_the_text_is_kept(customer_client, case):
    upload = SimpleUploadedFile("big.png", PNG + b"\x00" * 200, content_type="image/png")
    response = customer_client.post(
        reverse("cases:message", args=[case.pk]),
        {"body": "My carefully typed message", "attachment": upload},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "too large" in html
    assert "My carefully typed message" in html
    assert not case.events.filter(kind=CaseEventKind.CUSTOMER_MESSAGE).exists()


def test_a_file_that_lies_about_its_type_is_refused(customer_client, case):
    upload = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not a png", content_type="image/png")
    response = customer_client.post(
        reverse("cases:message", args=[case.pk]), {"body": "photo", "attachment": upload}
    )
    assert response.status_code == 400
    assert "We accept photos" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_empty_message_is_refused_next_to_the_field(customer_client, case):
    response = customer_client.post(reverse("cases:message", args=[case.pk]), {"body": "  "})
    assert response.status_code == 400
    assert "Write a message or choose a file." in response.content.decode()


def test_the_customer_says_it_is_solved_and_is_offered_feedback(customer_client, case):
    response = customer_client.post(reverse("cases:solved", args=[case.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.RESOLVED and case.summary
    html = customer_client.get(case.get_absolute_url()).content.decode()
    assert reverse("feedback:give", args=["case", case.pk]) in html
    assert "Contact us about this" in html


def test_a_message_on_a_recently_resolved_case_reopens_it(customer_client, case, agent):
    services.case_change_status(
        case=case, status=CaseStatus.RESOLVED, by=agent, summary="Refunded."
    )
    customer_client.post(reverse("cases:message", args=[case.pk]), {"body": "Not refunded!"})
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.reopened_count == 1


def test_the_customer_is_emailed_in_their_language_about_a_reply(
    customer, case, agent, django_capture_on_commit_callbacks
):
    customer.preferred_language = "nl"
    customer.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.case_reply(case=case, by=agent, body="Uw bestelling komt morgen.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [customer.email]
    assert message.extra_headers["Content-Language"] == "nl"
    assert case.reference in message.subject
    assert "Uw bestelling komt morgen." in message.body
    assert f"/cases/{case.pk}/" in message.body


def test_a_long_resolved_case_offers_contact_us_instead_of_a_message_box(
    customer_client, case, agent, settings
):
    settings.CASE_REOPEN_DAYS = 14
    services.case_change_status(
        case=case, status=CaseStatus.RESOLVED, by=agent, summary="Refunded."
    )
    type(case).objects.filter(pk=case.pk).update(resolved_at=timezone.now() - timedelta(days=20))
    html = customer_client.get(case.get_absolute_url()).content.decode()
    assert "Your message" not in html
    assert "Contact us about this" in html
    response = customer_client.post(reverse("cases:message", args=[case.pk]), {"body": "Hello?"})
    assert response.status_code == 400
    assert "open a new case instead" in response.content.decode()


def _long_case(case, n: int) -> list[str]:
    start = timezone.now() - timedelta(days=1)
    bodies = [f"Reply number {i:03d}." for i in range(n)]
    for i, body in enumerate(bodies):
        CaseEventFactory(case=case, body=body, created_at=start + timedelta(minutes=i))
    return bodies


def test_a_long_case_shows_its_newest_entries_and_pages_back_to_the_start(customer_client, case):
    from cases.selectors import TIMELINE_PAGE_SIZE as SIZE

    bodies = _long_case(case, SIZE * 2 + 5)
    url = reverse("cases:detail", args=[case.pk])
    html = customer_client.get(url).content.decode()
    # The newest page, oldest first as a conversation reads; the case's start is further back.
    shown = [b for b in bodies if b in html]
    assert shown == bodies[-SIZE:]
    assert "Show earlier messages" in html and "You contacted us" not in html
    seen, pages = list(shown), 1
    while "Show earlier messages" in html:  # without JavaScript: the link loads the page
        before = re.search(r'href="\?before=([^"#]+)#timeline-heading"', html).group(1)
        html = customer_client.get(url, {"before": unquote(before)}).content.decode()
        assert "Back to the latest" in html
        seen = [b for b in bodies if b in html] + seen
        pages += 1
    assert seen == bodies and pages == 3
    assert "You contacted us" in html  # the first page reaches the case's start


def test_show_earlier_messages_with_htmx_returns_just_the_earlier_entries(
    customer_client, case, django_assert_num_queries, session_queries
):
    from cases.selectors import TIMELINE_PAGE_SIZE as SIZE

    bodies = _long_case(case, SIZE + 3)
    url = reverse("cases:detail", args=[case.pk])
    html = customer_client.get(url).content.decode()
    before = unquote(re.search(r'hx-get="\?before=([^"]+)"', html).group(1))
    # (session,) user, customer, case, one keyset query for the entries, promises.
    with django_assert_num_queries(session_queries + 5):
        part = customer_client.get(url, {"before": before}, HTTP_HX_REQUEST="true")
    text = part.content.decode()
    assert "<h1" not in text and "<html" not in text
    assert [b for b in bodies if b in text] == bodies[:3]
    assert "You contacted us" in text and "Show earlier messages" not in text


def test_a_bad_timeline_cursor_shows_the_latest_entries(customer_client, case):
    bodies = _long_case(case, 3)
    url = reverse("cases:detail", args=[case.pk])
    response = customer_client.get(url, {"before": "not-a-cursor"})
    assert response.status_code == 200
    assert all(b in response.content.decode() for b in bodies)


def test_another_customers_case_timeline_page_is_not_found(customer_client, other_case):
    url = reverse("cases:detail", args=[other_case.pk])
    assert customer_client.get(url, {"before": "1_1"}).status_code == 404


def test_a_resolved_case_with_feedback_shows_it_instead_of_asking_again(
    customer_client, customer, case, agent
):
    from feedback.services import feedback_submit

    services.case_change_status(
        case=case, status=CaseStatus.RESOLVED, by=agent, summary="Refunded."
    )
    assert "Tell us how it went" in customer_client.get(case.get_absolute_url()).content.decode()
    feedback_submit(customer=customer, case=case, satisfaction=4, feeling=5)
    html = customer_client.get(case.get_absolute_url()).content.decode()
    assert "Tell us how it went" not in html
    assert "You told us:" in html and "Change your feedback" in html


def test_a_promise_says_its_day_and_the_cached_page_says_it_until_midnight(customer_client, case):
    due = (timezone.localtime() + timedelta(days=1)).replace(hour=11, minute=0)
    PromiseFactory(case=case, due_at=due)
    response = customer_client.get(case.get_absolute_url())
    assert "due tomorrow, 11:00" in response.content.decode()


def test_the_case_page_reads_in_the_customers_language_and_keeps_their_words_direction(
    customer_client, case
):
    case.subject = "Is it included?"
    case.save(update_fields=["subject"])
    CaseEventFactory(case=case, public=True, body="Is installation included?")
    url = reverse("cases:detail", args=[case.pk])
    customer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = customer_client.get(url).content.decode()
    # The upload hint was fixed in English when the app started.
    assert "Foto&#x27;s (PNG of JPEG), pdf of platte tekst, tot 5,0 MB." in dutch
    customer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    arabic = customer_client.get(url).content.decode()
    # A customer's English words keep their own direction on an Arabic page.
    assert "<bdi>Is it included?</bdi>" in arabic
    assert '<p dir="auto">Is installation included?</p>' in arabic
