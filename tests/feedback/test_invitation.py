import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseStatus
from cases.services import case_reply_address
from feedback.models import Feedback, FeedbackInvitation
from feedback.selectors import invitation_token
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def resolve(case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case.status = CaseStatus.RESOLVED
        case.resolved_at = timezone.now()
        case.save()


def link_in(message) -> str:
    return next(line for line in message.body.splitlines() if "/feedback/case/" in line)


def test_resolving_a_case_emails_a_feedback_link_once(customer, django_capture_on_commit_callbacks):
    case = CaseFactory(customer=customer)
    resolve(case, django_capture_on_commit_callbacks)
    resolve(case, django_capture_on_commit_callbacks)  # saved again: no second email
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [customer.email]
    assert case.reference in mail.outbox[0].subject
    assert f"/feedback/case/{case.pk}/?t=" in link_in(mail.outbox[0])
    assert FeedbackInvitation.objects.filter(case=case).count() == 1
    # A reply to the invitation lands on the case, in the same thread as its other emails.
    headers = mail.outbox[0].extra_headers
    assert headers["Reply-To"] == case_reply_address(case.pk)
    assert headers["In-Reply-To"] == headers["References"]


def test_a_reopened_and_resolved_case_asks_again(customer, django_capture_on_commit_callbacks):
    case = CaseFactory(customer=customer)
    resolve(case, django_capture_on_commit_callbacks)
    case.status, case.reopened_count = CaseStatus.OPEN, 1
    case.save()
    resolve(case, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_an_open_case_sends_nothing(customer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        CaseFactory(customer=customer, status=CaseStatus.OPEN)
    assert mail.outbox == []


def test_opening_the_link_signed_out_shows_the_form_and_saves_nothing(
    client, customer, django_capture_on_commit_callbacks
):
    case = CaseFactory(customer=customer)
    resolve(case, django_capture_on_commit_callbacks)
    path = link_in(mail.outbox[0]).split("http://127.0.0.1:8000", 1)[-1]
    path = path[path.index("/feedback/") :]
    response = client.get(path)
    assert response.status_code == 200
    assert "How satisfied are you with the outcome?" in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_signed_link_lets_a_signed_out_customer_send_feedback(client, customer):
    case = CaseFactory(customer=customer, status=CaseStatus.RESOLVED)
    token = invitation_token(case=case)
    url = reverse("feedback:give", kwargs={"target": "case", "pk": case.pk})
    response = client.post(url, {"satisfaction": "5", "feeling": "4", "t": token})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert Feedback.objects.get(case=case).customer == customer


def test_a_tampered_or_misdirected_link_does_not_open_the_form(client, customer):
    case = CaseFactory(customer=customer, status=CaseStatus.RESOLVED)
    other = CaseFactory(customer=customer, status=CaseStatus.RESOLVED)
    token = invitation_token(case=case)
    for pk, t in [(case.pk, token + "x"), (other.pk, token)]:
        url = reverse("feedback:give", kwargs={"target": "case", "pk": pk})
        response = client.post(url, {"satisfaction": "5", "feeling": "4", "t": t})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Feedback.objects.exists()


def test_another_signed_in_customer_cannot_use_someones_link(client, customer, other_customer):
    case = CaseFactory(customer=customer, status=CaseStatus.RESOLVED)
    client.force_login(other_customer.user)
    url = reverse("feedback:give", kwargs={"target": "case", "pk": case.pk})
    response = client.get(url, {"t": invitation_token(case=case)})
    assert response.status_code == 404
