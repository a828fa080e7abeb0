import factory

from feedback.models import Feedback
from tests.factories import CustomerFactory, ItemFactory


class FeedbackFactory(factory.django.DjangoModelFactory):
    """Item feedback written straight to the table; use the service to test behaviour."""

    class Meta:
        model = Feedback

    customer = factory.SubFactory(CustomerFactory)
    item = factory.SubFactory(ItemFactory, customer=factory.SelfAttribute("..customer"))
    satisfaction = 4
    feeling = 4
    follow_up_requested = False
    item_kind = "order"
