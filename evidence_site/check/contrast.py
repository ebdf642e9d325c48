"""Stage 7: colour contrast of finished pages, from the colours in their CSS and SVG. Pure."""

from __future__ import annotations

import functools
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

import cssselect2
import tinycss2
import tinycss2.color4

# WCAG 2.2: 1.4.3 (text, 4.5:1 at any size: we do not relax it for large text) and
# 1.4.11 (graphical objects needed to understand a chart, and focus outlines, 3:1).
TEXT_RATIO = 4.5
GRAPHIC_RATIO = 3.0
MODES = ("light", "dark")
# What Chromium paints when no CSS colour applies (dark only when color-scheme allows it).
CANVAS = {"light": ((255, 255, 255), (0, 0, 0)), "dark": ((18, 18, 18), (255, 255, 255))}
STATES = re.compile(r"(?<!:):(focus-visible|focus-within|focus|hover|active|visited|target)"
                    r"(?![\w-])")
SHAPES = {"path", "line", "rect", "circle", "ellipse", "polygon", "polyline", "use"}
SKIPPED = {"head", "script", "style", "template", "noscript"}
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\)[^()]*)*))?\)")

RGBA = tuple[float, float, float, float]
RGB = tuple[float, float, float]


@dataclass
class Style:
    """The few computed values contrast depends on, for one element in one mode."""

    variables: dict[str, str] = field(default_factory=dict)
    color: str = ""
    backdrop: RGB = (255, 255, 255)


@functools.lru_cache(maxsize=1024)  # a site uses a few dozen colours, on thousands of elements
def parse_colour(text: str) -> RGBA | None:
    """A CSS colour as (r, g, b 0..255, alpha 0..1) by tinycss2's CSS Color 4 parser, or None
    if it is not one we can compute (currentcolor, var(), a typo)."""
    colour = tinycss2.color4.parse_color(text.strip())
    if not isinstance(colour, tinycss2.color4.Color):
        return None
    *rgb, alpha = colour.to("srgb")
    r, g, b = (round(min(max(c, 0.0), 1.0) * 255, 6) for c in rgb)
    return (r, g, b, alpha)


def blend(colour: RGBA, under: RGB) -> RGB:
    """What a (possibly translucent) colour looks like painted over an opaque one."""
    alpha = colour[3]
    return tuple(colour[i] * alpha + under[i] * (1 - alpha) for i in range(3))  # type: ignore[return-value]


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance."""
    def linear(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(one: RGB, other: RGB) -> float:
    """WCAG contrast ratio between two opaque colours, 1..21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hex_of(rgb: RGB) -> str:
    """#rrggbb for a message."""
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


@dataclass(frozen=True)
class Rule:
    """One style rule: its selector, declarations and the colour schemes it applies in."""

    selector: str
    declarations: tuple[tuple[str, str, bool], ...]  # (name, value, !important)
    modes: frozenset[str]


@functools.lru_cache(maxsize=64)  # each stylesheet is parsed once, not once for every page
def parse_stylesheet(css: str, modes: frozenset[str] = frozenset(MODES)) -> tuple[Rule, ...]:
    """Style rules of a screen stylesheet; @media picks light/dark; print-only rules are dropped."""
    rules: list[Rule] = []
    for node in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if node.type == "qualified-rule":
            declarations = tuple(
                (d.lower_name if not d.name.startswith("--") else d.name,
                 tinycss2.serialize(d.value).strip(), d.important)
                for d in tinycss2.parse_blocks_contents(node.content, skip_comments=True,
                                                        skip_whitespace=True)
                if d.type == "declaration")
            rules.append(Rule(tinycss2.serialize(node.prelude).strip(), declarations, modes))
        elif node.type == "at-rule" and node.lower_at_keyword == "media" and node.content:
            inner = media_modes(tinycss2.serialize(node.prelude), modes)
            if inner:
                rules += parse_stylesheet(tinycss2.serialize(node.content), inner)
    return tuple(rules)


def media_modes(query: str, modes: frozenset[str]) -> frozenset[str]:
    """The colour schemes a media query can hold in; other features are taken as true."""
    query = query.lower()
    if re.search(r"\bprint\b", query) and not re.search(r"\b(screen|all)\b", query):
        return frozenset()
    for mode in MODES:
        if re.search(rf"prefers-color-scheme\s*:\s*{mode}", query):
            return modes & {mode}
    return modes


@functools.lru_cache(maxsize=16)
def make_matcher(rules: tuple[Rule, ...]) -> cssselect2.Matcher:
    """Selectors of the rules of both modes, with :hover, :focus... counting as matching.

    Cached: every page of a site shares its stylesheets, and compiling them is the slow part.
    """
    matcher = cssselect2.Matcher()
    for rule in rules:
        selector = ",".join(STATES.sub("", part).strip() or "*"
                            for part in rule.selector.split(","))
        try:
            compiled = cssselect2.compile_selector_list(selector)
        except cssselect2.SelectorError:
            continue  # a selector Chromium knows and cssselect2 does not never matches here
        for one in compiled:
            if one.pseudo_element is None:
                matcher.add_selector(one, (rule.declarations, rule.modes))
    return matcher


Matches = dict[int, list[tuple[Any, ...]]]


class Element(cssselect2.ElementWrapper):
    """An element for selector matching that keeps the list of its subtree.

    `.reflow:has(thead th) td` asks the table for its subtree again for every cell in it.
    """

    @functools.cached_property
    def subtree(self) -> list[cssselect2.ElementWrapper]:
        """The element and everything inside it, in tree order."""
        return list(super().iter_subtree())

    def iter_subtree(self) -> Iterator[cssselect2.ElementWrapper]:
        """Iterate over the element and everything inside it (made once)."""
        return iter(self.subtree)


def cascade(element: cssselect2.ElementWrapper, matcher: cssselect2.Matcher, mode: str,
            matches: Matches) -> dict[str, str]:
    """The declared value of each property on one element in one mode after the cascade.

    matches keeps each element's matching rules for the other mode: matching is the slow part.
    """
    key = id(element.etree_element)
    if key not in matches:
        matches[key] = matcher.match(element)
    ordered = [(important, specificity, order, name, value)
               for specificity, order, _, (declarations, modes) in matches[key] if mode in modes
               for name, value, important in declarations]
    inline = element.etree_element.get("style")
    if inline:
        for name, value, important in parse_stylesheet(f"x{{{inline}}}")[0].declarations:
            ordered.append((important, (1, 0, 0, 0), 0, name, value))
    return {name: value for *_, name, value in sorted(ordered, key=lambda d: d[:3])}


def resolve(value: str, variables: Mapping[str, str], depth: int = 0) -> str:
    """Substitute var(--x, fallback) until none is left."""
    if depth > 20 or "var(" not in value:
        return value
    def one(match: re.Match[str]) -> str:
        return variables.get(match.group(1), match.group(2) or "")
    return resolve(_VAR.sub(one, value), variables, depth + 1)


@functools.lru_cache(maxsize=1024)
def colour_in(value: str) -> RGBA | None:
    """The colour in a background/outline shorthand, or None if there is none."""
    for token in tinycss2.parse_component_value_list(value):
        text = tinycss2.serialize([token]).strip()
        found = parse_colour(text)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Finding:
    """One contrast failure, described for a person; `more` counts elements like it."""

    mode: str
    what: str
    fg: RGB
    bg: RGB
    needed: float
    more: int = 0
    problem: str = ""  # instead of a ratio, when the colour cannot be computed

    def __str__(self) -> str:
        others = f" (and {self.more} more like it)" if self.more else ""
        if self.problem:
            return f"{self.what}{others}: {self.problem} in {self.mode} mode"
        return (f"{self.what}{others}: contrast {ratio(self.fg, self.bg):.2f}:1 "
                f"({hex_of(self.fg)} on {hex_of(self.bg)}) in {self.mode} mode; "
                f"needs {self.needed:g}:1")


def describe(element: ET.Element, text: str) -> str:
    """<tag class="..."> "first words" for a message."""
    tag = element.tag.rsplit("}", 1)[-1]
    classes = f' class="{element.get("class")}"' if element.get("class") else ""
    words = " ".join(text.split())
    return f'<{tag}{classes}> "{words[:40]}{"..." if len(words) > 40 else ""}"'


def own_text(element: ET.Element) -> str:
    """The text directly inside an element (not inside its children)."""
    return (element.text or "") + "".join(child.tail or "" for child in element)


def page_findings(root: ET.Element, rules: Sequence[Rule]) -> list[Finding]:
    """Chart text and marks, text in every state (:hover, :focus...) and focus outlines that
    fail contrast in either colour scheme.

    Text as the page loads is axe-core's, in the browser tests of every page in both schemes;
    this adds what axe cannot see there: the colours of states, focus outlines and SVG charts.
    Failures with the same colours are merged into one finding: they come from one CSS rule.
    """
    found: dict[tuple[str, RGB, RGB, float], list[Finding]] = {}
    matcher = make_matcher(tuple(rules))
    matches: Matches = {}
    for mode in MODES:
        wrapper = Element.from_html_root(root)
        for finding in walk(wrapper, matcher, mode, None, matches):
            key = (finding.mode, finding.fg, finding.bg, finding.needed)
            if finding not in found.setdefault(key, []):
                found[key].append(finding)
    return [replace(same[0], more=len(same) - 1) for same in found.values()]


def walk(element: cssselect2.ElementWrapper, matcher: cssselect2.Matcher, mode: str,
         parent: Style | None, matches: Matches) -> Iterator[Finding]:
    """Compute one element's colours from its parent's, check them, then do its children."""
    node = element.etree_element
    if not isinstance(node.tag, str):
        return  # a comment
    tag = node.tag.rsplit("}", 1)[-1].lower()
    if tag in SKIPPED or node.get("hidden") is not None:
        return
    declared = cascade(element, matcher, mode, matches)
    if declared.get("display", "").strip() == "none":
        return
    style = inherit(parent, declared, mode)
    if tag == "svg":
        yield from svg_findings(node, style.backdrop, mode)
        return
    fg = parse_colour(style.color)
    text = own_text(node)
    if text.strip() and fg is None:
        yield Finding(mode, describe(node, text), (0, 0, 0), style.backdrop, TEXT_RATIO,
                      problem=f"text colour {style.color!r} cannot be checked; write it as "
                      "#rrggbb, rgb() or hsl()")
    elif text.strip() and declared.get("visibility") != "hidden":
        colour = blend(fg, style.backdrop)
        if ratio(colour, style.backdrop) < TEXT_RATIO:
            yield Finding(mode, describe(node, text), colour, style.backdrop, TEXT_RATIO)
    outline = declared.get("outline-color") or declared.get("outline")
    if parent is not None and outline:
        found = colour_in(resolve(outline, style.variables))
        if found is not None and found[3] > 0:
            # The outline is drawn outside the element, over what is behind it.
            colour = blend(found, parent.backdrop)
            if ratio(colour, parent.backdrop) < GRAPHIC_RATIO:
                yield Finding(mode, describe(node, text) + " focus outline", colour,
                              parent.backdrop, GRAPHIC_RATIO)
    for child in element.iter_children():
        yield from walk(child, matcher, mode, style, matches)


def inherit(parent: Style | None, declared: Mapping[str, str], mode: str) -> Style:
    """The element's Style: inherited colour and variables, its own background over the parent's."""
    if parent is None:
        canvas, ink = CANVAS["light"]
        parent = Style(color=hex_of(ink), backdrop=canvas)
    if mode in declared.get("color-scheme", "").split():
        canvas, ink = CANVAS[mode]  # the browser's own canvas and text colour follow the scheme
        parent = Style(parent.variables, hex_of(ink), canvas)
    variables = dict(parent.variables)
    variables.update({k: v for k, v in declared.items() if k.startswith("--")})
    color = resolve(declared.get("color", ""), variables).strip().lower()
    if color in ("", "inherit", "unset", "currentcolor"):
        color = parent.color
    elif color == "initial":
        color = hex_of(CANVAS["light"][1])
    backdrop = parent.backdrop
    background = declared.get("background-color") or declared.get("background")
    if background:
        found = colour_in(resolve(background, variables))
        if found is not None:
            backdrop = blend(found, parent.backdrop)
    return Style(variables, color, backdrop)


def svg_findings(svg: ET.Element, backdrop: RGB, mode: str) -> Iterator[Finding]:
    """Chart text against the chart background (4.5:1) and marks against it (3:1)."""
    first = next(iter(svg), None)
    background = None
    # vega paints the chart background as the first child: a full-size <rect>.
    if first is not None and local(first) == "rect" and parse_colour(first.get("fill", "")):
        background = first
        backdrop = blend(parse_colour(first.get("fill", "")), backdrop)  # type: ignore[arg-type]
    yield from svg_walk(svg, backdrop, Paint("black", "none", 1.0), mode, skip=background)


@dataclass(frozen=True)
class Paint:
    """SVG presentation values that children inherit."""

    fill: str
    stroke: str
    opacity: float
    grid: bool = False


def local(node: ET.Element) -> str:
    """A tag name without its namespace."""
    return node.tag.rsplit("}", 1)[-1] if isinstance(node.tag, str) else ""


def _float(text: str | None) -> float:
    try:
        return float(text) if text is not None else 1.0
    except ValueError:
        return 1.0


def svg_walk(node: ET.Element, backdrop: RGB, paint: Paint, mode: str,
             skip: ET.Element | None) -> Iterator[Finding]:
    """Walk the SVG tree, inheriting fill, stroke and opacity as SVG does."""
    for child in node:
        tag = local(child)
        if (child is skip or tag == "defs" or child.get("display") == "none"
                or child.get("visibility") == "hidden"):
            continue
        # Gridlines are deliberately faint: they are not needed to read the values (1.4.11).
        own = Paint(child.get("fill", paint.fill), child.get("stroke", paint.stroke),
                    paint.opacity * _float(child.get("opacity")),
                    paint.grid or "role-axis-grid" in child.get("class", "").split())
        words = "".join(child.itertext())
        if tag == "text" and words.strip():
            shown = painted(own.fill, own.opacity * _float(child.get("fill-opacity")), backdrop)
            if shown is not None and ratio(shown, backdrop) < TEXT_RATIO:
                yield Finding(mode, describe(child, words) + " in a chart", shown, backdrop,
                              TEXT_RATIO)
        elif tag in SHAPES and not own.grid:
            for colour, extra in ((own.fill, "fill-opacity"), (own.stroke, "stroke-opacity")):
                shown = painted(colour, own.opacity * _float(child.get(extra)), backdrop)
                # A mark in the backdrop's own colour (a halo that separates a whisker from
                # a bar) cannot be seen, so it carries nothing a reader must see (1.4.11).
                if (shown is not None and shown != backdrop
                        and ratio(shown, backdrop) < GRAPHIC_RATIO):
                    yield Finding(mode, f"<{tag}> chart mark", shown, backdrop, GRAPHIC_RATIO)
        yield from svg_walk(child, backdrop, own, mode, skip)


def painted(paint: str, alpha: float, backdrop: RGB) -> RGB | None:
    """An SVG fill or stroke as seen over the backdrop, or None if nothing is painted."""
    colour = parse_colour(paint)
    if colour is None or colour[3] * alpha == 0:
        return None
    return blend((*colour[:3], colour[3] * alpha), backdrop)


def stylesheets(page: PurePosixPath, root: ET.Element,
                files: Mapping[PurePosixPath, str | bytes]) -> list[Rule]:
    """The screen rules a page uses: linked stylesheets and <style> elements, in order."""
    rules: list[Rule] = []
    for node in root.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "link" and "stylesheet" in node.get("rel", "").lower().split():
            media = node.get("media", "all")
            modes = media_modes(media, frozenset(MODES))
            css = files.get(linked(page, node.get("href", ""), files))
            if modes and css is not None:
                text = css.decode("utf-8") if isinstance(css, bytes) else css
                rules += parse_stylesheet(text, modes)
        elif tag == "style":
            rules += parse_stylesheet(node.text or "")
    return rules


def linked(page: PurePosixPath, href: str, files: Mapping[PurePosixPath, object]) -> PurePosixPath:
    """The file a relative or root-absolute href names (404.html links from the host's root)."""
    href = href.split("#")[0].split("?")[0]
    if href.startswith("/"):
        parts = href.strip("/").split("/")
        for start in range(len(parts)):  # drop the site's own path on its host, whatever it is
            if PurePosixPath(*parts[start:]) in files:
                return PurePosixPath(*parts[start:])
    return PurePosixPath(posixpath.normpath(posixpath.join(page.parent.as_posix(), href)))
