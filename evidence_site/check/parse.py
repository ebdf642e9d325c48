"""One parse of a finished page, shared by every output check (check, safety, audit, contrast,
readability). Pure.

A page is parsed as a browser parses it (html5lib, to an ElementTree), once: the tree, its
parse errors and the tag list the link and safety checks read all come from that one parse.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

XLINK = "{http://www.w3.org/1999/xlink}"
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
Tag = tuple[str, dict[str, str]]


@dataclass(frozen=True)
class Page:
    """A parsed page: its tree, its parse errors (line, message) and its tags in order."""

    root: ET.Element
    errors: tuple[tuple[int, str], ...]
    tags: tuple[Tag, ...]  # (lower-case local name, {lower-case attribute: value})
    styles: tuple[str, ...]  # the text of each <style> element


# Small: the checks of one page ask for it one after another, then move on to the next page.
@functools.lru_cache(maxsize=4)
def parse_page(html: str) -> Page:
    """Parse one page (remembered for the next check of the same text)."""
    import html5lib  # here: a warm build whose pages are all checked already never loads it
    from html5lib.constants import E as HTML5LIB_MESSAGES

    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree", ET),
                                 namespaceHTMLElements=False)
    root = parser.parse(html)
    errors = []
    for (line, _column), code, variables in parser.errors:
        template = HTML5LIB_MESSAGES.get(code, code)
        try:
            message = template % variables
        except (TypeError, KeyError, ValueError):
            message = code
        errors.append((line, message))
    tags = tuple((local(e), {attribute_name(k): v for k, v in e.attrib.items()})
                 for e in elements(root))
    styles = tuple(e.text or "" for e in elements(root) if local(e) == "style")
    return Page(root, tuple(errors), tags, styles)


def elements(root: ET.Element) -> Iterator[ET.Element]:
    """Every element in document order (comments left out)."""
    return (e for e in root.iter() if isinstance(e.tag, str))


def local(element: ET.Element) -> str:
    """An element's tag, lower case, without its namespace ('svg', 'feimage')."""
    return element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""


def attribute_name(name: str) -> str:
    """An attribute's name as written in HTML, lower case ('xlink:href', 'viewbox')."""
    return ("xlink:" + name[len(XLINK):] if name.startswith(XLINK) else name).lower()


def events(element: ET.Element) -> Iterator[tuple[str, str]]:
    """('start', tag), ('text', data) and ('end', tag) in document order, as a stream parser
    reports them (no 'end' for a void element)."""
    tag = local(element)
    if tag:
        yield "start", tag
    if element.text and tag:
        yield "text", element.text
    for child in element:
        yield from events(child)
        if child.tail:
            yield "text", child.tail
    if tag and tag not in VOID:
        yield "end", tag
