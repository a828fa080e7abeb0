# ContactReason now lives in mystuff (mystuff/migrations/0006_contactreason_moved_here.py):
# removed from this app's state only; the table, knowledge_article_reasons and the rows stay.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0006_contact_moved_here'),
        ('channels_routing', '0006_contact_moved_to_cases'),
        ('knowledge', '0010_merge_20261203_0555'),
        ('mystuff', '0006_contactreason_moved_here'),
        ('notices', '0003_contactreason_in_mystuff'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='journey',
                    name='reason',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='journeys', to='mystuff.contactreason'),
                ),
                migrations.AlterField(
                    model_name='journeyevent',
                    name='reason',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='mystuff.contactreason'),
                ),
                migrations.RemoveField(
                    model_name='article',
                    name='reasons',
                ),
                migrations.DeleteModel(
                    name='ContactReason',
                ),
                migrations.AddField(
                    model_name='article',
                    name='reasons',
                    field=models.ManyToManyField(blank=True, related_name='articles', to='mystuff.contactreason', verbose_name='contact reasons'),
                ),
            ],
            database_operations=[],
        ),
    ]
