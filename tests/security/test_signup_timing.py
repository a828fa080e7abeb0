"""Sign-up does not reveal whether an address has an account (issue 23 item 9). The time
difference was the password hash a new account costs; both paths now hash once. Measured
in a unit test by counting hashes (the real cost), never by timing."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HASHED: list[str] = []


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"

    def encode(self, password: str, salt: str) -> str:
        HASHED.append(password)
        return super().encode(password, salt)


@pytest.fixture
def counting(settings):
    settings.PASSWORD_HASHERS = ["tests.security.test_signup_timing.CountingHasher"]
    HASHED.clear()
    return HASHED


def _sign_up(client, email):
    password = "A-long-enough-pass-9931"
    return client.post(
        reverse("account_signup"), {"email": email, "password1": password, "password2": password}
    )


def test_both_answers_cost_one_password_hash(client, counting):
    UserFactory(email="taken@example.net")
    counting.clear()
    taken = _sign_up(client, "taken@example.net")
    hashes_for_taken = len(counting)
    counting.clear()
    new = _sign_up(client, "new@example.net")
    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    assert hashes_for_taken == len(counting) == 1
