"""Roles are groups with permissions: customer, agent, editor, manager.

Agents work cases in the admin and write article drafts; editors publish articles; managers
also read the reporting pages, publish, and change what customers are told and offered (the
channels with their phone numbers, the routing rules, the callback slots) and the teams.
Permissions are granted per app, so a model added later is covered without touching this
file; the models in MANAGER_ONLY_MODELS are view-only for everyone but managers. The admin
reads these permissions (view versus change per model), so the rights here are the rights
there.
"""

from django.contrib.auth.models import Group, Permission

CUSTOMER = "customer"
AGENT = "agent"
EDITOR = "editor"
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
    "knowledge": ("view", "add", "change", "delete", "publish"),
    # Managers tune the notice rules; notices themselves are a record, changed by detection.
    "notices": ("view", "change"),
}
# Editors write and publish knowledge; they are agents (or managers) as well.
EDITOR_APPS: dict[str, tuple[str, ...]] = {"knowledge": ("view", "add", "change", "publish")}
# Models whose rows decide what every customer is told or offered, and who sees which cases:
# only managers add, change or delete them; everyone else may view.
MANAGER_ONLY_MODELS: dict[str, tuple[str, ...]] = {
    "channels_routing": ("channel", "routingrule", "callbackslot"),
    "cases": ("team", "slapolicy", "teamrule"),
}
MANAGER_EXTRA = [("reporting", "view_reports"), ("core", "view_auditlog")]
# Models that live in a lower app than the one whose people edit them: the contact reasons are
# mystuff data (cases, knowledge and routing all read them) edited with the articles, so they
# carry knowledge's rights.
RIGHTS_OF: dict[tuple[str, str], str] = {("mystuff", "contactreason"): "knowledge"}


def _permissions_for(
    apps: dict[str, tuple[str, ...]], *, managed_view_only: bool = True
) -> list[Permission]:
    found: list[Permission] = []
    labels = {label for label, _model in RIGHTS_OF} | set(apps)
    for perm in Permission.objects.filter(content_type__app_label__in=labels).select_related(
        "content_type"
    ):
        model = perm.content_type.model
        app_label = RIGHTS_OF.get((perm.content_type.app_label, model), perm.content_type.app_label)
        actions = apps.get(app_label)
        if actions is None:
            continue
        managed = MANAGER_ONLY_MODELS.get(app_label, ()) if managed_view_only else ()
        action = perm.codename.split("_", 1)[0]
        if action not in actions:
            continue
        if model in managed and action != "view":
            continue
        found.append(perm)
    return found


def ensure_roles() -> None:
    """Create the three groups and (re)grant their permissions. Safe to run any number of times."""
    Group.objects.get_or_create(name=CUSTOMER)
    agent, _ = Group.objects.get_or_create(name=AGENT)
    agent.permissions.set(_permissions_for(AGENT_APPS))
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.set(_permissions_for(EDITOR_APPS))
    manager, _ = Group.objects.get_or_create(name=MANAGER)
    extra = [
        p
        for app_label, codename in MANAGER_EXTRA
        for p in Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    ]
    manager.permissions.set(_permissions_for(MANAGER_APPS, managed_view_only=False) + extra)
