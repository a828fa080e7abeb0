"""The demo logins, shared by seed_demo, `make run` and the README."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, User

from contact_portal.roles import AGENT, CUSTOMER, MANAGER, ensure_roles
from mystuff.models import Customer, Lifecycle, Segment

DEMO_PASSWORD = "need-help-demo"
DEMO_LOGINS = [
    ("customer@example.com", CUSTOMER, "Alex Jansen"),
    ("agent@example.com", AGENT, "Sam Agent"),
    ("manager@example.com", MANAGER, "Morgan Manager"),
]


def ensure_user(email: str, role: str, name: str, password: str = DEMO_PASSWORD) -> User:
    """A user who can sign in with ``email``: verified address, role group, staff for agents."""
    first, _, last = name.partition(" ")
    user, created = User.objects.get_or_create(
        username=email,
        defaults={"email": email, "first_name": first, "last_name": last},
    )
    if created:
        user.set_password(password)
    user.is_staff = role in (AGENT, MANAGER)
    user.save()
    user.groups.add(Group.objects.get(name=role))
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed_users() -> dict[str, User]:
    ensure_roles()
    users = {role: ensure_user(email, role, name) for email, role, name in DEMO_LOGINS}
    Customer.objects.update_or_create(
        user=users[CUSTOMER],
        defaults={
            "name": "Alex Jansen",
            "email": "customer@example.com",
            "phone": "+31612345678",
            "segment": Segment.PREMIUM,
            "lifecycle": Lifecycle.ACTIVE,
            "source": "shop",
            "external_id": "CUST-1001",
        },
    )
    return users
