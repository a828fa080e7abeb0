import io

import pytest
from django.core.management import call_command

from feedback.models import Feedback

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_feedback_once_with_a_follow_up_request():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert Feedback.objects.filter(item__external_id="ORD-10231").count() == 1
    assert Feedback.objects.filter(follow_up_requested=True).exists()
