import io

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from cases.models import Contact
from contact_portal.demo import DEMO_PASSWORD
from reporting.models import ContactDay

pytestmark = pytest.mark.django_db


def test_the_demo_manager_sees_the_demo_contacts_in_the_reports(client):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    counted = ContactDay.objects.aggregate(total=Sum("contacts"))["total"]
    assert counted and counted == Contact.objects.count()
    client.login(username="manager@example.com", password=DEMO_PASSWORD)
    html = client.get("/reports/").content.decode()
    assert "Contact volume by channel" in html
    assert "Nothing in this range." not in html.split("Contact volume by reason")[0]


def test_in_the_zero_config_set_up_the_report_counts_todays_contacts_as_the_database_does(
    client, settings
):
    """``make run``: tasks run eagerly and no beat refreshes the roll-ups after ``seed_demo``."""
    assert settings.CELERY_TASK_ALWAYS_EAGER
    call_command("seed_demo", force=True, stdout=io.StringIO())
    Contact.objects.create(channel="chat")
    Contact.objects.create(channel="message")
    today = timezone.localdate()
    in_database = sum(
        1 for c in Contact.objects.all() if timezone.localdate(c.requested_at) == today
    )
    client.login(username="manager@example.com", password=DEMO_PASSWORD)
    today_only = {"date_from": today.isoformat(), "date_to": today.isoformat()}
    response = client.get("/reports/", today_only)
    volume = next(m for m in response.context["measures"] if m.key == "volume-channel")
    assert volume.summary == [("Contacts", in_database)]
    assert "counted live" in response.content.decode()
