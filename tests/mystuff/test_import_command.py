import json

import pytest
from django.core.management import CommandError, call_command

from mystuff.models import Customer, Item

pytestmark = pytest.mark.django_db


def test_it_imports_customers_and_items_from_json(tmp_path, capsys):
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps(
            {
                "customers": [{"source": "shop", "external_id": "C-1", "name": "Jo"}],
                "items": [
                    {
                        "source": "shop",
                        "external_id": f"ORD-{n}",
                        "customer": "C-1",
                        "kind": "order",
                        "title": "Kettle",
                        "occurred_at": "2026-11-01T09:00:00Z",
                    }
                    for n in range(25)
                ],
            }
        )
    )
    call_command("import_mystuff", str(path), "--batch-size", "10")
    out, err = capsys.readouterr()
    assert "items: 25 created, 0 updated, 0 refused" in out
    assert "25/25 100%" in err
    assert Customer.objects.get(external_id="C-1").items.count() == 25
    call_command("import_mystuff", str(path))
    assert "items: 0 created, 25 updated" in capsys.readouterr().out


def test_it_imports_items_from_csv_and_names_bad_rows(tmp_path, capsys):
    Customer.objects.create(source="shop", external_id="C-1")
    path = tmp_path / "orders.csv"
    path.write_text(
        "source,external_id,customer,kind,title,value,currency,occurred_at,details.carrier\n"
        "shop,ORD-1,C-1,order,Oven,499.00,EUR,2026-11-01T09:00:00Z,HomeFreight\n"
        "shop,ORD-2,C-1,order,Hob,lots,EUR,2026-11-01T09:00:00Z,\n"
    )
    with pytest.raises(CommandError, match="1 records were refused"):
        call_command("import_mystuff", str(path), "--no-progress")
    out = capsys.readouterr().out
    assert "record 2 (ORD-2): value: must be a number" in out
    assert Item.objects.get().details == {"carrier": "HomeFreight"}


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_mystuff", str(tmp_path / "nope.json"))
