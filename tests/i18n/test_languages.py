from django.conf import settings

from core.languages import discover


def test_the_shipped_languages_are_the_catalogs_in_locale():
    assert [code for code, _ in settings.LANGUAGES] == [
        "en",
        "nl",
        "de",
        "fr",
        "es",
        "it",
        "pt",
        "pl",
        "ar",
    ]


def test_dropping_in_one_catalog_adds_a_language(tmp_path):
    for code in ("nl", "sv"):
        (tmp_path / code / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / code / "LC_MESSAGES" / "django.po").write_text("")
    (tmp_path / "not-a-language" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "not-a-language" / "LC_MESSAGES" / "django.po").write_text("")
    (tmp_path / "da").mkdir()  # no catalog inside: not shipped
    assert discover(tmp_path) == [("en", "English"), ("nl", "Nederlands"), ("sv", "svenska")]
