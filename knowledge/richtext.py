"""Article bodies: a small Markdown-like text rendered to safe HTML, and search highlighting.

Editors write plain text with a few marks; nothing they type is ever passed through as HTML.
Everything is escaped first, then only these marks become tags:

- a blank line separates paragraphs; a single line break stays a line break
- ``## Heading`` and ``### Heading``
- lines starting with ``- `` (or ``* ``) make a bulleted list, ``1. `` a numbered list
- ``**bold**`` and ``*italic*``
- ``[text](https://example.com)`` links, only to http(s), mailto: or this site (``/...``)
"""

import re
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
# Applied to escaped text, so the URL cannot contain a quote or an angle bracket.
_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|mailto:|/)[^\s)]*)\)")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+(.*)$")
_HEADING = re.compile(r"^(#{2,3})\s+(.*)$")

# Markers for highlighted matches, chosen so they cannot occur in text people type.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_STOP = "\x03"


def _inline(escaped: str) -> str:
    def link(match: re.Match[str]) -> str:
        text, url = match.group(1), match.group(2)
        # Protocol-relative: another site pretending to be ours. Browsers read a backslash as
        # a slash, so "/\\evil.example" leaves the site just like "//evil.example".
        if url.startswith(("//", "/\\")):
            return match.group(0)
        rel = "" if url.startswith("/") else ' rel="nofollow noopener"'
        return f'<a href="{url}"{rel}>{text}</a>'

    bold = _BOLD.sub(r"<strong>\1</strong>", _LINK.sub(link, escaped))
    return _ITALIC.sub(r"<em>\1</em>", bold)


def _render_block(lines: list[str]) -> str:
    heading = _HEADING.match(lines[0])
    if heading and len(lines) == 1:
        level = 2 if len(heading.group(1)) == 2 else 3
        return f"<h{level}>{_inline(escape(heading.group(2).strip()))}</h{level}>"
    for pattern, tag in ((_BULLET, "ul"), (_NUMBERED, "ol")):
        matches = [pattern.match(line) for line in lines]
        if all(matches):
            items = "".join(f"<li>{_inline(escape(m.group(1).strip()))}</li>" for m in matches if m)
            return f"<{tag}>{items}</{tag}>"
    return "<p>" + "<br>".join(_inline(escape(line.strip())) for line in lines) + "</p>"


def render(text: str) -> SafeString:
    """Render an article body to HTML. Anything that is not one of the marks stays text."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        # A heading always stands alone, even without a blank line around it.
        if _HEADING.match(line.strip()):
            if current:
                blocks.append(current)
                current = []
            blocks.append([line.strip()])
            continue
        current.append(line.strip())
    if current:
        blocks.append(current)
    # Every block was escaped before marks were added.
    return mark_safe("\n".join(_render_block(block) for block in blocks))  # noqa: S308  # nosec B308 B703


def plain_text(text: str) -> str:
    """The words of a body without the marks, for search and summaries."""
    text = _LINK.sub(r"\1", text)
    text = _ITALIC.sub(r"\1", text.replace("**", ""))
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        for pattern in (_HEADING, _BULLET, _NUMBERED):
            match = pattern.match(stripped)
            if match:
                stripped = match.group(match.lastindex or 1)
                break
        lines.append(stripped)
    return "\n".join(lines).strip()


def render_post(text: str) -> SafeString:
    """A community post: escaped text, paragraphs and line breaks, no other marks."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )
    return mark_safe(html)  # noqa: S308  # nosec B308 B703 - escaped above


def from_headline(marked: str) -> SafeString:
    """Escape a snippet whose matches are wrapped in the highlight markers, then mark them."""
    escaped = str(escape(marked))
    html = escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308  # nosec B308 B703 - escaped above


def highlight(text: str, words: Iterable[str], *, length: int = 200) -> SafeString:
    """A snippet of ``text`` around the first match with every match highlighted.

    The fallback for databases without ``ts_headline``: case-insensitive, word prefixes match
    (so "deliver" marks "delivery").
    """
    text = " ".join(text.split())
    words = [w for w in words if w]
    if not words:
        return from_headline(_shorten(text, 0, length))
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\w*",
        re.IGNORECASE,
    )
    first = pattern.search(text)
    start = max(0, first.start() - length // 3) if first else 0
    snippet = _shorten(text, start, length)
    marked = pattern.sub(lambda m: f"{HIGHLIGHT_START}{m.group(0)}{HIGHLIGHT_STOP}", snippet)
    return from_headline(marked)


def _shorten(text: str, start: int, length: int) -> str:
    flat = text
    if start:
        # Do not cut a word in half at the start.
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    snippet = flat[start : start + length]
    if start + length < len(flat):
        snippet = snippet.rsplit(" ", 1)[0] + " …"
    if start:
        snippet = "… " + snippet
    return snippet
