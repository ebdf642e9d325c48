"""Stage 3: Altair chart builders (pure: a DataFrame in, a chart out) and SVG rendering."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence

import altair as alt
import pandas as pd
import vl_convert

from evidence_site import icons
from evidence_site.records import Figure

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
FONT_SIZE = 14  # the SVG is at most ~300 px wide, so on a 320 px phone text stays >= 12 px
WIDTH = 250
HEIGHT = 190
INK = "#1a1a1a"
GRID = "#d0d0d0"
# Two hues far apart in lightness and hue (CVD-safe), each >= 4.5:1 on white; dashes and
# point shapes repeat the difference so colour is never the only cue.
COLOURS = ("#1d4e89", "#a3471d", "#2f6b3a", "#6a3d9a")
DASHES = ([1, 0], [6, 4], [2, 3], [8, 3, 2, 3])
SHAPES = ("circle", "square", "triangle-up", "diamond")


def to_frame(figures: Sequence[Figure]) -> pd.DataFrame:
    """One row per plotted value, in the order the curator listed them."""
    return pd.DataFrame(
        {
            "group": [f.group for f in figures],
            "period": [f.period for f in figures],
            "value": [f.per_100 for f in figures],
            "label": [str(f.count) for f in figures],
        }
    )


def axis_periods(periods: Sequence[str]) -> tuple[str, dict[str, str]]:
    """Shorten 'Year 1'...'Year 6' to '1'...'6' under an axis title 'Year' when all share it."""
    words = {p.split(" ", 1)[0] for p in periods}
    if len(words) == 1 and all(" " in p for p in periods):
        return words.pop(), {p: p.split(" ", 1)[1] for p in periods}
    return "", {p: p for p in periods}


def _encodings(frame: pd.DataFrame) -> dict:
    groups = list(dict.fromkeys(frame["group"]))
    n = len(groups)
    return {
        "color": alt.Color("group:N", legend=None).scale(domain=groups, range=COLOURS[:n]),
        "strokeDash": alt.StrokeDash("group:N", legend=None).scale(domain=groups,
                                                                  range=list(DASHES[:n])),
        "shape": alt.Shape("group:N", legend=None).scale(domain=groups, range=SHAPES[:n]),
    }


def trend_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """People out of 100 in each period, one line per group, labelled directly."""
    periods = list(dict.fromkeys(frame["period"]))
    axis_title, short = axis_periods(periods)
    frame = frame.assign(tick=frame["period"].map(short))
    groups = list(dict.fromkeys(frame["group"]))
    enc = _encodings(frame)
    x = alt.X("tick:O", title=axis_title or None, sort=[short[p] for p in periods],
              axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title="People out of 100", scale=alt.Scale(domain=[0, 100]),
              axis=alt.Axis(values=[0, 25, 50, 75, 100]))
    base = alt.Chart(frame).encode(x=x, y=y)
    lines = base.mark_line(strokeWidth=3, aria=False).encode(
        color=enc["color"], strokeDash=enc["strokeDash"], detail="group:N")
    points = base.mark_point(filled=True, size=70, opacity=1, aria=False).encode(
        color=enc["color"], shape=enc["shape"])
    layers: list[alt.Chart] = [lines, points]
    for index, group in enumerate(groups):
        rows = frame[frame["group"] == group]
        above = index % 2 == 0
        layers.append(
            alt.Chart(rows).mark_text(dy=-14 if above else 16, fontWeight="bold",
                                      color=COLOURS[index], aria=False)
            .encode(x=x, y=y, text="label:N")
        )
        first = rows.iloc[[0]]
        layers.append(
            alt.Chart(first).mark_text(align="left", dx=8, dy=-34 if above else 36,
                                       color=COLOURS[index], fontWeight="bold", aria=False)
            .encode(x=x, y=y, text="group:N")
        )
    layers += gap_notes(frame, groups, periods, short, x)
    return house_style(alt.layer(*layers).properties(width=WIDTH, height=HEIGHT))


def gap_notes(frame: pd.DataFrame, groups: list[str], periods: list[str],
              short: dict[str, str], x: alt.X) -> list[alt.Chart]:
    """Say where a group has no figures, so a missing line is never read as zero."""
    notes = []
    for group in groups:
        have = list(frame.loc[frame["group"] == group, "period"])
        if have and have[-1] != periods[-1]:
            after = periods[periods.index(have[-1]) + 1]
            # Text runs right from its anchor; near the right edge it would run out of the
            # viewBox (the reader's font may be wider than vl-convert's), so end it at the edge.
            right = periods.index(after) > (len(periods) - 1) / 2
            note = pd.DataFrame({"tick": [short[periods[-1] if right else after]],
                                 "value": [17.0],
                                 "text": [[f"No {group.lower()}",
                                           f"group after {have[-1].lower()}"]]})
            notes.append(
                alt.Chart(note).mark_text(align="right" if right else "left", dx=6 if right else -6,
                                          fontStyle="italic", color=INK,
                                          lineHeight=FONT_SIZE + 3, aria=False)
                .encode(x=x, y=alt.Y("value:Q"), text="text:N")
            )
    return notes


def bar_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """People out of 100 in each group, one bar per group, labelled directly."""
    groups = list(dict.fromkeys(frame["group"]))
    enc = _encodings(frame)
    # Group names are written above their bars, left-aligned at 0, not as axis labels: an axis
    # label is right-aligned to the axis and, in a font wider than vl-convert measured, would
    # run out of the left edge of the viewBox on the reader's screen.
    y = alt.Y("group:N", title=None, sort=groups, axis=None)
    x = alt.X("value:Q", title="People out of 100", scale=alt.Scale(domain=[0, 100]),
              axis=alt.Axis(values=[0, 25, 50, 75, 100]))
    base = alt.Chart(frame).encode(x=x, y=y)
    bars = base.mark_bar(aria=False, height=22).encode(color=enc["color"])
    labels = base.mark_text(align="left", dx=5, fontWeight="bold", color=INK,
                            aria=False).encode(text="label:N")
    names = base.mark_text(align="left", baseline="bottom", dy=-16, color=INK,
                           aria=False).encode(x=alt.datum(0), text="group:N")
    height = 58 * len(groups)
    return house_style(alt.layer(bars, labels, names).properties(width=WIDTH, height=height))


def house_style(chart: alt.LayerChart) -> alt.LayerChart:
    """Fonts, sizes and colours in one place; aria off so the <svg> root carries the label."""
    return (
        chart.configure(font=FONT, aria=False, background="#ffffff")
        .configure_view(stroke=None)
        .configure_title(fontSize=FONT_SIZE + 1, anchor="start", color=INK, limit=WIDTH + 40,
                         subtitleColor=INK)
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelColor=INK,
                        titleColor=INK, gridColor=GRID, domainColor=INK, tickColor=INK,
                        titleFontWeight="normal")
        .configure_text(fontSize=FONT_SIZE)
    )


BUILDERS = {"trend": trend_chart, "bars": bar_chart}


def make_chart(kind: str, figures: Sequence[Figure]) -> alt.LayerChart:
    """Build the chart of this kind for these figures (the takeaway title is HTML, beside it)."""
    return BUILDERS[kind](to_frame(figures))


def picture(kind: str, figures: Sequence[Figure], *, title: str, outcome: str) -> str:
    """The inline SVG for one chart; an icon-array chart is one small SVG per figure."""
    if kind != "icons":
        return to_svg(make_chart(kind, figures), label=title)
    return icons.arrays_html([
        to_svg(icons.icon_array(f.per_100, label=f.group, period=f.period, outcome=outcome,
                                relation=f.relation),
               label=f"{f.group}, {f.period.lower()}: {f.about} people {outcome}")
        for f in figures
    ])


def to_svg(chart: alt.TopLevelMixin, *, label: str) -> str:
    """Render at build time so the page needs no JavaScript to show the chart.

    The root <svg> gets a text alternative and loses its fixed size (the viewBox
    stays), so it scales down on a phone instead of scrolling sideways.
    """
    # validate=False halves to_dict's time; the same specs are schema-checked in test_charts.py.
    svg = vl_convert.vegalite_to_svg(chart.to_dict(validate=False))
    svg = compact_svg(svg)
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
