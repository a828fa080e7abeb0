"""The evaluation set of bench/search_eval.py is worded as customers write, not copied from
the articles it is scored against: a question that is an article's title (in any language,
up to case, accents and punctuation) measures nothing but string matching."""

import json
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

from django.conf import settings

from knowledge.demo_content import ARTICLES

DATA = Path(__file__).resolve().parents[2] / "bench" / "data" / "search_eval.json"
# At or above this likeness a question is a title with a word or two changed.
NEARLY = 0.8


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", text))


def questions() -> list[dict]:
    return json.loads(DATA.read_text())["questions"]


def titles() -> list[tuple[str, str, str]]:
    return [
        (slug, language, normalised(title))
        for slug, *_rest, translations in ARTICLES
        for language, (title, _summary, _body) in translations.items()
    ]


def test_no_question_is_or_nearly_is_an_article_title():
    copied = [
        (question["lang"], question["q"], slug, language)
        for question in questions()
        for slug, language, title in titles()
        if SequenceMatcher(None, normalised(question["q"]), title).ratio() >= NEARLY
    ]
    assert copied == []


def test_the_check_catches_a_title_with_other_case_and_punctuation():
    title = normalised("Waschmaschine pumpt nicht ab")
    assert any(t == title for _slug, _language, t in titles())
    assert SequenceMatcher(None, normalised("waschmaschine PUMPT nicht ab!"), title).ratio() == 1
    assert (
        SequenceMatcher(
            None, normalised("Bestellung stornieren"), normalised("Eine Bestellung stornieren")
        ).ratio()
        >= NEARLY
    )


def test_every_shipped_language_is_evaluated_with_answers_that_exist():
    slugs = {slug for slug, *_rest in ARTICLES}
    by_language: dict[str, int] = {}
    for question in questions():
        assert set(question["answers"]) <= slugs, question
        by_language[question["lang"]] = by_language.get(question["lang"], 0) + 1
    assert set(by_language) == {code for code, _name in settings.LANGUAGES}
    assert min(by_language.values()) >= 5
    assert len(questions()) >= 120
