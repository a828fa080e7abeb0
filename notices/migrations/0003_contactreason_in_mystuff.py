# The rule's reason now points at mystuff.ContactReason (same table): state only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mystuff', '0006_contactreason_moved_here'),
        ('notices', '0002_default_rules'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='noticerule',
                    name='reason',
                    field=models.ForeignKey(blank=True, help_text='Offered first on Need Help, and the reason of the case a choice opens.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='mystuff.contactreason', verbose_name='contact reason'),
                ),
            ],
            database_operations=[],
        ),
    ]
