"""Every shipped language has a complete, compiled catalog of every string in the code.

A new language is added by dropping its catalog into locale/<code>/LC_MESSAGES/ (settings
discovers it); these tests then hold it to the same standard.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SOURCES = [
    "core",
    "pages",
    "contact_portal",
    "mystuff",
    "knowledge",
    "cases",
    "channels_routing",
    "feedback",
    "reporting",
    "notices",
    "live",
    "templates",
    "manage.py",
]


def _po(code: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.po"))


@pytest.fixture(scope="module")
def extracted_msgids(tmp_path_factory) -> set[str]:
    """Run makemessages on a copy of the sources: the strings the code has today."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext is missing: install Debian's gettext")
    copy = tmp_path_factory.mktemp("sources")
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, copy / name)
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "xx", "--no-obsolete", "-v0"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "contact_portal.settings",
            "PYTHONPATH": str(copy),
        },
    )
    return {e.msgid for e in polib.pofile(str(copy / "locale/xx/LC_MESSAGES/django.po"))}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_catalog_is_complete_and_has_nothing_fuzzy(code):
    po = _po(code)
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_catalog_holds_every_string_of_the_code(code, extracted_msgids):
    missing = extracted_msgids - {e.msgid for e in _po(code) if not e.obsolete}
    assert sorted(missing) == [], "run `make messages` and translate the new strings"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compiled_catalog_matches_the_source(code):
    mo = polib.mofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.mo"))
    compiled = {e.msgid: (e.msgstr, dict(e.msgstr_plural)) for e in mo}
    source = {e.msgid: (e.msgstr, dict(e.msgstr_plural)) for e in _po(code).translated_entries()}
    assert compiled == source, "run `make messages` to compile the catalogs"


@pytest.mark.django_db
def test_arabic_pages_are_right_to_left(client):
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


@pytest.mark.parametrize("code", LANGUAGES)
def test_msgfmt_accepts_the_catalog(code):
    """Placeholders in every translation (and every plural form) match the English."""
    if not shutil.which("msgfmt"):
        pytest.fail("msgfmt is missing: install Debian's gettext")
    po = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
