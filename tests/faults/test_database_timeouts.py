"""Every process connects to PostgreSQL with a connect timeout and a statement timeout
(issue 23, item 8): gunicorn's web processes, uvicorn's live processes and anything else that
loads the settings, not only gunicorn. PostgreSQL only (CI's second pass)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db
PROBE = (
    "import json, django; django.setup(); from django.db import connection;"
    "cursor = connection.cursor(); cursor.execute('SHOW statement_timeout');"
    "print(json.dumps({'statement_timeout': cursor.fetchone()[0],"
    "'connect_timeout': connection.get_connection_params().get('connect_timeout')}))"
)


def _new_process_connection(**env: str) -> dict:
    s = connection.settings_dict
    url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DB_", "DJANGO_"))}
    clean.update(DJANGO_SETTINGS_MODULE="contact_portal.settings", DATABASE_URL=url, **env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's timeouts (CI's second pass)")


def test_a_new_connection_of_any_process_has_the_timeouts():
    # No gunicorn here: a uvicorn live process, or a shell, loads the same settings.
    got = _new_process_connection()
    assert got == {"statement_timeout": "10s", "connect_timeout": 5}


def test_the_timeouts_follow_their_variables():
    got = _new_process_connection(DB_STATEMENT_TIMEOUT="3s", DB_CONNECT_TIMEOUT="2")
    assert got == {"statement_timeout": "3s", "connect_timeout": 2}
    # "0" turns the statement timeout off (compose's migrate and worker).
    assert _new_process_connection(DB_STATEMENT_TIMEOUT="0")["statement_timeout"] == "0"


def test_compose_turns_it_off_only_for_migrate_and_the_worker():
    import yaml

    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    off = {n for n, s in services.items() if s.get("environment", {}).get("DB_STATEMENT_TIMEOUT")}
    assert off == {"migrate", "worker"}
    assert {services[n]["environment"]["DB_STATEMENT_TIMEOUT"] for n in off} == {"0"}
