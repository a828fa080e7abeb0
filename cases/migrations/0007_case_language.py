"""Cases know their language (the customer's when the case opened), so Next case and push
prefer agents who speak it. Open cases take their customer's language now; closed ones keep
none, as nothing routes them any more."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

OPEN_STATUSES = ["new", "open", "waiting_customer", "waiting_us"]


def open_cases_take_their_customers_language(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Customer = apps.get_model("mystuff", "Customer")
    language = Customer.objects.filter(pk=OuterRef("customer_id")).values("preferred_language")
    Case.objects.filter(status__in=OPEN_STATUSES).update(language=Subquery(language[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0006_contact_moved_here'),
        ('mystuff', '0006_contactreason_moved_here'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='language',
            field=models.CharField(blank=True, db_default='', default='', max_length=8, verbose_name='language'),
        ),
        migrations.RunPython(
            open_cases_take_their_customers_language, migrations.RunPython.noop
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('owner__isnull', True), ('status__in', ['new', 'open', 'waiting_customer', 'waiting_us'])), fields=['team', 'language', 'first_response_due', 'created_at', 'id'], name='case_next_language_idx'),
        ),
    ]
