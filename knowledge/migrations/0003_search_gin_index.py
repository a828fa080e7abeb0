"""The full-text GIN index, on PostgreSQL only.

It is not declared in ``SearchDocument.Meta`` because SQLite cannot create a GIN index; the
model state does not need it, the database does.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS searchdoc_vector_gin "
        "ON knowledge_searchdocument USING gin (search_vector)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS searchdoc_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_community_search_revisions")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
