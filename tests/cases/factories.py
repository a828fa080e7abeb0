"""Factories for the cases app's own models."""

from datetime import timedelta

import factory
from django.utils import timezone

from cases.models import CaseEvent, Promise
from tests.factories import CaseFactory, TeamFactory


class PromiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Promise

    case = factory.SubFactory(CaseFactory)
    description = "Deliveries will call you to book a new slot"
    team = factory.SubFactory(TeamFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))


class CaseEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseEvent

    case = factory.SubFactory(CaseFactory)
    kind = "reply"
    public = True
    body = "We are on it."
