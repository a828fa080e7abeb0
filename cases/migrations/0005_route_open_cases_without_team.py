"""Every open case gets a team: the ones opened before routing existed go to the default team
(the team with slug "customer-service" when there is one, else the first team, else a new
"Customer service" team), with a timeline entry saying so. Routing rules are new, so there are
none to apply yet."""

from django.db import migrations
from django.utils import timezone

OPEN_STATUSES = ["new", "open", "waiting_customer", "waiting_us"]


def route_open_cases(apps, schema_editor):
    Team = apps.get_model("cases", "Team")
    Case = apps.get_model("cases", "Case")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    waiting = Case.objects.filter(team__isnull=True, status__in=OPEN_STATUSES)
    default = Team.objects.filter(is_default=True).first()
    if default is None:
        if not waiting.exists() and not Team.objects.exists():
            return  # a fresh database: routing makes the default team when it needs one
        default = (
            Team.objects.filter(slug="customer-service").first()
            or Team.objects.order_by("pk").first()
            or Team.objects.create(name="Customer service", slug="customer-service")
        )
        Team.objects.filter(pk=default.pk).update(is_default=True)
    now = timezone.now()
    ids = list(waiting.values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        Case.objects.filter(pk__in=chunk).update(team=default)
        CaseEvent.objects.bulk_create(
            CaseEvent(
                case_id=pk,
                kind="routing",
                public=False,
                body=f"Routed to {default.name}: default team (opened before routing)",
                data={"team": default.pk, "rule": None, "why": []},
                created_at=now,
            )
            for pk in chunk
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_routing_teams_rules_agent_profiles")]

    operations = [migrations.RunPython(route_open_cases, migrations.RunPython.noop)]
