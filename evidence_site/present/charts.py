"""Stage 3: Altair chart builders and SVG rendering, one Altair build and compile per chart shape.

A chart is laid out in plain Python first: a Layout holds its shape (everything Altair needs:
groups, colours, axis, which layers) and the rows of each of its datasets. Altair turns a shape
into a Vega-Lite spec whose datasets are named slots, and the rows fill them under the names
Altair itself gives inline data, so the spec is the one Altair writes for the chart. Charts of
one shape (the same groups, periods and axis; every icon array of a colour) share one Altair
build and one Vega-Lite-to-Vega compile: only their rows differ.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import math
import re
import sys
import textwrap
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from evidence_site import shapes
from evidence_site.cache import collector_paused
from evidence_site.present import colours, numbers
from evidence_site.present.vega import (
    SLOT,
    Part,
    Sketch,
    draw_sketch,
    part_vega,
    vega_svg,
)
from evidence_site.records import Figure

if TYPE_CHECKING:
    import altair as alt

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
FONT_SIZE = 14  # the SVG is at most ~300 px wide, so on a 320 px phone text stays >= 12 px
WIDTH = 250
HEIGHT = 190
INK = "#1a1a1a"
GRID = "#d0d0d0"
# Colours, dashes and point shapes come from colours.py: one meaning per colour, site-wide;
# dashes and shapes repeat the difference so colour is never the only cue.
COLOURS, DASHES, SHAPES = colours.HUES, colours.DASHES, colours.SHAPES
Palette = Sequence[tuple[str, str, int]]  # (group, colour, style index), from the site's mapping
Row = dict[str, Any]
Rows = list[Row]


@dataclass(frozen=True)
class Axis:
    """The value axis of a chart: its title, its domain (always from 0) and its tick values."""

    title: str
    domain: tuple[float, float]
    ticks: tuple[float, ...]
    whole: bool = False  # the axis runs to the whole population (0 to 100 in 100)


@dataclass(frozen=True)
class Layout:
    """A chart before drawing: `draw` makes its Altair chart from `shape` and one named dataset
    per entry of `rows` (in the order it uses them); `rows` are that chart's data."""

    draw: Callable[[Any, Iterator[alt.NamedData]], alt.TopLevelMixin]
    shape: Hashable
    rows: tuple[Rows, ...]


@dataclass(frozen=True)
class GroupStyle:
    """One group's look on a chart: its colour, the colour of its labels, its dash and shape."""

    colour: str
    text: str
    dash: tuple[int, ...]
    shape: str


@dataclass(frozen=True)
class TrendShape:
    """What a trend chart's Altair spec depends on, besides its rows."""

    axis: Axis
    groups: tuple[str, ...]
    styles: tuple[GroupStyle, ...]
    x_title: str
    ticks: tuple[str, ...]  # the period axis's ticks, in order
    tick_options: tuple[tuple[str, Any], ...]
    interval: bool  # some figure has a confidence interval
    notes: tuple[tuple[bool, bool], ...]  # per gap note: ends at the right edge; sits low

    @property
    def direct(self) -> bool:
        """Each line is named beside its first point (else a key above the plot names them)."""
        return self.axis.whole and not self.interval


@dataclass(frozen=True)
class BarShape:
    """What a bar chart's Altair spec depends on, besides its rows."""

    axis: Axis
    groups: tuple[str, ...]
    styles: tuple[GroupStyle, ...]
    interval: bool


PERCENT_AXIS = Axis("People out of 100", (0, 100), (0, 25, 50, 75, 100), whole=True)
HEADROOM = 1.25  # a zoomed axis runs a quarter past the largest value, so labels fit above it
ZOOM_BELOW = 10  # people: when every value is under 1 in 10, the axis fits the data
CHAR_PX = 8  # a wide estimate of one character at FONT_SIZE, for wrapping tick labels
LINE = "\x1f"  # joins the lines of a wrapped tick label (split again by the axis)


def chart_denominator(figures: Sequence[Figure]) -> int:
    """The denominator a chart's people are shown out of (0 when it draws no people)."""
    return max((f.shown_out_of for f in figures if f.kind == shapes.PEOPLE), default=0)


def plotted(f: Figure, value: float | None, denominator: int) -> float | None:
    """A value or bound as drawn: people out of the chart's denominator, or the rate itself."""
    if value is None or f.kind != shapes.PEOPLE:
        return value
    if shapes.SCALES[f.scale].denominator == denominator:
        return value  # as typed: no float drift, so old charts draw byte for byte the same
    return f.in_people(value, denominator)


def point_label(f: Figure, denominator: int) -> str:
    """The number written on a point or bar: the whole number the words give ('<1', '59')."""
    if f.kind != shapes.PEOPLE:
        return numbers.plain(f.value)
    words = numbers.natural(plotted(f, f.value, denominator) or 0.0,
                            plotted(f, f.value_high, denominator), f.relation, denominator)
    number = re.sub(r" in [\d,]+$", "", words)
    if number.startswith("none of"):
        return "0"
    for prefix, mark in (("up to about ", "\u2264"), ("fewer than ", "<"),
                         ("more than ", ">"), ("about ", "")):
        if number.startswith(prefix):
            return mark + number[len(prefix):].replace(" to ", "\u2013")
    return number


def to_rows(figures: Sequence[Figure]) -> Rows:
    """One row per plotted value, in the order the curator listed them (CI bounds if any)."""
    d = chart_denominator(figures)
    rows = [{"group": f.group, "period": f.period, "value": plotted(f, f.value, d),
             "label": point_label(f, d)} for f in figures]
    if any(f.ci_low is not None and f.ci_high is not None for f in figures):
        for row, f in zip(rows, figures, strict=True):
            row["low"] = plotted(f, f.ci_low, d) if f.ci_high is not None else None
            row["high"] = plotted(f, f.ci_high, d) if f.ci_low is not None else None
    return rows


def capital(text: str) -> str:
    """First letter upper case, the rest as typed ('MS relapses' stays 'MS relapses')."""
    return text[:1].upper() + text[1:]


def column_values(rows: Rows, columns: Sequence[str]) -> list[float]:
    """The numbers in these columns of the rows (missing bounds left out)."""
    return [row[c] for row in rows for c in columns if row.get(c) is not None]


def has_interval(rows: Rows) -> bool:
    """Whether any figure of the chart has a confidence interval (the rows have bounds)."""
    return bool(rows) and "low" in rows[0]


def value_axis(figures: Sequence[Figure], rows: Rows) -> Axis:
    """'People out of 1,000' or 'Infections per 100 patient-years', fitted to the data."""
    highs = [f.value_high for f in figures if f.value_high is not None]
    d = chart_denominator(figures)
    top = max([float(max(column_values(rows, ("value", "low", "high"))))]
              + [plotted(figures[0], h, d) or 0.0 for h in highs])
    first = figures[0]
    if first.kind == shapes.RATE:
        return nice_axis(f"{capital(first.unit)} per {first.per}", top, whole=False)
    title = f"People out of {numbers.grouped(d)}"
    if top * ZOOM_BELOW >= d:  # the whole population: a drop is not exaggerated
        return Axis(title, (0, d), tuple(d * i // 4 for i in range(5)), whole=True)
    return nice_axis(title, top, whole=True)


def nice_axis(title: str, top: float, *, whole: bool) -> Axis:
    """From 0 to a round number a little above `top`, in 1, 2, 2.5 or 5 steps (at most 4).

    At most five tick values: Vega thins out more than ceil(height / 40) of them.
    """
    target = Decimal(str(top * HEADROOM)) if top > 0 else Decimal(1)
    exponent = math.floor(math.log10(target)) - 1
    while True:
        for m in ("1", "2", "2.5", "5"):
            step = Decimal(m).scaleb(exponent)
            if whole and step != step.to_integral_value():
                continue
            n = math.ceil(target / step)
            if n <= 4:
                ticks = tuple(_number(step * i) for i in range(n + 1))
                return Axis(title, (0, ticks[-1]), ticks)
        exponent += 1


def _number(value: Decimal) -> float:
    return int(value) if value == value.to_integral_value() else float(value)


def axis_periods(periods: Sequence[str]) -> tuple[str, dict[str, str]]:
    """Shorten 'Year 1'...'Year 6' to '1'...'6' under an axis title 'Year' when all share it."""
    words = {p.split(" ", 1)[0] for p in periods}
    if len(words) == 1 and all(" " in p for p in periods):
        return words.pop(), {p: p.split(" ", 1)[1] for p in periods}
    return "", {p: p for p in periods}


def wrap_ticks(ticks: Sequence[str], width: float = WIDTH) -> dict[str, str]:
    """Break tick labels that would not fit their share of the axis into lines."""
    chars = max(3, int((width / max(len(ticks), 1) - 4) / CHAR_PX))
    return {t: LINE.join(textwrap.wrap(t, chars, break_long_words=False) or [t])
            for t in ticks}


def period_axis(periods: Sequence[str]) -> tuple[str, dict[str, str], dict]:
    """The period axis: its title, each period's tick and axis options (lines when wrapped)."""
    title, short = axis_periods(periods)
    wrapped = wrap_ticks([short[p] for p in periods])
    ticks = {p: wrapped[short[p]] for p in periods}
    options: dict = {"labelAngle": 0}
    if any(LINE in t for t in ticks.values()):
        options |= {"labelExpr": f"split(datum.label, '{LINE}')",
                    "labelLineHeight": FONT_SIZE + 2, "labelBaseline": "top"}
    return title, ticks, options


def group_palette(groups: Sequence[str], palette: Palette = ()) -> dict[str, tuple[str, int]]:
    """Each group's (colour, style index): the site's mapping, else derived from these groups."""
    given = {g: (c, s) for g, c, s in palette}
    if all(g in given for g in groups):
        return {g: given[g] for g in groups}
    derived = colours.chart_palette(groups, colours.site_colours(groups),
                                    colours.site_styles(groups))
    return {g: (c, s) for g, c, s in derived}


def text_colour(colour: str) -> str:
    """A group's colour for its label, or ink if an overridden colour is too light for text."""
    return colour if colours.ratio(colour) >= 4.5 else INK


def group_styles(groups: Sequence[str], palette: Palette = ()) -> tuple[GroupStyle, ...]:
    """Each group's colour, label colour, dash and point shape, in the order of `groups`."""
    style = group_palette(groups, palette)
    return tuple(GroupStyle(style[g][0], text_colour(style[g][0]), tuple(DASHES[style[g][1]]),
                            SHAPES[style[g][1]]) for g in groups)


def groups_of(rows: Rows) -> list[str]:
    """The groups of the rows, in the order they first appear."""
    return list(dict.fromkeys(row["group"] for row in rows))


def trend_layout(rows: Rows, axis: Axis = PERCENT_AXIS, palette: Palette = ()) -> Layout:
    """People (or events) in each period, one line per group, labelled directly."""
    periods = list(dict.fromkeys(row["period"] for row in rows))
    axis_title, short, tick_options = period_axis(periods)
    rows = [row | {"tick": short[row["period"]]} for row in rows]
    groups = groups_of(rows)
    notes = gap_notes(rows, groups, periods, short, axis)
    shape = TrendShape(axis, tuple(groups), group_styles(groups, palette), axis_title,
                       tuple(short[p] for p in periods), tuple(tick_options.items()),
                       has_interval(rows), tuple(place for place, _ in notes))
    data = [rows] + ([bounded(rows)] if shape.interval else [])
    for index, group in enumerate(groups):
        own = [row for row in rows if row["group"] == group]
        if shape.interval and not shape.direct and index % 2 == 0:  # above the whisker's top
            own = [row | {"ly": row["value"] if row["high"] is None else row["high"]}
                   for row in own]
        data += [own, own[:1]] if shape.direct else [own]
    if not shape.direct:
        data.append(key_rows(groups))
    data += [note for _, note in notes]
    return Layout(trend_chart, shape, tuple(data))


def bounded(rows: Rows) -> Rows:
    """The rows with both ends of a confidence interval."""
    return [row for row in rows if row["low"] is not None and row["high"] is not None]


def key_rows(groups: Sequence[str]) -> Rows:
    """Where each group's name goes in the key above the plot: one line each, the last lowest."""
    return [{"group": g, "py": -16.0 - 20 * (len(groups) - 1 - i)} for i, g in enumerate(groups)]


def gap_notes(rows: Rows, groups: list[str], periods: list[str], short: dict[str, str],
              axis: Axis = PERCENT_AXIS) -> list[tuple[tuple[bool, bool], Rows]]:
    """Say where a group has no figures, so a missing line is never read as zero.

    One ((ends at the right edge, sits on the floor), the note's row) per group that stops
    before the last period.
    """
    notes = []
    for group in groups:
        have = [row["period"] for row in rows if row["group"] == group]
        if have and have[-1] != periods[-1]:
            after = periods[periods.index(have[-1]) + 1]
            # Text runs right from its anchor; near the right edge it would run out of the
            # viewBox (the reader's font may be wider than vl-convert's), so end it at the edge.
            top = axis.domain[1]
            later = [row for row in rows if row["period"] in periods[periods.index(after):]]
            # Low in the plot, unless the other lines run down there: then high in the plot.
            near_floor = float(min(column_values(later, ("value", "low")))) < top * 0.3
            parts = (f"No {numbers.in_sentence(group)}", f"group after {have[-1].lower()}")

            def wrapped(right: bool, after: str = after, parts: tuple = parts) -> list[str]:
                chars = int((WIDTH * (periods.index(periods[-1]) + 0.5) / len(periods) + 6
                             if right else
                             WIDTH * (1 - (periods.index(after) + 0.5) / len(periods)) + 6)
                            / CHAR_PX)
                return [line for part in parts for line in textwrap.wrap(part, max(chars, 12))]

            right = periods.index(after) > (len(periods) - 1) / 2
            # Each extra line would reach further down, into the axis, or up, into the names.
            right = right or len(wrapped(True)) < len(wrapped(False))
            text = wrapped(right)
            # Low: vl-convert puts the first line at the anchor and the rest below it, so the
            # anchor is raised by the lines under it, and the last one clears the floor.
            low = top * ((len(text) - 1) * (FONT_SIZE + 3) + 4) / HEIGHT
            notes.append(((right, not near_floor),
                          [{"tick": short[periods[-1] if right else after],
                            "value": float(top * 0.92 if near_floor else low),
                            "text": text}]))
    return notes


def _scale(field: str, groups: Sequence[str], values: Sequence[Any]) -> dict:
    """A group channel's arguments: each group mapped to its own value, no legend."""
    return {"shorthand": f"{field}:N", "legend": None,
            "scale": {"domain": list(groups), "range": list(values)}}


def _encodings(shape: TrendShape | BarShape) -> dict:
    import altair as alt

    groups = shape.groups
    return {
        "color": alt.Color(**_scale("group", groups, [s.colour for s in shape.styles])),
        "text_color": alt.Color(**_scale("group", groups, [s.text for s in shape.styles])),
        "strokeDash": alt.StrokeDash(**_scale("group", groups,
                                              [list(s.dash) for s in shape.styles])),
        "shape": alt.Shape(**_scale("group", groups, [s.shape for s in shape.styles])),
    }


def _value(field: str, axis: Axis, title: bool = True) -> dict:
    """The value channel's arguments, the same in every layer so the layers share one axis."""
    import altair as alt

    return {"shorthand": f"{field}:Q", "title": axis.title if title else None,
            "scale": alt.Scale(domain=list(axis.domain)),
            "axis": alt.Axis(values=list(axis.ticks))}


def trend_chart(shape: TrendShape, data: Iterator[alt.NamedData]) -> alt.LayerChart:
    """The Altair chart of a trend: lines, points, numbers and names (see trend_layout)."""
    import altair as alt

    axis = shape.axis
    enc = _encodings(shape)
    x = alt.X("tick:O", title=shape.x_title or None, sort=list(shape.ticks),
              axis=alt.Axis(**dict(shape.tick_options)))
    y = alt.Y(**_value("value", axis))
    base = alt.Chart(next(data)).encode(x=x, y=y)
    lines = base.mark_line(strokeWidth=3, aria=False).encode(
        color=enc["color"], strokeDash=enc["strokeDash"], detail=alt.Detail("group:N"))
    points = base.mark_point(filled=True, size=70, opacity=1, aria=False).encode(
        color=enc["color"], shape=enc["shape"])
    whiskers = trend_whiskers(next(data), x, axis, enc) if shape.interval else []
    layers: list[alt.Chart] = [lines, *whiskers, points]
    for index, style in enumerate(shape.styles):
        above = index % 2 == 0
        ly, place = y, {"dy": -14 if above else 16}
        if not shape.direct and not above:  # left of the point: clear of the floor and whiskers
            place = {"align": "right", "dx": -9}
        elif shape.interval:  # above the whisker's top
            ly = alt.Y(**_value("ly", axis))
        layers.append(
            alt.Chart(next(data)).mark_text(**place, fontWeight="bold", color=style.text,
                                            aria=False)
            .encode(x=x, y=ly, text=alt.Text("label:N"))
        )
        if shape.direct:  # the name beside the line's first point, above or below it
            layers.append(
                alt.Chart(next(data)).mark_text(align="left", dx=8, dy=-34 if above else 36,
                                                color=style.text, fontWeight="bold", aria=False)
                .encode(x=x, y=ly, text=alt.Text("group:N"))
            )
    if not shape.direct:
        layers += key_above(next(data), enc)
    for right, low in shape.notes:
        layers.append(
            alt.Chart(next(data)).mark_text(align="right" if right else "left",
                                            dx=6 if right else -6, fontStyle="italic",
                                            baseline="bottom" if low else "alphabetic",
                                            color=INK, lineHeight=FONT_SIZE + 3, aria=False)
            .encode(x=x, y=alt.Y("value:Q"), text=alt.Text("text:N"))
        )
    return house_style(layers, width=WIDTH, height=HEIGHT)


def key_above(rows: alt.NamedData, enc: dict) -> list[alt.Chart]:
    """Each group's point shape and name on its own line above the plot.

    On a zoomed axis or among whiskers, a name beside a point would fall on other marks.
    """
    import altair as alt

    base = alt.Chart(rows).encode(y=alt.Y("py:Q", scale=None, axis=None))
    points = base.mark_point(filled=True, size=70, opacity=1, aria=False).encode(
        x=alt.XValue(6), color=enc["color"], shape=enc["shape"])
    names = base.mark_text(align="left", fontWeight="bold", aria=False).encode(
        x=alt.XValue(16), color=enc["text_color"], text=alt.Text("group:N"))
    return [points, names]


def trend_whiskers(rows: alt.NamedData, x: alt.X, axis: Axis, enc: dict) -> list[alt.Chart]:
    """A vertical whisker with caps from each interval's low to its high bound."""
    import altair as alt

    base = alt.Chart(rows).encode(x=x, color=enc["color"])
    rule = base.mark_rule(strokeWidth=2, aria=False).encode(
        y=alt.Y(**_value("low", axis)), y2=alt.Y2("high"))
    caps = [base.mark_tick(thickness=2, size=12, opacity=1, aria=False)
            .encode(y=alt.Y(**_value(end, axis))) for end in ("low", "high")]
    return [rule, *caps]


def bar_layout(rows: Rows, axis: Axis = PERCENT_AXIS, palette: Palette = ()) -> Layout:
    """People (or events) in each group, one bar per group from zero, labelled directly."""
    groups = groups_of(rows)
    shape = BarShape(axis, tuple(groups), group_styles(groups, palette), has_interval(rows))
    data = [rows]
    if shape.interval:  # the number goes after the whisker, not under it
        data += [bounded(rows), [row | {"lx": row["value"] if row["high"] is None
                                        else max(row["value"], row["high"])} for row in rows]]
    return Layout(bar_chart, shape, tuple(data))


def bar_chart(shape: BarShape, data: Iterator[alt.NamedData]) -> alt.LayerChart:
    """The Altair chart of bars: a bar, number and name per group (see bar_layout)."""
    import altair as alt

    axis = shape.axis
    enc = _encodings(shape)
    # Group names are written above their bars, left-aligned at 0, not as axis labels: an axis
    # label is right-aligned to the axis and, in a font wider than vl-convert measured, would
    # run out of the left edge of the viewBox on the reader's screen.
    y = alt.Y("group:N", title=None, sort=list(shape.groups), axis=None)
    x = alt.X(**_value("value", axis))
    base = alt.Chart(next(data)).encode(x=x, y=y)
    bars = base.mark_bar(aria=False, height=22).encode(color=enc["color"])
    whiskers = bar_whiskers(next(data), y, axis) if shape.interval else []
    label_at = base
    if shape.interval:
        label_at = alt.Chart(next(data)).encode(x=alt.X(**_value("lx", axis)), y=y)
    labels = label_at.mark_text(align="left", dx=5 if label_at is base else 9,
                                fontWeight="bold", color=INK, aria=False).encode(
        text=alt.Text("label:N"))
    names = base.mark_text(align="left", baseline="bottom", dy=-16, color=INK,
                           aria=False).encode(x=alt.XDatum(0), text=alt.Text("group:N"))
    height = 58 * len(shape.groups)
    return house_style([bars, *whiskers, labels, names], width=WIDTH, height=height)


def bar_whiskers(rows: alt.NamedData, y: alt.Y, axis: Axis) -> list[alt.Chart]:
    """A horizontal whisker with caps across each bar's interval: ink on a white halo."""
    import altair as alt

    base = alt.Chart(rows).encode(y=y)
    layers = []
    for colour, width in (("#ffffff", 4), (INK, 2)):
        layers.append(base.mark_rule(strokeWidth=width, color=colour, aria=False).encode(
            x=alt.X(**_value("low", axis)), x2=alt.X2("high")))
        layers += [base.mark_tick(thickness=width, size=14 + width, color=colour, opacity=1,
                                  aria=False)
                   .encode(x=alt.X(**_value(end, axis))) for end in ("low", "high")]
    return layers


def house_style(layers: Sequence[alt.Chart], *, width: int, height: int) -> alt.LayerChart:
    """The layers in one chart with fonts, sizes and colours in one place; aria off so the <svg>
    root carries the label.

    Made in one step: every .configure_*() or .properties() call would deep-copy every layer.
    """
    return layered(layers, width=width, height=height, config=house_config())


def layered(layers: Sequence[alt.Chart], **kwargs: Any) -> alt.LayerChart:
    """alt.layer(*layers, **kwargs), without the copies of LayerChart.__init__ (HouseLayers);
    with a selection parameter or a facet in some layer, alt.layer itself."""
    import altair as alt
    from altair.utils.schemapi import Undefined
    from altair.vegalite.v6 import api

    if any(layer._get("params") is not Undefined or api._get_facet_spec(layer)
           for layer in layers):
        return alt.layer(*layers, **kwargs)
    return house_layers()(layer=layers, **kwargs)


@functools.cache
def house_layers() -> type[alt.LayerChart]:
    """The LayerChart class of our charts (made once Altair is imported)."""
    import altair as alt
    from altair.utils.schemapi import Undefined
    from altair.vegalite.v6 import api

    class HouseLayers(alt.LayerChart):
        """A LayerChart made as LayerChart.__init__ makes one, less the two steps that only move
        selection parameters: with none to move they deep-copied every layer twice, and again
        in each copy to_dict makes (half the time of a chart's template)."""

        def __init__(self, data: Any = Undefined, layer: Sequence[Any] = (),
                     **kwargs: Any) -> None:
            if kwargs.get("params", Undefined) is not Undefined or any(
                    c._get("params") is not Undefined for c in layer):
                alt.LayerChart.__init__(self, data=data, layer=layer, **kwargs)
                return
            super(alt.LayerChart, self).__init__(data=data, layer=list(layer), **kwargs)
            self.data, self.layer = api._combine_subchart_data(self.data, self.layer)
            moved, self.layer = api._remove_layer_props(self, self.layer,
                                                        ("height", "width", "view"))
            for prop, value in moved.items():
                self[prop] = value

    return HouseLayers


@functools.cache
def house_config() -> alt.Config:
    """The house style: fonts, sizes and colours of every chart."""
    import altair as alt

    return alt.Config(
        font=FONT, aria=False, background="#ffffff",
        view=alt.ViewConfig(stroke=None),
        title=alt.TitleConfig(fontSize=FONT_SIZE + 1, anchor="start", color=INK,
                              limit=WIDTH + 40, subtitleColor=INK),
        axis=alt.AxisConfig(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelColor=INK,
                            titleColor=INK, gridColor=GRID, domainColor=INK, tickColor=INK,
                            titleFontWeight="normal"),
        text=alt.MarkConfig(fontSize=FONT_SIZE),
    )


LAYOUTS = {"trend": trend_layout, "bars": bar_layout}


def make_chart(kind: str, figures: Sequence[Figure], palette: Palette = ()) -> Layout:
    """Lay out the chart of this kind for these figures (the takeaway title is HTML, beside it)."""
    rows = to_rows(figures)
    return LAYOUTS[kind](rows, value_axis(figures, rows), palette)


def load_altair() -> None:
    """Import Altair with the cycle collector paused, then freeze what the import made.

    Its thousands of schema classes and objects live as long as the process: a collection in
    the middle of the import scanned them all (40 ms of a cold build), and every later one
    scanned them again. They are frozen before the collector resumes: the first collection
    after the pause would scan them all too (30 ms).
    """
    if "altair" in sys.modules:
        return
    with collector_paused():
        import altair  # noqa: F401

        gc.freeze()


def sketch(kind: str, figures: Sequence[Figure], *, title: str, outcome: str,
           palette: Palette = ()) -> Sketch:
    """A chart's Vega-Lite specs and text alternatives (Altair's part of drawing it)."""
    load_altair()
    if kind != "icons":
        return Sketch((plan(make_chart(kind, figures, palette), title),), icons=False)
    from evidence_site.present import icons

    d = chart_denominator(figures)
    style = group_palette(list(dict.fromkeys(f.group for f in figures)), palette)
    return Sketch(tuple(
        plan(icons.icon_array(plotted(f, f.value, d) or 0.0, label=f.group, period=f.period,
                              outcome=outcome, words=f.about, denominator=d,
                              colour=style[f.group][0]),
             f"{f.group}, {f.period.lower()}: {f.about} people {outcome}")
        for f in figures
    ), icons=True)


def picture(kind: str, figures: Sequence[Figure], *, title: str, outcome: str,
            palette: Palette = ()) -> str:
    """The inline SVG for one chart; an icon-array chart is one small SVG per figure."""
    return draw_sketch(sketch(kind, figures, title=title, outcome=outcome, palette=palette))


def dataset_name(rows: Rows) -> str:
    """The name Altair gives inline data (a hash of its rows), so a spec is the one it writes."""
    if rows == [{}]:
        return "empty"
    text = json.dumps(rows, sort_keys=True, default=str)
    return "data-" + hashlib.sha256(text.encode()).hexdigest()[:32]


@functools.lru_cache(maxsize=256)
def template(draw: Callable, shape: Hashable, slots: int) -> dict:
    """The Vega-Lite spec Altair makes for a shape, its datasets named slot-0, slot-1, ..."""
    import altair as alt
    from altair.utils.schemapi import debug_mode

    # Altair checks every object against the schema as it is made, and to_dict would check
    # the whole spec again: that was a third of a chart's time. test_charts.py checks them.
    with debug_mode(False):
        data = iter([alt.NamedData(name=f"{SLOT}{i}") for i in range(slots)])
        return draw(shape, data).to_dict(validate=False)


def vega_lite(layout: Layout) -> dict:
    """The chart's Vega-Lite spec: its shape's template with its rows as named datasets."""
    return fill(template(layout.draw, layout.shape, len(layout.rows)), layout.rows,
                [dataset_name(rows) for rows in layout.rows])


def fill(spec: dict, rows: Sequence[Rows], names: Sequence[str]) -> dict:
    """A template with each slot's rows as a top-level dataset, as Altair consolidates them:
    named by their hash, in the order the spec first uses them, equal rows stored once."""
    given = spec.get("datasets", {})
    datasets: dict[str, Any] = {}

    def named(data: dict) -> dict:
        name = data["name"]
        if name.startswith(SLOT):
            slot = int(name[len(SLOT):])
            name, values = names[slot], rows[slot]
        else:
            values = given[name]
        datasets.setdefault(name, values)
        return data | {"name": name}

    filled = {k: v for k, v in spec.items() if k != "datasets"}
    if "data" in filled:
        filled["data"] = named(filled["data"])
    filled["layer"] = [layer | {"data": named(layer["data"])} if "data" in layer else layer
                       for layer in filled["layer"]]
    return filled | {"datasets": datasets}


def plan(layout: Layout, label: str) -> Part:
    """A layout's Part: its shape's spec with slots (slots of equal rows shared), its rows."""
    names = [dataset_name(rows) for rows in layout.rows]
    shared = tuple(names.index(name) for name in names)
    return Part(slotted(layout.draw, layout.shape, shared), layout.rows, label)


@functools.lru_cache(maxsize=256)
def slotted(draw: Callable, shape: Hashable, shared: tuple[int, ...]) -> str:
    """The Vega-Lite spec (JSON) of a shape whose slots share rows as `shared` says (slot i's
    rows are slot shared[i]'s), its datasets named as slots."""
    slots = [[{"slot": i}] for i in range(len(shared))]  # placeholders: Vega-Lite never reads them
    return json.dumps(fill(template(draw, shape, len(shared)), slots,
                           [f"{SLOT}{i}" for i in shared]))


def to_vega(layout: Layout) -> dict:
    """The chart's Vega spec: its shape's compiled spec with its rows in the slots' datasets."""
    return part_vega(plan(layout, ""))


def to_svg(layout: Layout, *, label: str) -> str:
    """Render at build time so the page needs no JavaScript to show the chart."""
    return vega_svg(to_vega(layout), label)
