"""Roles are groups with permissions: customer, agent, manager.

Agents work cases in the admin; managers also read the reporting pages and edit the
knowledge base and routing rules. Permissions are granted per app, so a model added later
is covered without touching this file.
"""

from django.contrib.auth.models import Group, Permission

CUSTOMER = "customer"
AGENT = "agent"
MANAGER = "manager"

# app label -> actions agents may take on every model of that app
AGENT_APPS: dict[str, tuple[str, ...]] = {
    "cases": ("view", "add", "change"),
    "channels_routing": ("view", "add", "change"),
    "feedback": ("view", "change"),
    "mystuff": ("view", "erase"),
    "knowledge": ("view", "add", "change"),
    "notices": ("view",),
}
MANAGER_APPS: dict[str, tuple[str, ...]] = {
    "cases": ("view", "add", "change", "delete"),
    "channels_routing": ("view", "add", "change", "delete"),
    "feedback": ("view", "change"),
    "mystuff": ("view", "add", "change", "erase"),
    "knowledge": ("view", "add", "change", "delete"),
    # Managers tune the notice rules; notices themselves are a record, changed by detection.
    "notices": ("view", "change"),
}
MANAGER_EXTRA = [("reporting", "view_reports"), ("contact_portal", "view_auditlog")]


def _permissions_for(apps: dict[str, tuple[str, ...]]) -> list[Permission]:
    found: list[Permission] = []
    for app_label, actions in apps.items():
        for perm in Permission.objects.filter(content_type__app_label=app_label):
            if perm.codename.split("_", 1)[0] in actions:
                found.append(perm)
    return found


def ensure_roles() -> None:
    """Create the three groups and (re)grant their permissions. Safe to run any number of times."""
    Group.objects.get_or_create(name=CUSTOMER)
    agent, _ = Group.objects.get_or_create(name=AGENT)
    agent.permissions.set(_permissions_for(AGENT_APPS))
    manager, _ = Group.objects.get_or_create(name=MANAGER)
    extra = [
        p
        for app_label, codename in MANAGER_EXTRA
        for p in Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    ]
    manager.permissions.set(_permissions_for(MANAGER_APPS) + extra)
