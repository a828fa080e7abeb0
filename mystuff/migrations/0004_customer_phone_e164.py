"""Customers' phone numbers in E.164, so a caller's number finds its customer (issue 17)."""

from django.db import migrations


def normalise_phones(apps, schema_editor):
    from mystuff.phones import normalised

    Customer = apps.get_model("mystuff", "Customer")
    changed = []
    for customer in Customer.objects.exclude(phone="").only("id", "phone").iterator(chunk_size=2000):
        phone = normalised(customer.phone)
        if phone != customer.phone:
            customer.phone = phone
            changed.append(customer)
        if len(changed) >= 2000:
            Customer.objects.bulk_update(changed, ["phone"])
            changed = []
    if changed:
        Customer.objects.bulk_update(changed, ["phone"])


class Migration(migrations.Migration):
    dependencies = [("mystuff", "0003_alter_customer_preferred_language")]

    operations = [migrations.RunPython(normalise_phones, migrations.RunPython.noop)]
