"""Demo sign-ins every app's demo may create: the password and ``ensure_user``."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, User

from core.roles import AGENT, CUSTOMER, MANAGER

DEMO_PASSWORD = "need-help-demo"
DEMO_LOGINS = [
    ("customer@example.com", CUSTOMER, "Alex Jansen"),
    ("agent@example.com", AGENT, "Sam Agent"),
    ("manager@example.com", MANAGER, "Morgan Manager"),
    # A second agent in other teams (accounts, field engineers): the demo customer's new
    # contacts do not reach Robin's queues.
    ("robin@example.com", AGENT, "Robin Visser"),
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
