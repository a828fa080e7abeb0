"""Helpers for migrations that move a model to another app while keeping its table and rows.

The model's state moves with ``SeparateDatabaseAndState`` (no database operation; the model
keeps ``db_table`` = the old table). ``move_content_type`` renames the model's content type as
well, so its permissions (and the groups and users holding them) and the admin's history follow
the model instead of being left behind under the old app label.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def move_content_type(old_app: str, new_app: str, model: str) -> migrations.RunPython:
    def forward(apps: Any, schema_editor: Any) -> None:
        _rename(apps, schema_editor, old_app, new_app)

    def backward(apps: Any, schema_editor: Any) -> None:
        _rename(apps, schema_editor, new_app, old_app)

    def _rename(apps: Any, schema_editor: Any, source: str, target: str) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        rows = content_type.objects.using(db)
        if rows.filter(app_label=target, model=model).exists():
            return  # already there (created by a migrate that ran before this one)
        rows.filter(app_label=source, model=model).update(app_label=target)
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()

    return migrations.RunPython(forward, backward, elidable=False)
