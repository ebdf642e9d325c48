"""vl-convert's part of drawing a chart (charts.py is Altair's): each shape's Vega-Lite compiled
to Vega once, a chart's rows filled into it, and its SVG given a text alternative and made
compact. It imports nothing else of the build, so the converter loads it in a moment. Pure but
for vl-convert.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from evidence_site.present.converter import vl_convert

Rows = list[dict]
SLOT = "slot-"  # the name of a template's dataset until a chart's rows fill it


@dataclass(frozen=True)
class Part:
    """One SVG of a chart, made with Altair and still to be drawn by vl-convert: the Vega-Lite
    spec of its shape with slots for data (JSON, compiled once per shape: compiled), the rows
    of each slot, and its text alternative."""

    shape: str
    rows: tuple[Rows, ...]
    label: str


@dataclass(frozen=True)
class Sketch:
    """A chart with its Vega-Lite made, still to be drawn (see draw_sketch): one Part per SVG;
    an icon-array chart is one SVG per figure."""

    parts: tuple[Part, ...]
    icons: bool


def draw_sketch(drawn: Sketch) -> str:
    """The inline SVG of a sketched chart (vl-convert's part: it needs no Altair, so a
    converter process can do it, compiling each shape once)."""
    svgs = [vega_svg(part_vega(part), part.label) for part in drawn.parts]
    return arrays_html(svgs) if drawn.icons else svgs[0]


def arrays_html(svgs: Sequence[str]) -> str:
    """Arrays being compared, in one row that wraps into a stack on a narrow screen."""
    cells = "".join(f'<div class="icon-array">{svg}</div>' for svg in svgs)
    return f'<div class="icon-arrays">{cells}</div>'


@functools.lru_cache(maxsize=256)
def compiled(shape: str) -> dict:
    """vl-convert's Vega spec of a shape's Vega-Lite (Part.shape): compiled once in a process,
    then each chart's rows fill it."""
    return vl_convert().vegalite_to_vega(json.loads(shape))


def part_vega(part: Part) -> dict:
    """A Part's Vega spec: its shape's compiled spec with its rows in the slots' datasets."""
    spec = compiled(part.shape)
    data = [entry | {"values": part.rows[int(entry["name"][len(SLOT):])]}
            if entry["name"].startswith(SLOT) and "values" in entry else entry
            for entry in spec["data"]]
    return spec | {"data": data}


def vega_svg(vega: dict, label: str) -> str:
    """The SVG of a Vega spec. The root <svg> gets a text alternative and loses its fixed size
    (the viewBox stays), so it scales down on a phone instead of scrolling sideways."""
    return accessible(compact_svg(vl_convert().vega_to_svg(vega)), label)


def accessible(svg: str, label: str) -> str:
    """The SVG with a text alternative on its root and no fixed width or height."""
    root_end = svg.index(">")
    root = re.sub(r' (width|height)="[^"]*"', "", svg[:root_end])
    return f'{root} role="img" aria-label="{html.escape(label)}"{svg[root_end:]}'


_PATH = re.compile(r'<path ([^>]*?)d="([^"]*)"([^>]*)/>')
REUSE_AT = 4  # a shape drawn this often is defined once and placed with <use>


def compact_svg(svg: str) -> str:
    """Define a shape drawn many times (an icon array's 100 circles) once, and drop defaults.

    Vega writes every symbol as its own full path; <use> cuts an icon array to about half.
    Ids carry a hash of the SVG, so two charts on one page never share an id.
    """
    svg = svg.replace(' opacity="1"', "")
    counts: dict[str, int] = {}
    for match in _PATH.finditer(svg):
        counts[match.group(2)] = counts.get(match.group(2), 0) + 1
    shapes = [d for d, n in counts.items() if n >= REUSE_AT]
    if not shapes:
        return svg
    prefix = "s" + hashlib.sha256(svg.encode()).hexdigest()[:8]
    ids = {d: f"{prefix}-{i}" for i, d in enumerate(shapes)}

    def use(match: re.Match[str]) -> str:
        before, d, after = match.groups()
        if d not in ids:
            return match.group(0)
        return f'<use {before}href="#{ids[d]}"{after}/>'

    body = _PATH.sub(use, svg)
    defs = "".join(f'<path id="{i}" d="{d}"/>' for d, i in ids.items())
    end = body.rindex("</svg>")  # after the background <rect>, which must stay first
    return f"{body[:end]}<defs>{defs}</defs>{body[end:]}"
