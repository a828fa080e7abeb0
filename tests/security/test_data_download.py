"""The data download (issue 23 item 20): streamed, so a customer with very many items does
not cost the server their whole export in memory at once, and limited in how often it can be
asked for. 2,500 items stand in for 100,000 (bench/mystuff_bench.py measures the big one)."""

import json

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from mystuff.models import Item
from pages.mystuff import DOWNLOADS_PER_HOUR

pytestmark = pytest.mark.django_db


def _many_items(customer, count):
    Item.objects.bulk_create(
        Item(
            customer=customer,
            kind="order",
            reference=f"ORD-{n:06d}",
            external_id=f"ext-{n}",
            title=f"Thing {n}",
            status="placed",
            occurred_at="2026-01-01T10:00Z",
        )
        for n in range(count)
    )


def test_a_big_download_is_streamed_with_a_bounded_number_of_queries(
    customer, customer_client, django_assert_max_num_queries
):
    _many_items(customer, 2500)
    with django_assert_max_num_queries(20):
        response = customer_client.get(reverse("mystuff:data_download"))
        assert isinstance(response, StreamingHttpResponse)
        body = response.getvalue()
    data = json.loads(body)
    assert len(data["items"]) == 2500
    assert {row["reference"] for row in data["items"]} >= {"ORD-000000", "ORD-002499"}


def test_the_download_is_limited_per_hour(customer_client):
    url = reverse("mystuff:data_download")
    for _ in range(DOWNLOADS_PER_HOUR):
        assert customer_client.get(url).status_code == 200
    refused = customer_client.get(url)
    assert refused.status_code == 429
    assert "You have downloaded your data several times this hour" in refused.content.decode()
