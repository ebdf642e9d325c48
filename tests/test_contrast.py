"""Colour contrast computed from CSS and SVG colours, without a browser."""

from __future__ import annotations

import pytest

from evidence_site.check import audit, contrast, parse


@pytest.mark.parametrize(("text", "expected"), [
    ("#fff", (255, 255, 255, 1.0)),
    ("#0b4f9c", (11, 79, 156, 1.0)),
    ("#00000080", (0, 0, 0, 128 / 255)),
    ("rgb(10, 20, 30)", (10.0, 20.0, 30.0, 1.0)),
    ("rgb(10 20 30 / 50%)", (10.0, 20.0, 30.0, 0.5)),
    ("rgba(0,0,0,.25)", (0.0, 0.0, 0.0, 0.25)),
    ("hsl(0 0% 100%)", (255.0, 255.0, 255.0, 1.0)),
    ("White", (255, 255, 255, 1.0)),
    ("transparent", (0, 0, 0, 0.0)),
    ("var(--ink)", None),
    ("#12345", None),
    # Beyond the hand-written parser it replaced: every CSS named colour, Color 4 syntax.
    ("rebeccapurple", (102.0, 51.0, 153.0, 1.0)),
    ("Teal", (0.0, 128.0, 128.0, 1.0)),
    ("hwb(0 0% 0%)", (255.0, 0.0, 0.0, 1.0)),
    ("currentcolor", None),
])
def test_parse_colour(text, expected):
    """The colour syntaxes our CSS and vega's SVG use are understood; others give None."""
    assert contrast.parse_colour(text) == expected


@pytest.mark.parametrize(("fg", "bg", "expected"), [
    ((0, 0, 0), (255, 255, 255), 21.0),
    ((255, 255, 255), (255, 255, 255), 1.0),
    ((118, 118, 118), (255, 255, 255), 4.54),  # #767676, the lightest grey that passes on white
])
def test_ratio_matches_wcag(fg, bg, expected):
    """The WCAG contrast ratio, to two decimals."""
    assert round(contrast.ratio(fg, bg), 2) == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("(prefers-color-scheme: dark)", {"dark"}),
    ("screen and (prefers-color-scheme:light)", {"light"}),
    ("print", set()),
    ("(min-width: 40rem)", {"light", "dark"}),
])
def test_media_modes(query, expected):
    """@media blocks apply in the colour schemes they name; print ones never on screen."""
    assert contrast.media_modes(query, frozenset(contrast.MODES)) == expected


def findings(css: str, body: str, mode: str = "") -> list[str]:
    """Contrast findings for a one-page site (in one colour scheme, if given)."""
    page = parse.parse_page(f"<!doctype html><html lang=en><head><title>t</title>"
                            f"<style>{css}</style></head><body>{body}</body></html>")
    root = page.root
    assert list(page.errors) == []
    rules = contrast.stylesheets(audit.PurePosixPath("index.html"), root, {})
    return [str(f) for f in contrast.page_findings(root, rules) if f.mode.startswith(mode)]


def test_variables_cascade_and_dark_mode():
    """Custom properties, specificity and @media dark decide the colours that are compared."""
    css = (":root{--ink:#111;--paper:#fff} @media (prefers-color-scheme: dark){:root{"
           "--ink:#333;--paper:#000}} body{color:var(--ink);background:var(--paper)}"
           "p.ok{color:var(--missing, #eee)}")
    assert findings(css, "<p>dim in the dark</p><p class=ok>fallback</p>") == [
        '<p class="ok"> "fallback": contrast 1.16:1 (#eeeeee on #ffffff) in light mode; '
        "needs 4.5:1",
        '<p> "dim in the dark": contrast 1.66:1 (#333333 on #000000) in dark mode; needs 4.5:1',
    ]


def test_translucent_background_and_inline_style_are_blended():
    """A half-transparent black over white is mid grey; inline styles win over rules."""
    assert findings("div{background:rgba(0,0,0,.5)} p{color:#000}",
                    '<div><p style="color:#555">text</p></div>', "light") == [
        '<p> "text": contrast 1.87:1 (#555555 on #808080) in light mode; needs 4.5:1']


def test_focus_outline_and_hidden_text():
    """A faint focus outline fails 3:1; text that is not displayed is not checked."""
    assert findings("a:focus-visible{outline:2px solid #ddd} .gone{display:none;color:#fff}",
                    '<a href="#x">go</a><p class="gone">hidden</p>', "light") == [
        '<a> "go" focus outline: contrast 1.36:1 (#dddddd on #ffffff) in light mode; '
        "needs 3:1"]


def test_chart_text_and_marks_against_the_chart_background():
    """SVG text needs 4.5:1 and marks 3:1 against vega's background; gridlines are exempt."""
    svg = ('<svg viewBox="0 0 10 10"><rect width="10" height="10" fill="#000"/>'
           '<g fill="none"><g class="mark-rule role-axis-grid"><line stroke="#111"/></g>'
           '<path stroke="#222"/><text fill="#eee" opacity="0.2">faint</text></g></svg>')
    assert findings("", svg, "light") == [
        '<path> chart mark: contrast 1.32:1 (#222222 on #000000) in light mode; needs 3:1',
        '<text> "faint" in a chart: contrast 1.58:1 (#303030 on #000000) in light mode; '
        "needs 4.5:1",
    ]


def test_a_colour_that_cannot_be_computed_is_reported():
    """A colour the check does not understand is a problem, not a silent pass."""
    assert findings("p{color:color-mix(in srgb, red, blue)}", "<p>mixed</p>", "light") == [
        '<p> "mixed": text colour \'color-mix(in srgb, red, blue)\' cannot be checked; write it '
        "as #rrggbb, rgb() or hsl() in light mode"]


def test_root_absolute_stylesheet_of_a_404_page_is_found():
    """A 404 page links its CSS from the host's root; its colours are still checked."""
    root = parse.parse_page('<!doctype html><html lang=en><head><title>t</title><link '
                            'rel=stylesheet href="/ms-evidence/static/s.css"></head>'
                            "<body><p>lost</p></body></html>").root
    files = {audit.PurePosixPath("static/s.css"): b"p{color:#eee}"}
    rules = contrast.stylesheets(audit.PurePosixPath("404.html"), root, files)
    assert [str(f) for f in contrast.page_findings(root, rules) if f.mode == "light"] == [
        '<p> "lost": contrast 1.16:1 (#eeeeee on #ffffff) in light mode; needs 4.5:1']


def test_text_colour_of_a_state_is_checked() -> None:
    """A link too faint on :hover fails: axe-core in the browser sees only the page as loaded."""
    assert findings("a{color:#000} a:hover{color:#ccc}", '<a href="#x">go</a>', "light") == [
        '<a> "go": contrast 1.61:1 (#cccccc on #ffffff) in light mode; needs 4.5:1']
