import pytest
from django.db import transaction

from tests.security.world import World


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """A's world, made once per module inside a transaction rolled back at the module's end.
    Each test runs in a savepoint within it, so whatever a test changes is undone."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield World().build()
        transaction.set_rollback(True)
