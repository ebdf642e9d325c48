"""The site's CSS is inlined in every page, minified without changing what it says."""

from __future__ import annotations

import io
import re
from pathlib import Path, PurePosixPath

import pytest
import tinycss2

from evidence_site import theme
from evidence_site.check import safety
from evidence_site.commands.runner import project_cache, run_build
from evidence_site.present import metadata, style
from evidence_site.records import Project

SCREEN, PRINT = PurePosixPath("static/style.css"), PurePosixPath("static/print.css")


@pytest.mark.parametrize(("css", "minified"), [
    ("/* note */\na {\n  color : red ;\n}\n", "a{color:red}"),
    ('p::after { content: " (" attr(href) ")"; }', 'p::after{content:" (" attr(href) ")"}'),
    ("body { font-family: system-ui, \"Segoe UI\" , Arial; }",
     'body{font-family:system-ui,"Segoe UI",Arial}'),
    ("@media (max-width: 40em) { h1 { margin: 0 0 1rem; } .a > .b { x: 1 !important } }",
     "@media (max-width: 40em){h1{margin:0 0 1rem}.a > .b{x:1!important}}"),
    ("a:not(:has(~ .b)) { grid-column: 1 / -1 }", "a:not(:has(~ .b)){grid-column:1 / -1}"),
    ("@page { size: A4; margin: 14mm 14mm 16mm; }", "@page{size:A4;margin:14mm 14mm 16mm}"),
    ("a { b: url( x.png ) ; c: calc(100vw - 3rem) }", "a{b:url(x.png);c:calc(100vw - 3rem)}"),
    ("a { color: red", "a{color:red}"),  # the end of the file closes the block, as in a browser
])
def test_minify_drops_only_what_means_nothing(css: str, minified: str) -> None:
    assert style.minify(css) == minified


def test_css_tinycss2_cannot_parse_is_kept_as_it_is() -> None:
    css = "a { color: red } } b { color: blue }"
    assert style.minify(css) == css


def words(tokens: list) -> str:
    """Tokens as text: comments out, each run of spaces one space, none beside a comma."""
    text = re.sub(r"\s+", " ", tinycss2.serialize(t for t in tokens if t.type != "comment"))
    return re.sub(r" ?, ?", ",", text).strip()


def outline(rules: list) -> list:
    """What a list of rules says: each rule's head, and its declarations or nested rules."""
    found: list = []
    for rule in rules:
        if rule.type == "declaration":
            found.append((rule.name, words(rule.value), rule.important))
            continue
        head = (rule.type, getattr(rule, "lower_at_keyword", ""), words(rule.prelude))
        if rule.content is None:
            found.append(head)
        elif getattr(rule, "lower_at_keyword", "") == "media":
            found.append((head, outline(tinycss2.parse_rule_list(
                rule.content, skip_comments=True, skip_whitespace=True))))
        else:
            found.append((head, outline(tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True))))
    return found


@pytest.mark.parametrize("name", ["style.css", "print.css"])
def test_the_theme_css_keeps_every_rule_and_declaration(name: str) -> None:
    """Minified, the theme's CSS says the same things in the same order, in less space."""
    css = (theme.STATIC / name).read_text(encoding="utf-8")
    minified = style.minify(css)
    assert outline(tinycss2.parse_stylesheet(minified)) == \
        outline(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    assert len(minified) < 0.85 * len(css)


def test_site_style_puts_print_css_under_media_print_and_hashes_the_result() -> None:
    found = style.site_style({SCREEN: b"p { color: #111 }", PRINT: b"p { color: #000 }"})
    assert found.css == "p{color:#111}@media print{p{color:#000}}"
    assert found.source == safety.style_source(found.css)
    assert found.element == "<style>p{color:#111}@media print{p{color:#000}}</style>"
    assert f"style-src 'self' {found.source};" in metadata.policy(found.source)


def test_a_closing_tag_in_the_css_cannot_end_the_style_element() -> None:
    found = style.site_style({SCREEN: b'a::after { content: "</style><script>" }'})
    assert "</" not in found.css
    assert found.css == 'a::after{content:"<\\/style><script>"}'


def test_without_css_there_is_no_style_element_and_no_hash() -> None:
    assert style.site_style({}) == style.NO_STYLE
    assert style.NO_STYLE.element == ""
    assert "style-src 'self';" in metadata.policy(style.NO_STYLE.source)


def test_a_cached_rebuild_takes_the_new_css(fixture_site: Path, tmp_path: Path) -> None:
    """The CSS is in every page, so the page cache is keyed by it: an edit to the site's
    static/style.css reaches every page of a cached rebuild, as it would a clean one."""
    project = Project(fixture_site)
    (fixture_site / "static").mkdir(exist_ok=True)
    sheet = fixture_site / "static" / "style.css"
    for colour in ("#111", "#222"):
        sheet.write_text(f"body {{ color: {colour}; }}\n", encoding="utf-8")
        for cached in (True, False):
            outcome = run_build(project, tmp_path / f"{colour}-{cached}",
                                cache=project_cache(project, enabled=cached),
                                stdout=io.StringIO(), stderr=io.StringIO())
            assert outcome.ok, outcome.problems
        page = (tmp_path / f"{colour}-True" / "about" / "index.html").read_text(encoding="utf-8")
        assert f"<style>body{{color:{colour}}}@media print{{" in page
        assert page == (tmp_path / f"{colour}-False" / "about" / "index.html").read_text(
            encoding="utf-8")
