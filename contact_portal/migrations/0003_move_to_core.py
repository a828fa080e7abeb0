# AuditLog and OutboxMessage now belong to core (core/migrations/0001_initial.py): removed from
# this app's state only; their tables and rows stay.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("contact_portal", "0002_outboxmessage"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AuditLog"),
                migrations.DeleteModel(name="OutboxMessage"),
            ],
            database_operations=[],
        ),
    ]
