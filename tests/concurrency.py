"""Several people doing something at the same moment, each in their own thread and database
connection (real transactions: the tests using it run on PostgreSQL)."""

import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connections


def all_at_once(work: Callable[[Any], object], people: Iterable[Any]) -> list[BaseException]:
    """Run ``work(person)`` for every person at once (they start together) and wait for all;
    returns what was raised, for the test to assert on."""
    people = list(people)
    start = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def run(person: Any) -> None:
        try:
            start.wait(10)
            work(person)
        except BaseException as exc:  # reported to the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors
