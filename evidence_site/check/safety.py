"""Keep pages private and safe: check prose HTML, external links and every resource. Pure.

Raw HTML in Markdown is *rejected*, not sanitized: content/ is written by a few curators, so a
`path:line` error that says what to remove is clearer than HTML silently changed on the page.
Inert inline tags (abbr, sub, sup, br, kbd, mark, small) and <details>/<summary> are allowed.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import tinycss2

from evidence_site.check import parse
from evidence_site.check.parse import Tag
from evidence_site.errors import SourceError

# What Python-Markdown (extra, toc, sane_lists, smarty) makes, plus a few inert tags.
ALLOWED_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code", "pre",
    "blockquote", "hr", "br", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "img", "dl",
    "dt", "dd", "sup", "sub", "abbr", "div", "span", "details", "summary", "kbd", "mark", "small",
    "q", "cite",
})
ALLOWED_ATTRIBUTES = frozenset({
    "id", "class", "href", "title", "src", "alt", "colspan", "rowspan", "align", "start", "scope",
    "lang",
})
URL_ATTRIBUTES = ("href", "src")
SAFE_SCHEMES = ("", "http", "https", "mailto")  # "" is a relative address
WEB_SCHEMES = ("http", "https")  # addresses from data/ and site.toml: other websites only
EXTERNAL_REL = {"noopener", "noreferrer"}
# Attributes through which a browser fetches something by itself.
FETCHING = ("src", "srcset", "poster", "data", "action", "formaction", "background", "xlink:href")
FETCHING_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "manifest", "modulepreload",
                      "apple-touch-icon", "dns-prefetch", "preconnect"}
_IMAGE_SETS = {"image-set", "-webkit-image-set"}  # CSS functions whose strings are addresses
_EXTERNAL_A = re.compile(
    r'<a ((?:(?!\brel=)[^>])*?\bhref="(?:https?:)?//[^"]*"(?:(?!\brel=)[^>])*)>')


class _Tags(HTMLParser):
    """Collect (tag, attributes) pairs in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k.lower(): v or "" for k, v in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def parse_tags(html: str) -> _Tags:
    """Parse a piece of rendered prose into its tags (a whole page is parse.parse_page's)."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def prose_problems(html: str) -> list[tuple[str, str]]:
    """(what to look for in the source, problem) for each unsafe thing in rendered prose HTML."""
    problems = []
    for tag, attributes in parse_tags(html).tags:
        if tag not in ALLOWED_TAGS:
            problems.append((f"<{tag}", f"raw HTML <{tag}> is not allowed in content; write "
                             "Markdown instead (HTML in Markdown is rejected so a pasted snippet "
                             "cannot run script)"))
            continue
        for name, value in attributes.items():
            if name not in ALLOWED_ATTRIBUTES:
                problems.append((name, f"the attribute {name!r} on <{tag}> is not allowed in "
                                 "content; remove it (inline styles and scripts are blocked by "
                                 "the pages' security policy)"))
            elif name in URL_ATTRIBUTES and not allowed_url(value):
                problems.append((value, f"the link {value!r} is not allowed; use an https://, "
                                 "mailto: or relative address"))
    return problems


def allowed_url(url: str, schemes: tuple[str, ...] = SAFE_SCHEMES) -> bool:
    """Whether a link may be published: its scheme is one of schemes (never javascript:)."""
    return urlsplit(url.strip()).scheme.lower() in schemes


def web_address(url: str) -> bool:
    """Whether a URL from data/ or site.toml is a link to a website: http(s) and a host."""
    return allowed_url(url, WEB_SCHEMES) and bool(urlsplit(url.strip()).netloc)


def check_prose(source: Path, first_line: int, text: str, html: str) -> list[SourceError]:
    """Reject unsafe HTML in rendered prose, at the source line that holds it."""
    return [SourceError(source, first_line + line_of(text, needle), problem)
            for needle, problem in prose_problems(html)]


def line_of(text: str, needle: str) -> int:
    """0-based line of the first case-insensitive occurrence of needle (0 if not found)."""
    at = text.lower().find(needle.lower())
    return text.count("\n", 0, at) if at >= 0 else 0


def add_rel(html: str) -> str:
    """Give links to other websites rel="noopener noreferrer" so they learn nothing from us."""
    return _EXTERNAL_A.sub(r'<a \1 rel="noopener noreferrer">', html)


def foreign(url: str) -> bool:
    """Whether a URL points at another origin (or a scheme a page must not load from)."""
    url = url.strip()
    if url.startswith("#") or not url:
        return False
    scheme = urlsplit(url).scheme.lower()
    return url.startswith("//") or scheme not in ("",)


@dataclass(frozen=True)
class Reference:
    """One address in a page: on which tag and attribute, and whether the browser fetches it by
    itself (an image, a stylesheet, a url() in CSS) or only when followed (a plain link)."""

    tag: str  # 'link-fetch' for a <link> whose rel makes the browser fetch it
    attribute: str  # 'url' for an address in CSS
    url: str
    fetched: bool


def references(tags: Iterable[Tag], styles: Iterable[str] = ()) -> list[Reference]:
    """Every address in a page, in document order: the one definition of what a page fetches.

    tags are (tag, attributes) with lower-case names; styles the text of each <style> element,
    in order (each one's addresses follow its tag).
    """
    css = iter(styles)
    found: list[Reference] = []
    for tag, attributes in tags:
        found += [Reference("style", "url", url, True)
                  for url in css_urls(attributes.get("style", ""))]
        if "href" in attributes:
            fetches = tag in ("image", "use", "feimage") or tag == "link" and bool(
                set(attributes.get("rel", "").lower().split()) & FETCHING_LINK_RELS)
            found.append(Reference("link-fetch" if fetches and tag == "link" else tag, "href",
                                   attributes["href"], fetches))
        for name in FETCHING:
            if name in attributes:
                urls = ([part.split()[0] for part in attributes[name].split(",") if part.strip()]
                        if name == "srcset" else [attributes[name]])
                found += [Reference(tag, name, url, True) for url in urls]
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            found.append(Reference(tag, "content",
                                   attributes.get("content", "").partition("=")[2].strip(), True))
        if tag == "style":
            found += [Reference("style", "url", url, True) for url in css_urls(next(css, ""))]
    return found


# Every CSS token that names an address holds one of these words, or a backslash (an escape):
# CSS without them is not tokenized (the theme's stylesheets, most style attributes).
_MAY_FETCH = re.compile(r"url|@import|image-set|\\", re.I)


@functools.lru_cache(maxsize=256)
def _css_urls(css: str) -> tuple[str, ...]:
    if not _MAY_FETCH.search(css):
        return ()
    return tuple(_token_urls(tinycss2.parse_component_value_list(css)))


def css_urls(css: str) -> list[str]:
    """Every address a piece of CSS makes the browser fetch: url(), @import and image-set().

    The one definition for every check (check.py too). CSS is read by tinycss2's tokenizer,
    so letter case, escapes and comments hide nothing.
    """
    return list(_css_urls(css))  # each stylesheet is tokenized once, for every check


def _token_urls(tokens: Iterable[Any], in_image_set: bool = False) -> list[str]:
    urls: list[str] = []
    importing = False
    for token in tokens:
        if token.type == "url" or token.type == "string" and (importing or in_image_set):
            urls.append(token.value)
        elif token.type == "function" and token.lower_name == "url":
            urls += [t.value for t in token.arguments if t.type == "string"][:1]
        elif token.type in ("function", "() block", "[] block", "{} block"):
            nested = token.arguments if token.type == "function" else token.content
            urls += _token_urls(nested, token.type == "function"
                                and token.lower_name in _IMAGE_SETS)
        if token.type not in ("whitespace", "comment"):
            importing = token.type == "at-keyword" and token.lower_value == "import"
    return urls


def external_links_without_rel(tags: Iterable[Tag]) -> list[str]:
    """Links to other websites that would send a referrer or keep a window handle."""
    return [a["href"] for tag, a in tags
            if tag == "a" and urlsplit(a.get("href", "")).scheme in ("http", "https")
            and not set(a.get("rel", "").split()) >= EXTERNAL_REL]


def check_files(files: Mapping[PurePosixPath, str | bytes]) -> list[SourceError]:
    """No page or stylesheet loads anything from elsewhere; external links leak no referrer."""
    errors = []
    for path, text in sorted(files.items()):
        if isinstance(text, str) and path.suffix == ".html":
            errors += check_page(path, text, parse.parse_page(text))
        elif isinstance(text, str) and path.suffix == ".css":
            errors += check_stylesheet(path, text)
    return errors


def check_stylesheet(path: PurePosixPath, css: str) -> list[SourceError]:
    """A stylesheet that loads anything from another origin."""
    return [SourceError(Path("site", path), None, foreign_message(url))
            for url in css_urls(css) if foreign(url)]


def check_page(path: PurePosixPath, html: str, page: parse.Page) -> list[SourceError]:
    """The safety problems of one parsed page: fetches from elsewhere, leaky links, no CSP."""
    shown = Path("site", path)
    errors = [SourceError(shown, None, foreign_message(r.url))
              for r in references(page.tags, page.styles) if r.fetched and foreign(r.url)]
    errors += [SourceError(shown, None, f'the link to {href!r} needs rel="noopener noreferrer"')
               for href in external_links_without_rel(page.tags)]
    if 'http-equiv="Content-Security-Policy"' not in html:
        errors.append(SourceError(shown, None, "has no Content-Security-Policy <meta>; "
                                  "extend base.html"))
    errors += [SourceError(shown, None, problem)
               for problem in inline_style_problems(page.tags, page.styles)]
    return errors


def style_source(css: str) -> str:
    """The CSP source that allows exactly one inline <style> with this text."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def style_sources(tags: Iterable[Tag]) -> list[str]:
    """The style-src sources of a page's Content-Security-Policy <meta> (default-src if none)."""
    for tag, attributes in tags:
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "content-security-policy":
            directives = {d.split()[0].lower(): d.split()[1:]
                          for d in attributes.get("content", "").split(";") if d.split()}
            return directives.get("style-src", directives.get("default-src", []))
    return []


def inline_style_problems(tags: Iterable[Tag], styles: Iterable[str]) -> list[str]:
    """Inline styles the page's policy allows too widely, or not at all.

    The one inline style a page may have is the site's own (base.html), allowed by its hash:
    'unsafe-inline' would let any injected <style> or style="" restyle the page, and a <style>
    whose hash is not in the policy is one the browser drops (the page would look broken).
    """
    tags = list(tags)
    sources = style_sources(tags)
    problems = []
    if "'unsafe-inline'" in (s.lower() for s in sources):
        problems.append("its Content-Security-Policy allows 'unsafe-inline' styles; allow the "
                        "site's <style> by its hash instead (base.html does)")
    problems += [f"has a <style> its Content-Security-Policy does not allow ({style_source(css)} "
                 "is not in style-src); inline CSS comes from static/style.css through base.html"
                 for css in styles if style_source(css) not in sources]
    return problems


def foreign_message(url: str) -> str:
    """What to tell a curator whose page or stylesheet fetches from another origin."""
    return f"loads {url!r} from another origin; put the file in static/ instead"
