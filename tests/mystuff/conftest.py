import pytest
from rest_framework.test import APIClient

from tests.mystuff.factories import issue_key


@pytest.fixture
def api_secret(db) -> str:
    return issue_key()[1]


@pytest.fixture
def api(api_secret) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_secret}")
    return client
