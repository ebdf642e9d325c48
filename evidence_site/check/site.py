"""Stage 5: check the finished site before anything is written. Pure: {path: content} in.

The one entry point of a build's checks is check_build (`build.py check`: check_output). Each
page is parsed once (parse.parse_page) for all of them: links and page basics here, safety,
readability, and under --strict the audit's valid HTML, chart figures and contrast.
"""

from __future__ import annotations

import posixpath
import re
import sys
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from evidence_site.check import parse, readability, safety
from evidence_site.errors import SourceError, sort_key
from evidence_site.records import Stored

SITE = Path("site")
# A patient page is about 80 KB today; a page past this has far more in it than anyone reads
# on a phone (a 100,000-row dataset made a 75 MB page), so the build warns.
PAGE_BUDGET = 1_000_000  # bytes of HTML
# What makes the browser fetch by itself is defined once, in safety.py (a plain <a> does not).
css_urls = safety.css_urls
Sheets = tuple[tuple[PurePosixPath, str], ...]  # a site's stylesheets: (path, CSS text)


class Outline(NamedTuple):
    """What the site-wide checks need from one HTML page (a plain tuple, as Landing)."""

    ids: frozenset[str]
    h1: int
    lang: str
    title: bool
    description: bool


def outline(page: parse.Page) -> Outline:
    """A parsed page's ids, links and landmarks."""
    ids = {values["id"] for _, values in page.tags if "id" in values}
    ids |= {values["name"] for tag, values in page.tags if tag == "a" and "name" in values}
    html = next((values for tag, values in page.tags if tag == "html"), {})
    return Outline(
        ids=frozenset(map(sys.intern, ids)),  # pages share most ids: see SHARED
        h1=sum(tag == "h1" for tag, _ in page.tags), lang=html.get("lang", ""),
        title=any(tag == "title" for tag, _ in page.tags),
        description=any(tag == "meta" and v.get("name", "").lower() == "description"
                        and bool(v.get("content", "").strip()) for tag, v in page.tags))


def basics(shown: Path, page: Outline) -> list[SourceError]:
    """A page's language, one <h1>, <title> and meta description."""
    errors = []
    if not page.lang:
        errors.append(SourceError(shown, None, "<html> has no lang"))
    if page.h1 != 1:
        errors.append(SourceError(shown, None, f"has {page.h1} <h1> elements; give it one"))
    if not page.title:
        errors.append(SourceError(shown, None, "has no <title>"))
    if not page.description:
        errors.append(SourceError(shown, None, 'has no <meta name="description"> with '
                                  "content; search results show it"))
    return errors


class Landing(NamedTuple):
    """Where one link of a page lands, worked out from the page alone (memoised with it).

    A plain tuple, not a dataclass: a page has a hundred, read back from .cache/ every build.
    """

    url: str
    problem: str = ""  # wrong whatever the site holds (another origin, leaves the site)
    target: str = ""  # the site path it must find ("": nothing to find, or root-absolute)
    fragment: str = ""
    absolute: bool = False  # root-absolute (404.html): landed against the site's path


class PageReport(NamedTuple):
    """What the per-page checks found in one page, from its one parse (memoised by its text;
    a plain tuple, as Landing)."""

    outline: Outline
    basics: tuple[SourceError, ...]  # lang, <h1>, <title>, description
    safety: tuple[SourceError, ...]  # fetches from elsewhere, leaky links, no CSP
    landings: tuple[Landing, ...] = ()  # its links that the site must have, or are wrong


# Pages share most of their links (menu, home, glossary) and ids: one object each in memory, so
# the pages kept together in .cache/ store and read back each once (a third of their reading).
SHARED: dict[Landing, Landing] = {}


def page_report(path: PurePosixPath, html: str) -> PageReport:
    """The per-page checks of the build, on one parse of the page."""
    page = parse.parse_page(html)
    found = outline(page)
    landings = (landing(path, r) for r in safety.references(page.tags, page.styles))
    # A link to an id of this very page lands whatever the rest of the site holds: it is
    # not kept for the site-wide check, which every build runs on every page.
    here = path.as_posix()
    return PageReport(found, tuple(basics(SITE / path, found)),
                      tuple(safety.check_page(path, html, page)),
                      tuple(SHARED.setdefault(to, to) for to in landings
                            if to.problem or to.absolute or to.target
                            and not (to.target == here and to.fragment in found.ids)))


def audit_page(path: PurePosixPath, html: str, sheets: Sheets) -> tuple[SourceError, ...]:
    """The deeper checks of one page (`build.py check`, --strict) on the same parse: valid
    HTML, complete chart figures and colour contrast (stylesheets: the site's CSS files)."""
    from evidence_site.check import audit  # --strict only: contrast's CSS libraries load here

    return tuple(audit.audit_page(path, parse.parse_page(html), dict(sheets)))


@dataclass(frozen=True)
class Checked:
    """What the output checks of a build found."""

    errors: tuple[SourceError, ...]  # links, page basics, safety: nothing is written
    warnings: tuple[SourceError, ...]  # reading grade and page size (errors under --strict)
    audit: tuple[SourceError, ...]  # --strict only: valid HTML, chart figures, contrast
    readings: tuple[readability.Reading, ...]


def check_build(
    files: Mapping[PurePosixPath, str | bytes], sources: Mapping[PurePosixPath, Path],
    max_grade: float, *, strict: bool = False, warned: bool = False,
    report: Callable[[PurePosixPath, str], PageReport] = page_report,
    measure: Callable[[PurePosixPath, str], readability.Reading | None] = readability.measure_page,
    deeper: Callable[[PurePosixPath, str, Sheets], tuple[SourceError, ...]] = audit_page,
) -> Checked:
    """Every output check of a build, each page parsed once for all of them.

    Under --strict, errors and warnings (warned: the build has some already) stop a build
    before the audit, so the audit is not run once one is found. report, measure and deeper
    may be memoised by their arguments (a page's path and text): an incremental build
    re-checks only the pages that changed.
    """
    pages, css = ending(files, ".html"), ending(files, ".css")  # 9,000 paths: sorted once
    sheets = stylesheets(files, css)
    warnings = oversized_pages(files, sources, pages=pages)
    auditing = strict and not warned and not warnings
    reports, readings, deep = {}, [], []
    for path, html in html_pages(files, pages).items():  # each page is parsed once for all
        reports[path] = found = report(path, html)
        readings.append(reading := measure(path, html))
        # The first error or warning stops the build before the audit: audit no more pages.
        auditing = auditing and not (found.basics or found.safety
                                     or reading is not None and reading.grade > max_grade)
        deep += deeper(path, html, sheets) if auditing else ()
    read = tuple(r for r in readings if r is not None)
    errors = links(files, reports, css) + [e for r in reports.values() for e in r.safety]
    errors += safety.check_files({p: files[p] for p in css})
    warnings = readability.gate(read, sources, max_grade) + warnings
    stopped = not auditing or errors or warnings
    return Checked(tuple(errors), tuple(warnings), () if stopped else tuple(deep), read)


def check_output(files: Mapping[PurePosixPath, str | bytes]) -> list[SourceError]:
    """`build.py check` of a written site: links, page basics, valid HTML, charts, contrast."""
    sheets = stylesheets(files)
    reports, deep = {}, []
    for path, html in html_pages(files).items():
        reports[path] = page_report(path, html)
        deep += audit_page(path, html, sheets)
    return sorted(set(links(files, reports) + deep), key=sort_key)


def stylesheets(files: Mapping[PurePosixPath, str | bytes],
                css: Sequence[PurePosixPath] | None = None) -> Sheets:
    """The site's CSS files (css: their paths, if known), as text, for audit_page."""
    return tuple((p, c.decode("utf-8") if isinstance(c, bytes) else c)
                 for p in (ending(files, ".css") if css is None else css) for c in (files[p],))


def html_pages(files: Mapping[PurePosixPath, str | bytes],
               pages: Sequence[PurePosixPath] | None = None) -> dict[PurePosixPath, str]:
    """The HTML pages of a site (pages: their paths, if known), in path order (a page kept in
    .cache/ as its Stored marker: check_build's report and measure are then given the marker)."""
    return {p: c for p in (ending(files, ".html") if pages is None else pages)
            if isinstance(c := files[p], str | Stored)}


def ending(files: Mapping[PurePosixPath, object], suffix: str) -> list[PurePosixPath]:
    """The paths of files whose names end with suffix (".css"), in path order (a site of 1,000
    summaries has 9,000 files: a path's text is kept once made, its suffix worked out again)."""
    return sorted((p for p in files if str(p).endswith(suffix)), key=lambda p: p.parts)


def by_path(item: tuple[PurePosixPath, object]) -> tuple[str, ...]:
    """Sort key of (path, value) in path order (comparing parts is cheaper than paths)."""
    return item[0].parts


def check_site(files: Mapping[PurePosixPath, str | bytes]) -> list[SourceError]:
    """Every internal link and #anchor must land; no page may fetch from another origin."""
    return links(files, {path: page_report(path, html) for path, html in html_pages(files).items()})


def links(files: Mapping[PurePosixPath, str | bytes],
          reports: Mapping[PurePosixPath, PageReport],
          css: Sequence[PurePosixPath] | None = None) -> list[SourceError]:
    """Page basics, then every link of every page and stylesheet (css: their paths, if known)
    checked against the site."""
    ids = {path.as_posix(): r.outline.ids for path, r in reports.items()}
    known = {p.as_posix() for p in files}
    base = site_path(files)
    errors = []
    for path in ending(files, ".css") if css is None else css:
        content = files[path]
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        for url in css_urls(text):
            problem = check_link(path, safety.Reference("style", "url", url, True), known, ids,
                                 base)
            if problem:
                errors.append(SourceError(SITE / path, None, problem))
    verdicts: dict[Landing, str | None] = {}  # pages share most links (menu, glossary, home)
    for path, report in sorted(reports.items(), key=by_path):
        errors += report.basics
        for found in report.landings:
            if (problem := verdicts.get(found, "")) == "":
                problem = verdicts[found] = (
                    landed(found, known, ids, base) if found.absolute
                    else found.problem or found.target and land(found, known, ids) or None)
            if problem:
                errors.append(SourceError(SITE / path, None, problem))
    return errors


def land(found: Landing, known: Set[str], ids: Mapping[str, frozenset[str]]) -> str | None:
    """The problem with a resolved link on this site: its page or its #anchor is missing."""
    url, name = found.url, found.target
    if name not in known and f"{name}/index.html" not in known:
        return f"link to {url!r} goes nowhere"
    if found.fragment:
        anchors = ids.get(name)
        anchors = ids.get(f"{name}/index.html") if anchors is None else anchors
        if anchors is not None and found.fragment not in anchors:
            return f"link to {url!r}: no element with id {found.fragment!r}"
    return None


def site_path(files: Mapping[PurePosixPath, str | bytes]) -> str:
    """The site's own path on its host ('/ms-evidence/'), from the sitemap line of robots.txt.

    Only 404.html uses it: a host serves that page at any depth, so its links start from here.
    """
    robots = files.get(PurePosixPath("robots.txt"), "")
    robots = robots.decode("utf-8") if isinstance(robots, bytes) else robots
    found = re.search(r"^Sitemap: (\S+)$", robots, re.M)
    return urlsplit(found.group(1)).path.rpartition("/")[0] + "/" if found else "/"


def landing(page: PurePosixPath, reference: safety.Reference) -> Landing:
    """Where one link of a page lands (the page's path and the link alone decide it)."""
    tag, attribute, url = reference.tag, reference.attribute, reference.url
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") or url.startswith("//"):
        if not reference.fetched:  # a link to another website, followed only when clicked
            return Landing(url)
        what = f"url({url!r})" if tag == "style" else f"<{tag.split('-')[0]} {attribute}={url!r}>"
        return Landing(url, f"{what} loads from another origin; host it in static/")
    if parts.scheme or tag == "a" and not parts.path and not parts.fragment:
        return Landing(url)
    if parts.path.startswith("/"):  # root-absolute (404.html): must stay under the site's path
        return Landing(url, absolute=True)
    target = page if not parts.path else PurePosixPath(
        posixpath.normpath(posixpath.join(page.parent.as_posix(), unquote(parts.path))))
    name = target.as_posix()
    if name.startswith(".."):
        return Landing(url, f"link to {url!r} leaves the site")
    return Landing(url, target=name, fragment=parts.fragment)


def check_link(
    page: PurePosixPath, reference: safety.Reference, known: Set[str],
    ids: Mapping[str, frozenset[str]], base: str = "/",
) -> str | None:
    """One problem with one link, or None (ids: each page's ids, by its path)."""
    found = landing(page, reference)
    if found.absolute:
        return landed(found, known, ids, base)
    return found.problem or found.target and land(found, known, ids) or None


def landed(found: Landing, known: Set[str], ids: Mapping[str, frozenset[str]], base: str
           ) -> str | None:
    """The problem with a root-absolute link: it must stay under the site's path, and land."""
    url = found.url
    parts = urlsplit(url)
    if not parts.path.startswith(base):
        return f"link to {url!r} leaves the site (its pages live under {base})"
    url_path = posixpath.normpath(unquote(parts.path[len(base):]) or "index.html")
    name = "index.html" if url_path == "." else url_path
    if name.startswith(".."):
        return f"link to {url!r} leaves the site"
    return land(Landing(url, target=name, fragment=parts.fragment), known, ids)


def oversized_pages(files: Mapping[PurePosixPath, str | bytes],
                    sources: Mapping[PurePosixPath, Path], budget: int = PAGE_BUDGET,
                    pages: Sequence[PurePosixPath] | None = None) -> list[SourceError]:
    """A warning for each page heavier than budget, at the content file it is made from.

    sources maps a page (x/index.html) to its content file; a page beside it (x/handout.html)
    is traced to the same file. pages: the HTML pages' paths, if known.
    """
    warnings = []
    for path in ending(files, ".html") if pages is None else pages:
        text = files[path]
        if isinstance(text, Stored):  # kept in .cache/: its size is on record
            size = text.size or 0
        elif len(text) * (4 if isinstance(text, str) else 1) <= budget:
            continue  # UTF-8 takes at most 4 bytes a character: no need to encode to know
        else:
            size = len(text.encode("utf-8")) if isinstance(text, str) else len(text)
        if size <= budget:
            continue
        source = sources.get(path) or sources.get(path.parent / "index.html")
        where = f"its page site/{path}" if source else "this page"
        warnings.append(SourceError(source or SITE / path, None, f"{where} is "
                                    f"{size / 1e6:.1f} MB; a patient page should stay under "
                                    f"{budget / 1e6:g} MB (most are under 100 KB), so show "
                                    "fewer figures on it or split its dataset"))
    return warnings
