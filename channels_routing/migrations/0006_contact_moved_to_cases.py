# Contact now lives in cases (cases/migrations/0006_contact_moved_here.py): removed from this
# app's state only; the table, its indexes, constraints and rows stay.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0006_contact_moved_here'),
        ('channels_routing', '0005_merge_20261203_0552'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(
                    model_name='contact',
                    name='contact_requested_idx',
                ),
                migrations.RemoveIndex(
                    model_name='contact',
                    name='contact_case_idx',
                ),
                migrations.RemoveConstraint(
                    model_name='contact',
                    name='contact_idempotency_uniq',
                ),
                migrations.RemoveConstraint(
                    model_name='contact',
                    name='contact_guest_token_uniq',
                ),
                migrations.AlterField(
                    model_name='chatmessage',
                    name='contact',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='chat_messages', to='cases.contact'),
                ),
                migrations.AlterField(
                    model_name='callbackrequest',
                    name='contact',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='callback', to='cases.contact'),
                ),
                migrations.AlterField(
                    model_name='contactattachment',
                    name='contact',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='cases.contact'),
                ),
                migrations.AlterField(
                    model_name='inboundemail',
                    name='contact',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='email', to='cases.contact'),
                ),
                migrations.AlterField(
                    model_name='callrecord',
                    name='contact',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='calls', to='cases.contact'),
                ),
                migrations.AlterField(
                    model_name='referencecode',
                    name='contact',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='reference_code', to='cases.contact'),
                ),
                migrations.DeleteModel(
                    name='Contact',
                ),
            ],
            database_operations=[],
        ),
    ]
