"""Models that moved to another app keep their tables and rows.

AuditLog and OutboxMessage (contact_portal -> core), ContactReason (knowledge -> mystuff) and
Contact (channels_routing -> cases) moved with state-only migrations. Migrating back to before
the moves, writing rows with the models as they were, and migrating forward again must find
the same rows through the models where they are now, with their links intact and their content
types (so permissions) moved along.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("contact_portal", "0002_outboxmessage"),
    ("core", None),
    ("mystuff", "0005_merge_20261203_0544"),
    ("knowledge", "0010_merge_20261203_0555"),
    ("cases", "0005_route_open_cases_without_team"),
    ("channels_routing", "0005_merge_20261203_0552"),
    ("notices", "0002_default_rules"),
    ("contenttypes", "0002_remove_content_type_name"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_moved_models_keep_their_rows_links_and_content_types():
    old = _migrate(BEFORE)
    content_type = old.get_model("contenttypes", "ContentType")
    for label, model in [
        ("contact_portal", "auditlog"),
        ("knowledge", "contactreason"),
        ("channels_routing", "contact"),
    ]:
        content_type.objects.get_or_create(app_label=label, model=model)
    old.get_model("contact_portal", "AuditLog").objects.create(action="before_the_move")
    old.get_model("contact_portal", "OutboxMessage").objects.create(task="t", dedupe_key="k")
    reason = old.get_model("knowledge", "ContactReason").objects.create(
        slug="where-is-it", name="Where is it?"
    )
    customer = old.get_model("mystuff", "Customer").objects.create(
        source="shop", external_id="C-1", name="Alex"
    )
    case = old.get_model("cases", "Case").objects.create(
        customer=customer, subject="Late", reason=reason
    )
    contact = old.get_model("channels_routing", "Contact").objects.create(
        customer=customer, case=case, reason=reason, channel="message"
    )
    old.get_model("channels_routing", "ChatMessage").objects.create(contact=contact, body="hi")

    _migrate(_latest())

    from django.contrib.contenttypes.models import ContentType

    from cases.models import Case, Contact
    from channels_routing.models import ChatMessage
    from core.models import AuditLog, OutboxMessage
    from mystuff.models import ContactReason

    assert AuditLog.objects.filter(action="before_the_move").exists()
    assert OutboxMessage.objects.filter(dedupe_key="k").exists()
    moved_reason = ContactReason.objects.get(slug="where-is-it")
    moved_contact = Contact.objects.get(pk=contact.pk)
    assert moved_contact.reason == moved_reason
    assert moved_contact.case == Case.objects.get(pk=case.pk)
    assert Case.objects.get(pk=case.pk).reason == moved_reason
    assert ChatMessage.objects.get(body="hi").contact == moved_contact
    ContentType.objects.clear_cache()
    labels = set(ContentType.objects.values_list("app_label", "model"))
    assert {("core", "auditlog"), ("mystuff", "contactreason"), ("cases", "contact")} <= labels
    assert not {("contact_portal", "auditlog"), ("knowledge", "contactreason")} & labels
    assert ("channels_routing", "contact") not in labels
