"""Raw HTML in Markdown is rejected with path:line; external links leak nothing."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from helpers import edit, errors_for
from share_helpers import ALEM, build_files

from evidence_site.check import safety

BODY_END = ("- {{ fig.alem_y3.period }}: {{ fig.alem_y3.about }} people "
            "({{ fig.alem_y3.percent }}).\n")


def add_to_body(root: Path, text: str) -> None:
    """Insert lines after the fixture's last bullet (line 29 of content/alemtuzumab.md)."""
    edit(root, ALEM, BODY_END, BODY_END + text)


@pytest.mark.parametrize(("markdown", "message"), [
    ("\n<script>alert(1)</script>\n",
     "raw HTML <script> is not allowed in content; write Markdown instead (HTML in Markdown is "
     "rejected so a pasted snippet cannot run script)"),
    ('\nSee <img src="x.png" onerror="alert(1)"> here.\n',
     "the attribute 'onerror' on <img> is not allowed in content; remove it (inline styles and "
     "scripts are blocked by the pages' security policy)"),
    ("\nA paragraph.\n{: onclick=\"alert(1)\" }\n",
     "the attribute 'onclick' on <p> is not allowed in content; remove it (inline styles and "
     "scripts are blocked by the pages' security policy)"),
    ('\n<p style="color:red">Red</p>\n',
     "the attribute 'style' on <p> is not allowed in content; remove it (inline styles and "
     "scripts are blocked by the pages' security policy)"),
    ("\n[Click me](javascript:alert(1))\n",
     "the link 'javascript:alert(1)' is not allowed; use an https://, mailto: or relative "
     "address"),
    ('\n<iframe src="https://example.com"></iframe>\n',
     "raw HTML <iframe> is not allowed in content; write Markdown instead (HTML in Markdown is "
     "rejected so a pasted snippet cannot run script)"),
])
def test_unsafe_html_in_prose_is_rejected_at_its_line(fixture_site: Path, markdown: str,
                                                      message: str) -> None:
    add_to_body(fixture_site, markdown)
    lines = (fixture_site / ALEM).read_text(encoding="utf-8").split("\n")
    needle = "onclick" if "onclick" in markdown else markdown.strip().split("\n")[0]
    line = next(n for n, text in enumerate(lines, start=1) if needle in text)
    assert errors_for(fixture_site) == [f"content/alemtuzumab.md:{line}: {message}"]


def test_unsafe_html_in_a_key_message_is_rejected(fixture_site: Path) -> None:
    edit(fixture_site, ALEM, '"By the third year', '"<script>x</script> By the third year')
    assert errors_for(fixture_site) == [
        "content/alemtuzumab.md:13: raw HTML <script> is not allowed in content; write Markdown "
        "instead (HTML in Markdown is rejected so a pasted snippet cannot run script)"]


def test_inert_html_is_allowed(fixture_site: Path) -> None:
    """<details>, <abbr>, <sub> and <sup> carry no behaviour, so curators may use them."""
    add_to_body(fixture_site, '\n<details><summary>More</summary>Text</details>\n\n'
                'An <abbr title="multiple sclerosis">MS</abbr> note, H<sub>2</sub>O.\n')
    page = build_files(fixture_site)["alemtuzumab/index.html"]
    assert '<abbr title="multiple sclerosis">MS</abbr>' in page


def test_external_links_in_prose_get_noopener_noreferrer(fixture_site: Path) -> None:
    add_to_body(fixture_site, "\nRead [the paper](https://doi.org/10.1177/1352458518796675).\n")
    page = build_files(fixture_site)["alemtuzumab/index.html"]
    assert ('<a href="https://doi.org/10.1177/1352458518796675" rel="noopener noreferrer">'
            "the paper</a>") in page


def test_add_rel_leaves_internal_links_and_existing_rel_alone() -> None:
    html = '<a href="../x/index.html">x</a> <a href="https://a.org" rel="nofollow">a</a>'
    assert safety.add_rel(html) == html


@pytest.mark.parametrize(("path", "text", "problem"), [
    ("a/index.html", '<img src="https://cdn.example.com/x.png">',
     "loads 'https://cdn.example.com/x.png' from another origin"),
    ("a/index.html", '<link rel="stylesheet" href="//fonts.example.com/f.css">',
     "loads '//fonts.example.com/f.css' from another origin"),
    ("a/index.html", '<svg><image href="https://t.example.com/p.gif"/></svg>',
     "loads 'https://t.example.com/p.gif' from another origin"),
    ("a/index.html", '<p style="background:url(https://t.example.com/p.gif)">x</p>',
     "loads 'https://t.example.com/p.gif' from another origin"),
    ("static/x.css", "@import 'https://fonts.example.com/f.css';",
     "loads 'https://fonts.example.com/f.css' from another origin"),
    ("static/x.css", "body { background: url(https://t.example.com/p.gif) }",
     "loads 'https://t.example.com/p.gif' from another origin"),
    ("a/index.html", '<a href="https://example.com/">out</a>',
     "the link to 'https://example.com/' needs rel=\"noopener noreferrer\""),
])
def test_check_files_catches_third_party_resources(path: str, text: str, problem: str) -> None:
    """The build's own check (run before writing) refuses anything fetched from elsewhere."""
    csp = '<meta http-equiv="Content-Security-Policy" content="x">' if path.endswith("html") else ""
    errors = [str(e) for e in safety.check_files({PurePosixPath(path): csp + text})]
    assert errors[0].startswith(f"site/{path}: {problem}")
    assert len(errors) == 1


def test_check_files_requires_the_csp_meta() -> None:
    errors = safety.check_files({PurePosixPath("x.html"): "<p>hi</p>"})
    assert [str(e) for e in errors] == [
        "site/x.html: has no Content-Security-Policy <meta>; extend base.html"]


def page_with_style(css: str, sources: str) -> str:
    """A page whose CSP allows the given style-src sources and that has one <style>."""
    return (f"<!doctype html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
            f"'self'; style-src 'self' {sources}\"><title>x</title><style>{css}</style><p>x</p>")


def test_an_inline_style_allowed_by_its_hash_passes() -> None:
    css = "p{color:#111}"
    page = page_with_style(css, safety.style_source(css))
    assert safety.check_files({PurePosixPath("x.html"): page}) == []


@pytest.mark.parametrize("sources", ["", "'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='",
                                     "'self'"])
def test_an_inline_style_whose_hash_is_not_in_the_csp_fails(sources: str) -> None:
    """Say a template's <style> was edited after the policy was made: the browser would drop it."""
    css = "p{color:#111}"
    page = page_with_style(css, sources)
    assert [str(e) for e in safety.check_files({PurePosixPath("x.html"): page})] == [
        f"site/x.html: has a <style> its Content-Security-Policy does not allow "
        f"({safety.style_source(css)} is not in style-src); inline CSS comes from "
        "static/style.css through base.html"]


def test_a_second_inline_style_needs_its_own_hash() -> None:
    css = "p{color:#111}"
    page = page_with_style(css, safety.style_source(css)).replace(
        "<p>x</p>", "<style>p{color:red}</style><p>x</p>")
    errors = [str(e) for e in safety.check_files({PurePosixPath("x.html"): page})]
    assert len(errors) == 1
    assert safety.style_source("p{color:red}") in errors[0]


def test_unsafe_inline_styles_fail_even_with_the_right_hash() -> None:
    css = "p{color:#111}"
    page = page_with_style(css, f"'unsafe-inline' {safety.style_source(css)}")
    assert [str(e) for e in safety.check_files({PurePosixPath("x.html"): page})] == [
        "site/x.html: its Content-Security-Policy allows 'unsafe-inline' styles; allow the "
        "site's <style> by its hash instead (base.html does)"]



@pytest.mark.parametrize(("css", "urls"), [
    ("a{background:URL(x.png)}", ["x.png"]),
    ("a{background:u\\72l(x.png)}", ["x.png"]),
    ('@IMPORT "y.css";', ["y.css"]),
    ('@\\69mport "y.css";', ["y.css"]),
    ('a{background:-webkit-image-set("z.png" 1x)}', ["z.png"]),
    ("a{color:red !important}", []),
    ("a{content:'\\201C'}", []),
])
def test_css_is_tokenized_whenever_it_may_name_an_address(css: str, urls: list[str]) -> None:
    """CSS holding url, @import, image-set or an escape is read by tinycss2; any other CSS
    (the theme's stylesheets) names no address, which tinycss2 agrees with."""
    import tinycss2
    from helpers import REPO

    assert safety.css_urls(css) == urls
    for sheet in (REPO / "evidence_site" / "theme" / "static").glob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        assert not safety._MAY_FETCH.search(text)
        assert safety._token_urls(tinycss2.parse_component_value_list(text)) == []
