"""Malformed input answers 4xx, never 500 (issue 23, item 12)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 40


@pytest.mark.parametrize(
    "url",
    [
        "/help/?item=%00",
        "/help/?q=%00",
        "/contact/choose/?reason=%00",
        "/contact/choose/?item=%00",
        "/help/community/?answered=%00",
        "/feedback/?t=%00",
    ],
)
def test_a_nul_in_the_query_string_is_a_bad_request(customer_client, url):
    assert customer_client.get(url).status_code == 400


def test_a_nul_in_an_admin_filter_is_a_bad_request(manager_client):
    for url in [
        "/admin/cases/case/?q=%00",
        "/admin/cases/case/?status=%00",
        "/admin/mystuff/customer/?q=%00",
    ]:
        assert manager_client.get(url).status_code == 400, url


@pytest.mark.parametrize(
    "url",
    [
        f"/cases/?after={HUGE}",
        f"/cases/?after=-{HUGE}",
        "/cases/?after=abc",
        f"/help/?item={HUGE}",
        f"/contact/choose/?item={HUGE}",
        f"/help/community/?before_id={HUGE}&before_at=2026-01-01T00:00:00Z",
    ],
)
def test_a_huge_or_odd_cursor_is_no_server_error(customer_client, url):
    assert customer_client.get(url).status_code < 500


def test_a_huge_timeline_cursor_is_no_server_error(customer, customer_client):
    case = CaseFactory(customer=customer)
    response = customer_client.get(reverse("cases:detail", args=[case.pk]) + f"?before={HUGE}")
    assert response.status_code < 500


@pytest.fixture
def api_client(db):
    from mystuff.models import ApiKey, ApiScope

    _, secret = ApiKey.issue(name="fuzz", scopes=list(ApiScope.values))
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_deeply_nested_json_is_a_bad_request(api_client):
    body = "[" * 100_000 + "]" * 100_000
    response = api_client.post(
        reverse("mystuff_api:customer_upsert"), body, content_type="application/json"
    )
    assert response.status_code == 400


def test_a_lone_surrogate_is_a_bad_request(api_client):
    body = '{"external_id": "c-1", "name": "A\\ud800", "email": "a@example.org"}'
    response = api_client.post(
        reverse("mystuff_api:customer_upsert"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert json.loads(response.content)
