"""Whole-site promises: same bytes every time, nothing from other origins, honest real data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from helpers import REPO, copy_project, snapshot

from evidence_site import pipeline
from evidence_site.check import audit
from evidence_site.publish.write import write_site
from evidence_site.records import Project

_CSS_FETCH = re.compile(r"url\(\s*['\"]?([^'\")\s]+)|@import\s+['\"]([^'\"]+)", re.I)
_OTHER_ORIGIN = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
# <link rel> values that make the browser fetch; canonical/alternate links are only addresses.
_FETCHING_RELS = {"stylesheet", "icon", "preload", "prefetch", "manifest", "modulepreload",
                  "apple-touch-icon", "dns-prefetch", "preconnect"}


class Fetches(HTMLParser):
    """Collect every address in a page that is not a plain link (<a href>) or a namespace."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag == "style"
        rels = set((dict(attrs).get("rel") or "").lower().split())
        for name, value in attrs:
            value = value or ""
            if (tag, name) == ("a", "href") or name.startswith("xmlns"):
                continue
            if (tag, name) == ("meta", "content") and "refresh" not in str(dict(attrs)).lower():
                continue  # link-preview addresses (og:url, og:image) are read by other sites
            if (tag, name) == ("link", "href") and not rels & _FETCHING_RELS:
                continue
            if name == "style":
                self.found += [a or b for a, b in _CSS_FETCH.findall(value)]
            elif "//" in value:
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.found += [a or b for a, b in _CSS_FETCH.findall(data)]


def other_origins(files: Mapping[PurePosixPath, str | bytes]) -> list[str]:
    """Every reference in an HTML or CSS file that would make the browser call another site."""
    found = []
    for path, content in sorted(files.items()):
        if path.suffix not in (".css", ".html", ".svg"):
            continue
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        if path.suffix == ".css":
            urls = [a or b for a, b in _CSS_FETCH.findall(text)]
        elif path.suffix in (".html", ".svg"):
            parser = Fetches()
            parser.feed(text)
            urls = parser.found
        else:
            continue
        found += [f"{path}: {u}" for u in urls if u.startswith("<") or _OTHER_ORIGIN.match(u)]
    return found


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """The same inputs in two different folders give the same bytes (no clock, ids or paths)."""
    first = copy_project("minimal", tmp_path / "one")
    second = copy_project("minimal", tmp_path / "elsewhere" / "two")
    for root in (first, second):
        write_site(pipeline.build(Project(root)).files, root / "site")
    assert snapshot(first / "site") == snapshot(second / "site")


def test_fixture_site_fetches_nothing_from_other_origins(minimal_build: pipeline.Site) -> None:
    """No page or stylesheet of the fixture site loads anything from another origin."""
    files = minimal_build.files
    assert {".css", ".html", ".svg"} <= {p.suffix for p in files}
    assert other_origins(files) == []


def test_other_origins_finds_each_kind_of_fetch() -> None:
    """The scan above catches src, stylesheets, inline SVG images and CSS url()/@import."""
    page = (
        '<html><head><link rel="stylesheet" href="https://cdn.e.org/a.css">'
        '<link rel="canonical" href="https://e.org/x/"><meta property="og:url" '
        'content="https://e.org/x/"></head><body>'
        '<a href="https://doi.org/10.1/x">paper</a><svg xmlns="http://www.w3.org/2000/svg">'
        '<image href="//e.org/i.png"/></svg><img src="https://e.org/p.png">'
        "<p style=\"background:url('https://e.org/b.png')\"></p>"
        "<style>@import 'https://e.org/f.css';</style></body></html>"
    )
    files = {
        PurePosixPath("index.html"): page,
        PurePosixPath("static/s.css"): b"a{background:url(https://e.org/c.png)}",
    }
    assert other_origins(files) == [
        "index.html: <link href='https://cdn.e.org/a.css'>",
        "index.html: <image href='//e.org/i.png'>",
        "index.html: <img src='https://e.org/p.png'>",
        "index.html: https://e.org/b.png",
        "index.html: https://e.org/f.css",
        "static/s.css: https://e.org/c.png",
    ]


def test_real_site_builds_strict_with_no_warnings(real_build: pipeline.Site) -> None:
    """The published site has no typed numbers, no unchecked data and no broken links: what
    --strict refuses (any warning, then audit's findings) is empty."""
    assert real_build.warnings == ()
    assert audit.audit_site(real_build.files) == []
    assert PurePosixPath("alemtuzumab-infections/index.html") in real_build.files


def test_real_site_fetches_nothing_from_other_origins(real_build: pipeline.Site) -> None:
    """The published pages load only files of their own site."""
    assert other_origins(real_build.files) == []


def test_every_real_dataset_has_a_sidecar() -> None:
    """Each curated CSV in data/ records who checked it, when, and its checksum."""
    datasets = [
        p
        for p in sorted((REPO / "data").glob("*.csv"))
        if p.name not in ("sources.csv", "glossary.csv")
    ]
    assert datasets
    assert [p.name for p in datasets if not p.with_suffix(".meta.toml").is_file()] == []


def test_fixture_is_not_changed_by_tests() -> None:
    """Tests work on copies: the checked-in fixture has no built site or staging folders."""
    fixture = REPO / "tests" / "fixtures" / "minimal"
    assert sorted(p.name for p in fixture.iterdir()) == [
        "README.md",
        "content",
        "data",
        "site.toml",
    ]
