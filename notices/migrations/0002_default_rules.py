from django.db import migrations

# The defaults of notices.rules.DEFAULT_OFFSET_HOURS when this migration was written.
DEFAULTS = {
    "order_late": 2,
    "visit_moved": 0,
    "visit_missed": 2,
    "quote_expiring": -48,
    "subscription_renewing": -168,
    "promise_late": 0,
}


def create_rules(apps, schema_editor):
    NoticeRule = apps.get_model("notices", "NoticeRule")
    for kind, offset in DEFAULTS.items():
        NoticeRule.objects.get_or_create(kind=kind, defaults={"offset_hours": offset})


class Migration(migrations.Migration):
    dependencies = [("notices", "0001_notices_and_rules")]

    operations = [migrations.RunPython(create_rules, migrations.RunPython.noop)]
