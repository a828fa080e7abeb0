"""Refused attempts land in the audit log, with who, where and from which address.

The product writes a ``permission_denied`` entry for every 403 (``handler403``) and a
``csrf_failure`` entry for every refused token (tested in test_csrf.py). Another customer's
object answers 404 on purpose, so that ids cannot be probed, and those 404s are not audited;
so the refusals tested here are the 403s: a customer reaching into the staff side for someone
else's contact or post, an agent on the managers' reports.
"""

import pytest
from django.urls import reverse

from core.models import AuditLog

pytestmark = pytest.mark.django_db


def test_a_customer_opening_anothers_chat_on_the_desk_is_refused_and_audited(world):
    url = reverse("channels_routing:desk_chat", args=[world.chat_contact.pk])
    response = world.client("other_customer").get(url)
    assert response.status_code == 403
    entry = AuditLog.objects.get(action="permission_denied", path=url)
    assert entry.actor == world.other_customer.user
    assert entry.ip == "127.0.0.1"


def test_a_customer_trying_to_unhide_a_post_is_refused_and_audited(world):
    url = reverse("knowledge:moderate", args=[world.hidden_question.pk])
    response = world.client("other_customer").post(url, {"action": "show"})
    assert response.status_code == 403
    assert AuditLog.objects.filter(
        action="permission_denied", path=url, actor=world.other_customer.user
    ).exists()
    world.hidden_question.refresh_from_db()
    assert world.hidden_question.hidden


def test_an_agent_exporting_the_managers_reports_is_refused_and_audited(world):
    url = reverse("reporting:export", args=["cases"])
    response = world.client("other_team_agent").get(url)
    assert response.status_code == 403
    entry = AuditLog.objects.get(action="permission_denied", path=url)
    assert entry.actor == world.other_team_agent
