"""The page cache's other half of the contract (issue 21): no write can forget to refresh.

Saves and deletes refresh through the signals each app registers (test_pagecache_contract.py
checks that every table a cached page reads is registered). What passes the signals is
``QuerySet.update()``, ``bulk_create()`` and ``bulk_update()``: this test reads the source of
every app and fails on such a write to a model whose rows a cached page shows, unless the same
function refreshes (``pagecache.bump``, ``bump_rows``, ``bump_cases``, ``bump_all``) or the
line says why the customer cannot see it: a ``# pagecache: <why>`` comment on the line or the
line above. The demo's seed modules are left out: ``seed_demo`` ends with ``bump_all``.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

from core import pagecache

BULK = {"update", "bulk_create", "bulk_update"}
REFRESH = {"bump", "bump_rows", "bump_cases", "bump_all"}
APPS = [
    "cases",
    "channels_routing",
    "contact_portal",
    "core",
    "feedback",
    "knowledge",
    "live",
    "mystuff",
    "notices",
    "pages",
    "reporting",
]


def _watched_models() -> set[str]:
    """Class names of the models whose saves refresh pages (covered tables have no signals:
    they are written together with rows that do)."""
    watched = {
        table for table, how in pagecache.REGISTERED.items() if not how.startswith("covered")
    }
    return {model.__name__ for model in apps.get_models() if model._meta.db_table in watched}


def _root(node: ast.AST) -> ast.AST:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def _writes_past_signals(tree: ast.AST, models: set[str]):
    """(function, call) for every Model.objects....update/bulk_* call on a watched model."""
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in BULK
            ):
                continue
            root = _root(node.func)
            if isinstance(root, ast.Name) and root.id in models:
                yield function, node


def _refreshes(function: ast.AST) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else None
            if isinstance(node.func, ast.Name):
                name = node.func.id
            if name in REFRESH:
                return True
    return False


def _explained(lines: list[str], call: ast.Call) -> bool:
    first = call.lineno - 1
    nearby = lines[max(first - 1, 0) : (call.end_lineno or call.lineno)]
    return any("# pagecache:" in line for line in nearby)


def test_no_bulk_write_to_a_page_cached_model_forgets_to_refresh():
    models = _watched_models()
    assert {"Case", "Item", "Customer", "Notice"} <= models  # the registry was read
    base = Path(settings.BASE_DIR)
    forgotten = []
    for app in APPS:
        for path in sorted((base / app).rglob("*.py")):
            # The demo's seeding: seed_demo refreshes every page when it ends (bump_all).
            if "migrations" in path.parts or path.stem.startswith("demo"):
                continue
            source = path.read_text()
            lines = source.splitlines()
            for function, call in _writes_past_signals(ast.parse(source), models):
                if not _refreshes(function) and not _explained(lines, call):
                    where = f"{path.relative_to(base)}:{call.lineno} in {function.name}()"
                    forgotten.append(where)
    assert forgotten == [], (
        "Bulk writes to rows a cached page shows, with no pagecache.bump in the function "
        "and no '# pagecache: <why the customer cannot see it>' comment:\n" + "\n".join(forgotten)
    )


def test_the_check_catches_a_forgotten_refresh():
    """The check itself: a function that updates a case in bulk without refreshing is found;
    with a bump, or a reason given, it is not."""
    source = (
        "def forgets():\n"
        "    Case.objects.filter(pk=1).update(subject='x')\n"
        "def refreshes():\n"
        "    Case.objects.filter(pk=1).update(subject='x')\n"
        "    pagecache.bump_cases(1)\n"
        "def explains():\n"
        "    # pagecache: only agents read this column\n"
        "    Case.objects.filter(pk=1).update(first_responded_at=None)\n"
    )
    lines = source.splitlines()
    found = [
        function.name
        for function, call in _writes_past_signals(ast.parse(source), {"Case"})
        if not _refreshes(function) and not _explained(lines, call)
    ]
    assert found == ["forgets"]
