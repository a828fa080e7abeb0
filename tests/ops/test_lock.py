"""Reproducible builds: what runs is exactly what the lock files say, and they cover pyproject.

`make` installs requirements-dev.lock with hashes; the image installs requirements.lock. A
dependency added to pyproject.toml without `make lock` fails here, before it reaches CI's
install or an image.
"""

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def locked(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text()
    return {canonicalize_name(n): v for n, v in PIN.findall(text)}


def declared(*, dev: bool) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    if dev:
        reqs += project["optional-dependencies"]["dev"]
    return [Requirement(r) for r in reqs]


@pytest.mark.parametrize(
    ("lock", "dev"), [("requirements.lock", False), ("requirements-dev.lock", True)]
)
def test_every_declared_dependency_is_locked_within_its_range(lock, dev):
    pins = locked(lock)
    for req in declared(dev=dev):
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is in pyproject.toml but not in {lock}: run make lock"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {req.name}=={pins[name]}, outside pyproject's {req.specifier}"
        )


def test_every_pin_carries_hashes():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text())
        for block in blocks:
            if PIN.match(block):
                assert "--hash=sha256:" in block, f"{lock}: {block.splitlines()[0]} has no hash"


def test_the_production_lock_agrees_with_the_dev_lock():
    prod, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    assert {n: v for n, v in dev.items() if n in prod} == prod


def test_the_environment_running_the_suite_has_exactly_the_locked_versions():
    for name, version in locked("requirements-dev.lock").items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            # Markers can leave a pin out on this platform (colorama on Windows, say).
            continue
        assert installed == version, f"{name} {installed} is installed, the lock says {version}"
