"""The documented backup is restorable: ops/check-restore dumps, restores and compares."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres") or not shutil.which("pg_dump"),
    reason="backups are PostgreSQL dumps: runs in the PostgreSQL test run",
)


def test_a_backup_restores_to_an_identical_database():
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env["PYTHON"] = sys.executable
    result = subprocess.run(
        ["bash", "ops/check-restore"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "restore OK" in result.stdout
