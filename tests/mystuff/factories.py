"""Factories for My Stuff tests (the shared ones are in tests/factories.py)."""

import factory

from mystuff.models import ApiKey, ItemStatusChange
from tests.factories import ItemFactory


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItemStatusChange

    item = factory.SubFactory(ItemFactory)
    from_status = "placed"
    to_status = "shipped"
    source = "shop"


def issue_key(scopes=("ingest",), name="shop") -> tuple[ApiKey, str]:
    return ApiKey.issue(name=name, scopes=list(scopes))
