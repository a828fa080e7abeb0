"""The languages we ship are the catalogs in locale/: dropping in one catalog adds a language.

English is the source language and always first; the others follow in a fixed order where we
have one, then any newly dropped-in catalog alphabetically. Names are the language's own name.
"""

from pathlib import Path

from django.conf.locale import LANG_INFO

SOURCE_LANGUAGE = "en"
ORDER = ["en", "nl", "de", "fr", "es", "it", "pt", "pl", "ar"]


def discover(locale_dir: Path) -> list[tuple[str, str]]:
    codes = {SOURCE_LANGUAGE}
    if locale_dir.is_dir():
        codes |= {
            p.name
            for p in locale_dir.iterdir()
            if (p / "LC_MESSAGES" / "django.po").exists() and p.name in LANG_INFO
        }
    ordered = [c for c in ORDER if c in codes] + sorted(codes - set(ORDER))
    return [(code, LANG_INFO[code]["name_local"]) for code in ordered]


def language_choices() -> list[tuple[str, str]]:
    """Model field choices that follow settings.LANGUAGES without a migration per language."""
    from django.conf import settings

    return list(settings.LANGUAGES)
