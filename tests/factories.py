"""Factories for the models every app shares. App-specific ones live in tests/<app>/factories.py."""

from datetime import timedelta
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, User
from django.utils import timezone

from cases.models import Case, Team
from mystuff.models import ContactReason, Customer, Item, ItemKind

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    username = factory.LazyAttribute(lambda o: o.email)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create and extracted:
            from core.roles import ensure_roles

            ensure_roles()
            obj.groups.add(Group.objects.get(name=extracted))
            if extracted in ("agent", "manager"):
                obj.is_staff = True
                obj.save(update_fields=["is_staff"])


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    user = factory.SubFactory(UserFactory, role="customer")
    name = factory.Sequence(lambda n: f"Customer {n}")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "guest@example.org")
    phone = factory.Sequence(lambda n: f"+3160000{n:04d}")


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    customer = factory.SubFactory(CustomerFactory)
    kind = ItemKind.ORDER
    source = "shop"
    external_id = factory.Sequence(lambda n: f"EXT-{n}")
    reference = factory.Sequence(lambda n: f"ORD-{10000 + n}")
    title = "Washing machine WM-800"
    status = "processing"
    value = Decimal("649.00")
    currency = "EUR"
    occurred_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))


class ContactReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactReason

    slug = factory.Sequence(lambda n: f"reason-{n}")
    name = factory.Sequence(lambda n: f"Reason {n}")
    item_kinds = factory.LazyFunction(lambda: [ItemKind.ORDER])


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    customer = factory.SubFactory(CustomerFactory)
    subject = "Where is my order?"
    description = "It was due yesterday."
    team = factory.SubFactory(TeamFactory)
    language = factory.LazyAttribute(lambda case: case.customer.preferred_language)
