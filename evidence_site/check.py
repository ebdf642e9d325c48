"""Stage 5: check the finished site before anything is written. Pure: {path: content} in."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from evidence_site import safety
from evidence_site.errors import SourceError

SITE = Path("site")
# A patient page is about 80 KB today; a page past this has far more in it than anyone reads
# on a phone (a 100,000-row dataset made a 75 MB page), so the build warns.
PAGE_BUDGET = 1_000_000  # bytes of HTML
# What makes the browser fetch by itself is defined once, in safety.py (a plain <a> does not).
css_urls = safety.css_urls


@dataclass
class Outline:
    """What the checks need from one HTML file."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, url)
    h1: int = 0
    lang: str = ""
    title: bool = False
    description: bool = False


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.outline = Outline()
        self.tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tag = tag
        self.outline.links += [("style", "url", url) for url in css_urls(values.get("style", ""))]
        if "id" in values:
            self.outline.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.outline.ids.add(values["name"])
        for attribute in ("href", *safety.FETCHING):
            if attribute in values:
                self.outline.links.append((fetcher(tag, values), attribute, values[attribute]))
        self.outline.h1 += tag == "h1"
        self.outline.title |= tag == "title"
        if tag == "meta" and values.get("name", "").lower() == "description":
            self.outline.description |= bool(values.get("content", "").strip())
        if tag == "html":
            self.outline.lang = values.get("lang", "")

    def handle_endtag(self, tag: str) -> None:
        self.tag = ""

    def handle_data(self, data: str) -> None:
        if self.tag == "style":
            self.outline.links += [("style", "url", url) for url in css_urls(data)]


def fetcher(tag: str, values: Mapping[str, str]) -> str:
    """'link' only for <link> tags that fetch (stylesheet, icon); 'a' for plain references."""
    if tag != "link":
        return tag
    rels = set(values.get("rel", "").lower().split())
    return "link-fetch" if rels & safety.FETCHING_LINK_RELS else "link"


def outline(html: str) -> Outline:
    """Parse one page into the ids, links and landmarks the checks look at."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.outline


def check_site(files: Mapping[PurePosixPath, str | bytes],
               parse: Callable[[str], Outline] = outline) -> list[SourceError]:
    """Every internal link and #anchor must land; no page may fetch from another origin.

    parse may be a memoised outline (incremental builds skip re-parsing unchanged pages).
    """
    pages = {p: parse(c) for p, c in files.items() if p.suffix == ".html" and isinstance(c, str)}
    known = {p.as_posix() for p in files}
    base = site_path(files)
    errors = []
    for path, content in sorted(files.items()):
        if path.suffix == ".css":
            text = content.decode("utf-8") if isinstance(content, bytes) else content
            for url in css_urls(text):
                problem = check_link(path, "style", "url", url, known, pages, base)
                if problem:
                    errors.append(SourceError(SITE / path, None, problem))
    for path, page in sorted(pages.items()):
        shown = SITE / path
        if not page.lang:
            errors.append(SourceError(shown, None, "<html> has no lang"))
        if page.h1 != 1:
            errors.append(SourceError(shown, None, f"has {page.h1} <h1> elements; give it one"))
        if not page.title:
            errors.append(SourceError(shown, None, "has no <title>"))
        if not page.description:
            errors.append(SourceError(shown, None, 'has no <meta name="description"> with '
                                      "content; search results show it"))
        for tag, attribute, url in page.links:
            problem = check_link(path, tag, attribute, url, known, pages, base)
            if problem:
                errors.append(SourceError(shown, None, problem))
    return errors


def site_path(files: Mapping[PurePosixPath, str | bytes]) -> str:
    """The site's own path on its host ('/ms-evidence/'), from the sitemap line of robots.txt.

    Only 404.html uses it: a host serves that page at any depth, so its links start from here.
    """
    robots = files.get(PurePosixPath("robots.txt"), "")
    robots = robots.decode("utf-8") if isinstance(robots, bytes) else robots
    found = re.search(r"^Sitemap: (\S+)$", robots, re.M)
    return urlsplit(found.group(1)).path.rpartition("/")[0] + "/" if found else "/"


def check_link(
    page: PurePosixPath, tag: str, attribute: str, url: str, known: set[str],
    pages: Mapping[PurePosixPath, Outline], base: str = "/",
) -> str | None:
    """One problem with one link, or None."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") or url.startswith("//"):
        if attribute == "href" and tag in ("a", "link"):
            return None
        what = f"url({url!r})" if tag == "style" else f"<{tag.split('-')[0]} {attribute}={url!r}>"
        return f"{what} loads from another origin; host it in static/"
    if parts.scheme or tag == "a" and not parts.path and not parts.fragment:
        return None
    if parts.path.startswith("/"):  # root-absolute (404.html): must stay under the site's path
        if not parts.path.startswith(base):
            return f"link to {url!r} leaves the site (its pages live under {base})"
        url_path = posixpath.normpath(unquote(parts.path[len(base):]) or "index.html")
        target = PurePosixPath("index.html" if url_path == "." else url_path)
    else:
        target = page if not parts.path else PurePosixPath(
            posixpath.normpath(posixpath.join(page.parent.as_posix(), unquote(parts.path))))
    name = target.as_posix()
    if name.startswith(".."):
        return f"link to {url!r} leaves the site"
    if name not in known and f"{name}/index.html" not in known:
        return f"link to {url!r} goes nowhere"
    if parts.fragment:
        outline_ = pages.get(target) or pages.get(PurePosixPath(name, "index.html"))
        if outline_ is not None and parts.fragment not in outline_.ids:
            return f"link to {url!r}: no element with id {parts.fragment!r}"
    return None


def oversized_pages(files: Mapping[PurePosixPath, str | bytes],
                    sources: Mapping[PurePosixPath, Path], budget: int = PAGE_BUDGET,
                    ) -> list[SourceError]:
    """A warning for each page heavier than budget, at the content file it is made from.

    sources maps a page (x/index.html) to its content file; a page beside it (x/handout.html)
    is traced to the same file.
    """
    warnings = []
    for path, text in sorted(files.items()):
        size = len(text.encode("utf-8")) if isinstance(text, str) else len(text)
        if path.suffix != ".html" or size <= budget:
            continue
        source = sources.get(path) or sources.get(path.parent / "index.html")
        where = f"its page site/{path}" if source else "this page"
        warnings.append(SourceError(source or SITE / path, None, f"{where} is "
                                    f"{size / 1e6:.1f} MB; a patient page should stay under "
                                    f"{budget / 1e6:g} MB (most are under 100 KB), so show "
                                    "fewer figures on it or split its dataset"))
    return warnings
