import io

import pytest
from django.core.management import call_command
from django.db.models import Sum

from channels_routing.models import Contact
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
