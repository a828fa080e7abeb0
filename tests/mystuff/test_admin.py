import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from mystuff.models import ApiKey, Customer
from tests.factories import CustomerFactory, ItemFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_a_new_key_is_shown_once_and_stored_hashed(admin_client):
    response = admin_client.post(
        reverse("admin:mystuff_apikey_add"), {"name": "Shop", "scopes": ["ingest"]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    secret = html.split('id="api-secret" type="text" readonly value="')[1].split('"')[0]
    key = ApiKey.objects.get()
    assert secret.startswith(f"nh_{key.prefix}_")
    assert secret not in key.key_hash
    assert ApiKey.authenticate(secret) == key
    assert key.scopes == ["ingest"]
    change = admin_client.get(reverse("admin:mystuff_apikey_change", args=[key.pk]))
    assert secret not in change.content.decode()


def test_a_key_needs_a_scope(admin_client):
    response = admin_client.post(reverse("admin:mystuff_apikey_add"), {"name": "Shop"})
    assert response.status_code == 200
    assert not ApiKey.objects.exists()
    assert "This field is required" in response.content.decode()


def test_revoking_a_key_stops_it(admin_client):
    key, secret = ApiKey.issue(name="Shop", scopes=["ingest"])
    admin_client.post(
        reverse("admin:mystuff_apikey_changelist"),
        {"action": "revoke", "_selected_action": [key.pk]},
    )
    assert ApiKey.authenticate(secret) is None


def test_an_agent_with_the_permission_erases_after_confirming(client, agent):
    agent.user_permissions.add(Permission.objects.get(codename="erase_customer"))
    customer = CustomerFactory(name="Jo Visser")
    ItemFactory(customer=customer)
    client.force_login(agent)
    url = reverse("admin:mystuff_customer_changelist")
    data = {"action": "erase_personal_data", "_selected_action": [customer.pk]}
    confirm = client.post(url, data)
    assert confirm.status_code == 200
    assert "cannot be undone" in confirm.content.decode()
    assert Customer.objects.get(pk=customer.pk).name == "Jo Visser"
    client.post(url, {**data, "confirm": "yes"})
    customer.refresh_from_db()
    assert customer.name == "" and customer.erased_at is not None
    assert customer.items.count() == 1


def test_staff_without_the_permission_cannot_erase(client):
    from django.contrib.auth.models import Permission

    customer = CustomerFactory(name="Jo Visser")
    clerk = UserFactory(email="clerk@example.org")
    clerk.is_staff = True
    clerk.save()
    clerk.user_permissions.add(Permission.objects.get(codename="view_customer"))
    client.force_login(clerk)
    url = reverse("admin:mystuff_customer_changelist")
    response = client.post(
        url, {"action": "erase_personal_data", "_selected_action": [customer.pk], "confirm": "yes"}
    )
    assert response.status_code in (200, 302)
    customer.refresh_from_db()
    assert customer.name == "Jo Visser"


def test_a_customer_cannot_open_the_admin(customer_client):
    response = customer_client.get(reverse("admin:mystuff_customer_changelist"))
    assert response.status_code == 302
