"""Every string a person sees in our templates goes through the translation system."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = [
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
]
TEMPLATES = sorted(
    [p for p in (ROOT / "templates").rglob("*.html")]
    + [p for app in APPS for p in (ROOT / app / "templates").rglob("*.html")]
    + [p for app in APPS for p in (ROOT / app / "templates").rglob("*.txt")]
)

BLOCK_TRANSLATE = re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.S)
COMMENT_BLOCK = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
SCRIPT_STYLE = re.compile(r"<(script|style|code|kbd|samp)\b.*?</\1>", re.S | re.I)
# One token with a digit or code punctuation: a reference, URL, CSS class or id, not language.
IDENTIFIER = re.compile(r"^[\w./:#…-]*[\d/_.:#-][\w./:#…-]*$")
VISIBLE_ATTRS = re.compile(
    r"""\b(aria-label|placeholder|title|alt|aria-description)\s*=\s*("[^"]*"|'[^']*')""", re.I
)
HTML_TAG = re.compile(r"<[^>]+>", re.S)
WORD = re.compile(r"[^\W\d_]{2,}")
# Text that is the same in every language.
ALLOWED = {"©", "C-000123"}


def _leftover_text(source: str) -> list[str]:
    text = COMMENT_BLOCK.sub(" ", source)
    text = BLOCK_TRANSLATE.sub(" ", text)
    text = HTML_COMMENT.sub(" ", text)
    text = SCRIPT_STYLE.sub(" ", text)
    problems = []
    for attr, value in VISIBLE_ATTRS.findall(text):
        value = TAG.sub(" ", value[1:-1]).strip()
        if WORD.search(value) and not IDENTIFIER.match(value):
            problems.append(f"{attr}={value}")
    text = HTML_TAG.sub(" ", TAG.sub(" ", text))
    for chunk in re.split(r"\s{2,}|\n", text):
        chunk = chunk.strip()
        if chunk and chunk not in ALLOWED and WORD.search(chunk) and not IDENTIFIER.match(chunk):
            problems.append(chunk)
    return problems


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_untranslated_visible_text(template):
    assert _leftover_text(template.read_text()) == []


def test_the_checker_catches_plain_text():
    assert _leftover_text("<p>Hello there</p>") == ["Hello there"]
    assert _leftover_text('<input placeholder="Search">') == ["placeholder=Search"]
    assert _leftover_text('<p>{% translate "Hello" %} {{ name }}</p>') == []
    assert _leftover_text('<input placeholder="ORD-10388"><code>/api/schema/</code>') == []
