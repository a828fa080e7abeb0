# Contact moved here from channels_routing (a contact is case data), and the reasons of cases
# and team rules now point at mystuff.ContactReason: state only, the table
# channels_routing_contact and its rows stay; its content type moves with it.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from core.migrating import move_content_type


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0005_route_open_cases_without_team'),
        ('knowledge', '0010_merge_20261203_0555'),
        ('mystuff', '0006_contactreason_moved_here'),
        ('channels_routing', '0005_merge_20261203_0552'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='case',
                    name='reason',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='cases', to='mystuff.contactreason'),
                ),
                migrations.AlterField(
                    model_name='teamrule',
                    name='reason',
                    field=models.ForeignKey(blank=True, help_text='A parent reason covers its children too.', null=True, on_delete=django.db.models.deletion.CASCADE, to='mystuff.contactreason', verbose_name='contact reason'),
                ),
                migrations.CreateModel(
                    name='Contact',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('channel', models.CharField(choices=[('phone', 'Call us'), ('callback', 'Request a callback'), ('chat', 'Chat now'), ('message', 'Send a message'), ('email', 'Email')], max_length=20, verbose_name='channel')),
                        ('description', models.TextField(blank=True, verbose_name='what the customer wrote')),
                        ('context', models.JSONField(blank=True, default=dict)),
                        ('requested_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('answered_at', models.DateTimeField(blank=True, null=True)),
                        ('ended_at', models.DateTimeField(blank=True, null=True)),
                        ('abandoned_at', models.DateTimeField(blank=True, null=True)),
                        ('idempotency_key', models.CharField(blank=True, max_length=64)),
                        ('guest_email', models.EmailField(blank=True, max_length=254, verbose_name='guest email')),
                        ('guest_token', models.CharField(blank=True, max_length=64)),
                        ('message_sent_at', models.DateTimeField(blank=True, null=True)),
                        ('customer_emailed_at', models.DateTimeField(blank=True, null=True)),
                        ('agent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='answered_contacts', to=settings.AUTH_USER_MODEL, verbose_name='agent')),
                        ('case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contacts', to='cases.case')),
                        ('customer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contacts', to='mystuff.customer')),
                        ('item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='mystuff.item')),
                        ('journey', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='knowledge.journey')),
                        ('reason', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='mystuff.contactreason')),
                    ],
                    options={
                        'verbose_name': 'contact',
                        'verbose_name_plural': 'contacts',
                        'db_table': 'channels_routing_contact',
                        'indexes': [models.Index(fields=['requested_at', 'channel'], name='contact_requested_idx'), models.Index(fields=['case', 'requested_at'], name='contact_case_idx')],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('idempotency_key', ''), _negated=True), fields=('idempotency_key',), name='contact_idempotency_uniq'), models.UniqueConstraint(condition=models.Q(('guest_token', ''), _negated=True), fields=('guest_token',), name='contact_guest_token_uniq')],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_type('channels_routing', 'cases', 'contact'),
    ]
