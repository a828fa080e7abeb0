"""The layer contract (pyproject.toml, [tool.importlinter]) holds on the tree and catches a
wrong import: `make lint` runs the same command."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_tree_keeps_its_layers_with_no_exceptions():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Apps in layers KEPT" in result.stdout
    assert "ignore_imports" not in (ROOT / "pyproject.toml").read_text()
    assert not any("ignore_imports" in contract for contract in CONFIG["contracts"])


@pytest.mark.parametrize(
    ("module", "source", "named"),
    [
        # The ground floor reads cases: upward.
        ("mystuff/wrong_layer.py", "from cases.models import Case\n", "mystuff.wrong_layer"),
        # Hidden inside a function, in the shared core: still an import, still upward.
        (
            "core/wrong_layer.py",
            "def customers():\n    from mystuff.models import Customer\n\n    return Customer\n",
            "core.wrong_layer",
        ),
        # Two apps on one floor are independent of each other.
        ("feedback/wrong_layer.py", "import channels_routing.models\n", "feedback.wrong_layer"),
        # Migrations are modules too.
        (
            "cases/migrations/9999_wrong_layer.py",
            "from notices.models import Notice\n",
            "cases.migrations.9999_wrong_layer",
        ),
    ],
)
def test_a_wrong_import_breaks_the_contract(tmp_path, module, source, named):
    for package in CONFIG["root_packages"]:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "templates", "static", "locale"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / module).write_text(source)

    result = lint_imports(tmp_path)

    assert result.returncode != 0
    assert "Apps in layers BROKEN" in result.stdout
    assert named in result.stdout
