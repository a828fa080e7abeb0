import pytest

from core.models import AuditLog
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_sign_in_is_audited_with_who_and_where(client, password):
    user = UserFactory(email="audit@example.org")
    client.post("/accounts/login/", {"login": "audit@example.org", "password": password})
    entry = AuditLog.objects.get(action="sign_in")
    assert entry.actor == user
    assert entry.ip == "127.0.0.1"


def test_a_failed_sign_in_is_audited_with_the_login_tried(client):
    UserFactory(email="audit@example.org")
    client.post("/accounts/login/", {"login": "audit@example.org", "password": "wrong"})
    entry = AuditLog.objects.get(action="sign_in_failed")
    assert entry.actor is None
    assert entry.data["login"] == "audit@example.org"


def test_a_refused_page_is_audited_and_explained(customer_client, customer):
    response = customer_client.get("/reports/")
    assert response.status_code == 403
    assert "You can't open this page" in response.content.decode()
    entry = AuditLog.objects.get(action="permission_denied")
    assert entry.actor == customer.user
    assert entry.path == "/reports/"


def test_managers_read_the_audit_log_in_the_admin(client, manager, agent):
    client.force_login(manager)
    assert client.get("/admin/core/auditlog/").status_code == 200
    client.force_login(agent)
    assert client.get("/admin/core/auditlog/").status_code == 403


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/contact_portal/auditlog/", "/admin/core/auditlog/"),
        ("/admin/channels_routing/contact/5/change/", "/admin/cases/contact/5/change/"),
        ("/admin/knowledge/contactreason/?q=x", "/admin/mystuff/contactreason/?q=x"),
    ],
)
def test_admin_addresses_of_moved_models_redirect(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
