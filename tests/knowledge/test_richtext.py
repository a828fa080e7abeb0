import pytest

from knowledge.richtext import highlight, plain_text, render, render_post


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Hello", "<p>Hello</p>"),
        ("one\ntwo", "<p>one<br>two</p>"),
        ("one\n\ntwo", "<p>one</p>\n<p>two</p>"),
        ("## Before you start", "<h2>Before you start</h2>"),
        ("### Small", "<h3>Small</h3>"),
        ("- a\n- b", "<ul><li>a</li><li>b</li></ul>"),
        ("1. a\n2. b", "<ol><li>a</li><li>b</li></ol>"),
        ("**bold** text", "<p><strong>bold</strong> text</p>"),
        ("a *rinse* run", "<p>a <em>rinse</em> run</p>"),
        ("2 * 3 * 4", "<p>2 * 3 * 4</p>"),
        (
            "[Track](https://example.com/t)",
            '<p><a href="https://example.com/t" rel="nofollow noopener">Track</a></p>',
        ),
        ("[Help](/help/)", '<p><a href="/help/">Help</a></p>'),
        # Everything else stays text.
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
        ("[x](//evil.example)", "<p>[x](//evil.example)</p>"),
        # A quote in a URL stays inside the attribute, escaped.
        (
            '[x](https://a.example/"onmouseover=alert(1))',
            '<p><a href="https://a.example/&quot;onmouseover=alert(1" rel="nofollow noopener">'
            "x</a>)</p>",
        ),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
        ("Intro\n## Heading\nMore", "<p>Intro</p>\n<h2>Heading</h2>\n<p>More</p>"),
    ],
)
def test_it_renders_the_small_markup_and_escapes_the_rest(text, html):
    assert render(text) == html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("## Title\n- **one**\n1. [two](/x)", "Title\none\ntwo"),
        ("plain", "plain"),
    ],
)
def test_it_strips_the_marks_for_search(text, expected):
    assert plain_text(text) == expected


def test_it_escapes_community_posts():
    assert render_post("<b>hi</b>\n\nnext") == "<p>&lt;b&gt;hi&lt;/b&gt;</p><p>next</p>"


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Your delivery is late", ["deliver"], "Your <mark>delivery</mark> is late"),
        ("Return <b>it</b>", ["return"], "<mark>Return</mark> &lt;b&gt;it&lt;/b&gt;"),
        ("nothing here", ["zebra"], "nothing here"),
        ("Late DELIVERY", ["delivery"], "Late <mark>DELIVERY</mark>"),
    ],
)
def test_it_highlights_matches_safely(text, words, expected):
    assert highlight(text, words) == expected
