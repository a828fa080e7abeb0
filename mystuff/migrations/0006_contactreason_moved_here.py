# ContactReason moved here from knowledge: state only, the table knowledge_contactreason and
# its rows stay; its content type (and so its permissions) moves with it.

import django.db.models.deletion
from django.db import migrations, models

from core.migrating import move_content_type


class Migration(migrations.Migration):

    dependencies = [
        ('mystuff', '0005_merge_20261203_0544'),
        ('knowledge', '0010_merge_20261203_0555'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ContactReason',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=80, unique=True)),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('translations', models.JSONField(blank=True, default=dict, verbose_name='translations')),
                        ('item_kinds', models.JSONField(blank=True, default=list, help_text='Kinds of item this reason fits.', verbose_name='item kinds')),
                        ('urgency', models.CharField(choices=[('low', 'Low'), ('normal', 'Normal'), ('high', 'High'), ('critical', 'Critical')], default='normal', max_length=10, verbose_name='default urgency')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                        ('active', models.BooleanField(default=True, verbose_name='active')),
                        ('item_state', models.CharField(choices=[('any', 'in any state'), ('open', 'still in progress'), ('done', 'delivered or completed')], default='any', max_length=10, verbose_name='offered while the item is')),
                        ('within_days', models.PositiveSmallIntegerField(blank=True, help_text="For example 30 for 'It arrived damaged'. Empty: at any age.", null=True, verbose_name="only within days of the item's date")),
                        ('action', models.CharField(blank=True, choices=[('unsubscribe', 'Unsubscribe from these messages')], max_length=20, verbose_name='one-click action')),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='children', to='mystuff.contactreason')),
                    ],
                    options={
                        'verbose_name': 'contact reason',
                        'verbose_name_plural': 'contact reasons',
                        'db_table': 'knowledge_contactreason',
                        'ordering': ['position', 'name'],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_type('knowledge', 'mystuff', 'contactreason'),
    ]
