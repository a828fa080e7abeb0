import factory

from cases.models import Contact
from channels_routing.models import CallbackSlot

ALWAYS = {str(d): [["00:00", "24:00"]] for d in range(7)}


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    channel = "message"
    context = factory.LazyFunction(dict)


class CallbackSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallbackSlot

    starts_at = factory.Sequence(
        lambda n: (
            __import__("django.utils.timezone").utils.timezone.now()
            + __import__("datetime").timedelta(hours=2 + n)
        )
    )
    ends_at = factory.LazyAttribute(
        lambda o: o.starts_at + __import__("datetime").timedelta(hours=1)
    )
    capacity = 2
