"""Typo tolerance on PostgreSQL: pg_trgm and a trigram index on document titles.

Creating an extension needs the right privileges. Without them the migration still succeeds
and search simply has no typo tolerance (``knowledge.search`` checks for the extension).
"""

from django.db import DatabaseError, migrations, transaction


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS searchdoc_title_trgm "
        "ON knowledge_searchdocument USING gin (title gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchdoc_title_trgm")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0004_search_boost")]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
