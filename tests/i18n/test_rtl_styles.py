"""Our stylesheets mirror in Arabic: sides are logical (inline-start/end), never left/right.

A ``padding-left`` or ``text-align: left`` stays on the left on a right-to-left page: the
reasons on Need Help read from the wrong edge and list bullets lost their room."""

import re
from pathlib import Path

STYLES = Path(__file__).resolve().parents[2] / "static" / "css"
# Pico (vendored) mirrors itself with [dir=rtl] rules.
OURS = sorted(p for p in STYLES.glob("*.css") if p.name != "pico.min.css")
PHYSICAL = re.compile(
    r"(?:margin|padding|border)-(?:left|right)\b|(?:text-align|float)\s*:\s*(?:left|right)\b"
    r"|(?<![\w-])(?:left|right)\s*:"
)


def test_our_stylesheets_use_logical_sides_only():
    assert OURS, "no stylesheets found"
    found = []
    for path in OURS:
        text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)  # comments may say "left"
        found += [f"{path.name}: {match.group(0)}" for match in PHYSICAL.finditer(text)]
    assert not found, found
