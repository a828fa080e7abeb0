"""When the database cannot be reached, pages answer 503 with Retry-After, not a bare 500."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from contact_portal.urls import urlpatterns as real_patterns


def _db_down(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def _crash(request):
    raise ValueError("a bug")


urlpatterns = [path("db-down/", _db_down), path("crash/", _crash), *real_patterns]
handler500 = "contact_portal.views.server_error"


@pytest.mark.urls("tests.faults.test_database_down")
def test_a_lost_database_answers_503_with_retry_after():
    response = Client(raise_request_exception=False).get("/db-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "back in a moment" in response.content.decode()


@pytest.mark.urls("tests.faults.test_database_down")
def test_other_errors_stay_500_with_a_calm_page():
    response = Client(raise_request_exception=False).get("/crash/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
