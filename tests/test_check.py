"""Stage 5: the finished site is checked in memory, before a single file is written."""

from __future__ import annotations

from pathlib import PurePosixPath as P

import pytest

from evidence_site.check import safety
from evidence_site.check import site as check

CSS = {P("static/style.css"): b"body { color: black; }"}


def page(body: str = "", *, head: str = "", lang: str = "en") -> str:
    """A page that passes every check except what the test puts in it."""
    return (
        f'<!doctype html><html lang="{lang}"><head><title>T</title>'
        f'<meta name="description" content="D">{head}</head>'
        f'<body><h1 id="top">T</h1>{body}</body></html>'
    )


def problems(files: dict) -> list[str]:
    return [str(e) for e in check.check_site(files)]


def test_good_site_has_no_problems() -> None:
    """Links to pages, folders, anchors, mail and other sites' pages are all fine."""
    files = {
        P("index.html"): page(
            '<a href="about/index.html#how">About</a> <a href="about/">A</a>'
            '<a href="mailto:x@example.org">Mail</a>'
            '<a href="https://doi.org/10.1/x">Paper</a>',
            head='<link rel="stylesheet" href="static/style.css">',
        ),
        P("about/index.html"): page(
            '<h2 id="how">How</h2><a href="../index.html#top">Home</a><a href="#how">Here</a>'
        ),
        **CSS,
    }
    assert problems(files) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('<a href="nowhere/index.html">x</a>', "link to 'nowhere/index.html' goes nowhere"),
        ('<a href="#missing">x</a>', "link to '#missing': no element with id 'missing'"),
        ('<a href="../up.html">x</a>', "link to '../up.html' leaves the site"),
        (
            '<img src="https://cdn.example.com/a.png" alt="">',
            "<img src='https://cdn.example.com/a.png'> loads from another origin; "
            "host it in static/",
        ),
        (
            '<script src="//cdn.example.com/vega.js"></script>',
            "<script src='//cdn.example.com/vega.js'> loads from another origin; "
            "host it in static/",
        ),
        (
            '<svg><image xlink:href="https://e.org/x.png"/></svg>',
            "<image xlink:href='https://e.org/x.png'> loads from another origin; "
            "host it in static/",
        ),
        (
            '<p style="background: url(https://e.org/bg.png)">x</p>',
            "url('https://e.org/bg.png') loads from another origin; host it in static/",
        ),
        (
            "<style>@import 'https://fonts.example.com/a.css';</style>",
            "url('https://fonts.example.com/a.css') loads from another origin; host it in static/",
        ),
    ],
)
def test_page_problems(body: str, message: str) -> None:
    """Each broken link or third-party fetch is named on the page that has it."""
    assert problems({P("index.html"): page(body)}) == [f"site/index.html: {message}"]


def test_external_stylesheet_is_refused() -> None:
    """A <link rel=stylesheet> to another origin would be a third-party request."""
    files = {P("index.html"): page(head='<link rel="stylesheet" href="https://cdn.e.org/x.css">')}
    assert problems(files) == [
        "site/index.html: <link href='https://cdn.e.org/x.css'> loads from another origin; "
        "host it in static/"
    ]


def test_css_file_fetching_from_another_origin() -> None:
    """A stylesheet's url() and @import are checked like a page's src."""
    files = {
        P("index.html"): page(),
        P(
            "static/style.css"
        ): b"@import url(https://fonts.example.com/x.css); a { background: url(bg.png) }",
    }
    assert problems(files) == [
        "site/static/style.css: url('https://fonts.example.com/x.css') loads from "
        "another origin; host it in static/",
        "site/static/style.css: link to 'bg.png' goes nowhere",
    ]


# The payloads a regular expression once missed: one definition (safety.css_urls) serves both
# this check and safety's, so each is caught by both.
HIDDEN_FETCHES = [
    ("a { background: URL(//t.example.com/p.gif) }", "//t.example.com/p.gif"),
    ('@IMPORT "//fonts.example.com/f.css";', "//fonts.example.com/f.css"),
    ("a { background: u\\72l(//t.example.com/e.gif) }", "//t.example.com/e.gif"),
    ('a { background: image-set("//t.example.com/s.png" 1x) }', "//t.example.com/s.png"),
    ('@font-face { font-family: F; src: local(F), url("https://t.example.com/f.woff2") }',
     "https://t.example.com/f.woff2"),
    ("@media screen { a { background: -webkit-image-set(url(//t.example.com/w.png) 2x) } }",
     "//t.example.com/w.png"),
]


@pytest.mark.parametrize(("css", "url"), HIDDEN_FETCHES)
def test_hidden_css_fetches_are_caught_by_both_checks(css: str, url: str) -> None:
    """Capitals, an escape or image-set() hide no fetch from check.py or safety.py."""
    files = {P("index.html"): page(), P("static/style.css"): css}
    assert problems(files) == [
        f"site/static/style.css: url({url!r}) loads from another origin; host it in static/"]
    assert [str(e) for e in safety.check_files(files) if "style.css" in str(e)] == [
        f"site/static/style.css: loads {url!r} from another origin; put the file in static/ "
        "instead"]


def test_css_in_strings_and_comments_fetches_nothing() -> None:
    """A url() inside a CSS string or comment is text, not a fetch."""
    css = '/* url(//a.example.com/x) */ a::after { content: "url(//b.example.com/y)" }'
    assert safety.css_urls(css) == []


def test_page_structure() -> None:
    """Every page has a language, one <h1>, a <title> and a meta description."""
    bad = "<!doctype html><html><head></head><body><h1>A</h1><h1>B</h1></body></html>"
    assert problems({P("index.html"): bad}) == [
        "site/index.html: <html> has no lang",
        "site/index.html: has 2 <h1> elements; give it one",
        "site/index.html: has no <title>",
        'site/index.html: has no <meta name="description"> with content; search results show it',
    ]


def test_srcset_and_refresh_are_fetches_for_both_checks() -> None:
    """Each srcset candidate and a meta refresh are addresses the browser fetches (both checks
    read them from safety.references), and a plain link elsewhere is not a fetch."""
    csp = '<meta http-equiv="Content-Security-Policy" content="x">'
    files = {P("img/a.png"): b"", P("index.html"): page(
        '<img alt="" src="img/a.png" srcset="img/a.png 1x, //t.example.com/b.png 2x">'
        '<img alt="" srcset="img/missing.png">'
        '<map name="m"><area href="https://example.org/" alt="x"></map>',
        head=f'{csp}<meta http-equiv="refresh" content="0; url=https://t.example.com/r">')}
    assert problems(files) == [
        "site/index.html: <meta content='https://t.example.com/r'> loads from another origin; "
        "host it in static/",
        "site/index.html: <img srcset='//t.example.com/b.png'> loads from another origin; "
        "host it in static/",
        "site/index.html: link to 'img/missing.png' goes nowhere",
    ]
    assert [str(e) for e in safety.check_files(files)] == [
        f"site/index.html: loads {url!r} from another origin; put the file in static/ instead"
        for url in ("https://t.example.com/r", "//t.example.com/b.png")]


def test_one_parse_serves_every_check_of_a_page() -> None:
    """The build's checks and the deeper audit of a page share one parse of its text."""
    from evidence_site.check import parse

    html = page('<main><p>One short sentence for the reader.</p></main>')
    parse.parse_page.cache_clear()
    checked = check.check_build({P("index.html"): html}, {}, 8.0, strict=True)
    assert parse.parse_page.cache_info().misses == 1
    assert checked.readings and checked.errors  # (no CSP meta: a safety error)
