"""One parse of a finished page, shared by every output check (check, safety, audit, contrast,
readability). Pure.

A page is parsed as a browser with scripting off parses it, once: lexbor (selectolax) builds the
tree, made here the ElementTree html5lib makes (HTML elements without a namespace, SVG and
MathML ones and their xlink/xml attributes with theirs), and the tag list the link and safety
checks read comes from that tree. The parse errors the audit reports are html5lib's, found only
when the audit asks (Page.errors): lexbor does not report them, and html5lib takes ten times as
long to parse. A test parses every page the tests build both ways and compares the trees.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

XLINK = "{http://www.w3.org/1999/xlink}"
SVG, MATHML = "http://www.w3.org/2000/svg", "http://www.w3.org/1998/Math/MathML"
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
# The attributes of SVG and MathML elements the HTML parser puts in a namespace.
FOREIGN_ATTRIBUTES = {
    **{f"xlink:{name}": f"{XLINK}{name}"
       for name in ("actuate", "arcrole", "href", "role", "show", "title", "type")},
    "xml:lang": "{http://www.w3.org/XML/1998/namespace}lang",
    "xml:space": "{http://www.w3.org/XML/1998/namespace}space",
    "xmlns": "{http://www.w3.org/2000/xmlns/}xmlns",
    "xmlns:xlink": "{http://www.w3.org/2000/xmlns/}xlink",
}
Tag = tuple[str, dict[str, str]]


@dataclass(frozen=True)
class Page:
    """A parsed page: its tree, its tags in order, the text of each <style>; errors on asking."""

    root: ET.Element
    tags: tuple[Tag, ...]  # (lower-case local name, {lower-case attribute: value})
    styles: tuple[str, ...]  # the text of each <style> element
    html: str

    @functools.cached_property
    def errors(self) -> tuple[tuple[int, str], ...]:
        """Its parse errors (line, message), as html5lib reports them."""
        return parse_errors(self.html)


# Small: the checks of one page ask for it one after another, then move on to the next page.
@functools.lru_cache(maxsize=4)
def parse_page(html: str) -> Page:
    """Parse one page (remembered for the next check of the same text)."""
    from selectolax.lexbor import LexborHTMLParser  # here: a warm build may check no page

    root = element_tree(LexborHTMLParser(html).root, "")
    tags = tuple((local(e), {attribute_name(k): v for k, v in e.attrib.items()})
                 for e in elements(root))
    styles = tuple(e.text or "" for e in elements(root) if local(e) == "style")
    return Page(root, tags, styles, html)


def parse_errors(html: str) -> tuple[tuple[int, str], ...]:
    """The parse errors of a page as html5lib reports them: (line, message)."""
    import html5lib
    from html5lib.constants import E as HTML5LIB_MESSAGES

    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree", ET),
                                 namespaceHTMLElements=False)
    parser.parse(html)
    errors = []
    for (line, _column), code, variables in parser.errors:
        template = HTML5LIB_MESSAGES.get(code, code)
        try:
            message = template % variables
        except (TypeError, KeyError, ValueError):
            message = code
        errors.append((line, message))
    return tuple(errors)


def element_tree(node: Any, namespace: str) -> ET.Element:
    """A lexbor element and what it holds (a template's content too) as ElementTree."""
    attributes = {k: v or "" for k, v in node.attributes.items()}
    if namespace:
        attributes = {FOREIGN_ATTRIBUTES.get(k, k): v for k, v in attributes.items()}
    element = ET.Element(f"{{{namespace}}}{node.tag}" if namespace else node.tag, attributes)
    last: ET.Element | None = None
    child = node.template_fragments()[0].child if node.tag == "template" else node.child
    while child is not None:
        tag = child.tag
        if tag == "-text":
            if last is None:
                element.text = (element.text or "") + child.text_content
            else:
                last.tail = (last.tail or "") + child.text_content
        elif tag == "-comment":
            last = ET.Comment(child.html[4:-3])
            element.append(last)
        elif not tag.startswith(("-", "!")):
            last = element_tree(child, child_namespace(namespace, node, tag))
            element.append(last)
        child = child.next
    return element


def child_namespace(namespace: str, parent: Any, tag: str) -> str:
    """The namespace the HTML parser gives an element named tag inside parent ("": HTML)."""
    if namespace == SVG and parent.tag not in ("foreignObject", "desc", "title"):
        return SVG
    if namespace == MATHML:
        if parent.tag == "annotation-xml":
            encoding = (parent.attributes.get("encoding") or "").lower()
            if tag == "svg":
                return SVG
            if encoding not in ("text/html", "application/xhtml+xml"):
                return MATHML
        elif parent.tag not in ("mi", "mo", "mn", "ms", "mtext") or tag in ("mglyph",
                                                                             "malignmark"):
            return MATHML
    return {"svg": SVG, "math": MATHML}.get(tag, "")


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
