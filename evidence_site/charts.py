"""Stage 3: Altair chart builders (pure: a DataFrame in, a chart out) and SVG rendering."""

from __future__ import annotations

import hashlib
import html
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import altair as alt
import pandas as pd
import vl_convert

from evidence_site import colours, icons, numbers, shapes
from evidence_site.records import Figure

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


@dataclass(frozen=True)
class Axis:
    """The value axis of a chart: its title, its domain (always from 0) and its tick values."""

    title: str
    domain: tuple[float, float]
    ticks: tuple[float, ...]
    whole: bool = False  # the axis runs to the whole population (0 to 100 in 100)


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


def to_frame(figures: Sequence[Figure]) -> pd.DataFrame:
    """One row per plotted value, in the order the curator listed them (CI bounds if any)."""
    d = chart_denominator(figures)
    frame = pd.DataFrame(
        {
            "group": [f.group for f in figures],
            "period": [f.period for f in figures],
            "value": [plotted(f, f.value, d) for f in figures],
            "label": [point_label(f, d) for f in figures],
        }
    )
    if any(f.ci_low is not None and f.ci_high is not None for f in figures):
        frame["low"] = [plotted(f, f.ci_low, d) if f.ci_high is not None else None
                        for f in figures]
        frame["high"] = [plotted(f, f.ci_high, d) if f.ci_low is not None else None
                         for f in figures]
    return frame


def capital(text: str) -> str:
    """First letter upper case, the rest as typed ('MS relapses' stays 'MS relapses')."""
    return text[:1].upper() + text[1:]


def value_axis(figures: Sequence[Figure], frame: pd.DataFrame) -> Axis:
    """'People out of 1,000' or 'Infections per 100 patient-years', fitted to the data."""
    columns = [c for c in ("value", "low", "high") if c in frame]
    highs = [f.value_high for f in figures if f.value_high is not None]
    d = chart_denominator(figures)
    top = max([float(frame[columns].max().max())]
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


def _encodings(frame: pd.DataFrame, palette: Palette = ()) -> dict:
    groups = list(dict.fromkeys(frame["group"]))
    style = group_palette(groups, palette)
    return {
        "color": alt.Color("group:N", legend=None).scale(
            domain=groups, range=[style[g][0] for g in groups]),
        "text_color": alt.Color("group:N", legend=None).scale(
            domain=groups, range=[text_colour(style[g][0]) for g in groups]),
        "strokeDash": alt.StrokeDash("group:N", legend=None).scale(
            domain=groups, range=[DASHES[style[g][1]] for g in groups]),
        "shape": alt.Shape("group:N", legend=None).scale(
            domain=groups, range=[SHAPES[style[g][1]] for g in groups]),
        "style": style,
    }


def _value(field: str, axis: Axis, title: bool = True) -> dict:
    """The value channel's arguments, the same in every layer so the layers share one axis."""
    return {"shorthand": f"{field}:Q", "title": axis.title if title else None,
            "scale": alt.Scale(domain=list(axis.domain)),
            "axis": alt.Axis(values=list(axis.ticks))}


def has_interval(frame: pd.DataFrame) -> bool:
    """Whether any figure of the chart has a confidence interval."""
    return "low" in frame


def trend_chart(frame: pd.DataFrame, axis: Axis = PERCENT_AXIS,
                palette: Palette = ()) -> alt.LayerChart:
    """People (or events) in each period, one line per group, labelled directly."""
    periods = list(dict.fromkeys(frame["period"]))
    axis_title, short, tick_options = period_axis(periods)
    frame = frame.assign(tick=frame["period"].map(short))
    groups = list(dict.fromkeys(frame["group"]))
    enc = _encodings(frame, palette)
    x = alt.X("tick:O", title=axis_title or None, sort=[short[p] for p in periods],
              axis=alt.Axis(**tick_options))
    y = alt.Y(**_value("value", axis))
    base = alt.Chart(frame).encode(x=x, y=y)
    lines = base.mark_line(strokeWidth=3, aria=False).encode(
        color=enc["color"], strokeDash=enc["strokeDash"], detail=alt.Detail("group:N"))
    points = base.mark_point(filled=True, size=70, opacity=1, aria=False).encode(
        color=enc["color"], shape=enc["shape"])
    layers: list[alt.Chart] = [lines, *trend_whiskers(frame, x, axis, enc), points]
    direct = axis.whole and not has_interval(frame)
    for index, group in enumerate(groups):
        rows = frame[frame["group"] == group]
        above = index % 2 == 0
        colour = text_colour(enc["style"][group][0])
        ly, place = y, {"dy": -14 if above else 16}
        if not direct and not above:  # left of the point: clear of the floor and whiskers
            place = {"align": "right", "dx": -9}
        elif has_interval(rows):  # above the whisker's top
            rows = rows.assign(ly=rows["high"].fillna(rows["value"]))
            ly = alt.Y(**_value("ly", axis))
        layers.append(
            alt.Chart(rows).mark_text(**place, fontWeight="bold", color=colour, aria=False)
            .encode(x=x, y=ly, text=alt.Text("label:N"))
        )
        if direct:  # the name beside the line's first point, above or below it
            first = rows.iloc[[0]]
            layers.append(
                alt.Chart(first).mark_text(align="left", dx=8, dy=-34 if above else 36,
                                           color=colour, fontWeight="bold", aria=False)
                .encode(x=x, y=ly, text=alt.Text("group:N"))
            )
    if not direct:
        layers += key_above(groups, enc)
    layers += gap_notes(frame, groups, periods, short, x, axis)
    return house_style(layers, width=WIDTH, height=HEIGHT)


def key_above(groups: Sequence[str], enc: dict) -> list[alt.Chart]:
    """Each group's point shape and name on its own line above the plot.

    On a zoomed axis or among whiskers, a name beside a point would fall on other marks.
    """
    rows = pd.DataFrame({"group": list(groups),
                         "py": [-16.0 - 20 * (len(groups) - 1 - i) for i in range(len(groups))]})
    base = alt.Chart(rows).encode(y=alt.Y("py:Q", scale=None, axis=None))
    points = base.mark_point(filled=True, size=70, opacity=1, aria=False).encode(
        x=alt.XValue(6), color=enc["color"], shape=enc["shape"])
    names = base.mark_text(align="left", fontWeight="bold", aria=False).encode(
        x=alt.XValue(16), color=enc["text_color"], text=alt.Text("group:N"))
    return [points, names]


def trend_whiskers(frame: pd.DataFrame, x: alt.X, axis: Axis, enc: dict) -> list[alt.Chart]:
    """A vertical whisker with caps from each interval's low to its high bound."""
    if not has_interval(frame):
        return []
    rows = frame.dropna(subset=["low", "high"])
    base = alt.Chart(rows).encode(x=x, color=enc["color"])
    rule = base.mark_rule(strokeWidth=2, aria=False).encode(
        y=alt.Y(**_value("low", axis)), y2=alt.Y2("high"))
    caps = [base.mark_tick(thickness=2, size=12, opacity=1, aria=False)
            .encode(y=alt.Y(**_value(end, axis))) for end in ("low", "high")]
    return [rule, *caps]


def gap_notes(frame: pd.DataFrame, groups: list[str], periods: list[str],
              short: dict[str, str], x: alt.X, axis: Axis = PERCENT_AXIS) -> list[alt.Chart]:
    """Say where a group has no figures, so a missing line is never read as zero."""
    notes = []
    for group in groups:
        have = list(frame.loc[frame["group"] == group, "period"])
        if have and have[-1] != periods[-1]:
            after = periods[periods.index(have[-1]) + 1]
            # Text runs right from its anchor; near the right edge it would run out of the
            # viewBox (the reader's font may be wider than vl-convert's), so end it at the edge.
            right = periods.index(after) > (len(periods) - 1) / 2
            top = axis.domain[1]
            later = frame[frame["period"].isin(periods[periods.index(after):])]
            columns = [c for c in ("value", "low") if c in later]
            # Low in the plot, unless the other lines run down there: then high in the plot.
            near_floor = float(later[columns].min().min()) < top * 0.3
            chars = int((WIDTH * (periods.index(periods[-1] if right else after) + 0.5)
                         / len(periods) + 6 if right else
                         WIDTH * (1 - (periods.index(after) + 0.5) / len(periods)) + 6)
                        / CHAR_PX)
            parts = (f"No {numbers.in_sentence(group)}", f"group after {have[-1].lower()}")
            text = [line for part in parts
                    for line in textwrap.wrap(part, max(chars, 12))]
            note = pd.DataFrame({"tick": [short[periods[-1] if right else after]],
                                 "value": [top * 0.92 if near_floor else
                                           17.0 if top == 100 else top * 0.17],
                                 "text": [text]})
            notes.append(
                alt.Chart(note).mark_text(align="right" if right else "left", dx=6 if right else -6,
                                          fontStyle="italic", color=INK,
                                          lineHeight=FONT_SIZE + 3, aria=False)
                .encode(x=x, y=alt.Y("value:Q"), text=alt.Text("text:N"))
            )
    return notes


def bar_chart(frame: pd.DataFrame, axis: Axis = PERCENT_AXIS,
              palette: Palette = ()) -> alt.LayerChart:
    """People (or events) in each group, one bar per group from zero, labelled directly."""
    groups = list(dict.fromkeys(frame["group"]))
    enc = _encodings(frame, palette)
    # Group names are written above their bars, left-aligned at 0, not as axis labels: an axis
    # label is right-aligned to the axis and, in a font wider than vl-convert measured, would
    # run out of the left edge of the viewBox on the reader's screen.
    y = alt.Y("group:N", title=None, sort=groups, axis=None)
    x = alt.X(**_value("value", axis))
    base = alt.Chart(frame).encode(x=x, y=y)
    bars = base.mark_bar(aria=False, height=22).encode(color=enc["color"])
    label_at = base
    if has_interval(frame):  # the number goes after the whisker, not under it
        label_at = alt.Chart(frame.assign(lx=frame[["value", "high"]].max(axis=1))).encode(
            x=alt.X(**_value("lx", axis)), y=y)
    labels = label_at.mark_text(align="left", dx=5 if label_at is base else 9,
                                fontWeight="bold", color=INK, aria=False).encode(
        text=alt.Text("label:N"))
    names = base.mark_text(align="left", baseline="bottom", dy=-16, color=INK,
                           aria=False).encode(x=alt.XDatum(0), text=alt.Text("group:N"))
    height = 58 * len(groups)
    layers = [bars, *bar_whiskers(frame, y, axis), labels, names]
    return house_style(layers, width=WIDTH, height=height)


def bar_whiskers(frame: pd.DataFrame, y: alt.Y, axis: Axis) -> list[alt.Chart]:
    """A horizontal whisker with caps across each bar's interval: ink on a white halo."""
    if not has_interval(frame):
        return []
    base = alt.Chart(frame.dropna(subset=["low", "high"])).encode(y=y)
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

    Made in one step: every .configure_*() or .properties() call would deep-copy every layer
    (data included), which cost more than drawing the chart.
    """
    return alt.layer(*layers, width=width, height=height, config=HOUSE_STYLE)


HOUSE_STYLE = alt.Config(
    font=FONT, aria=False, background="#ffffff",
    view=alt.ViewConfig(stroke=None),
    title=alt.TitleConfig(fontSize=FONT_SIZE + 1, anchor="start", color=INK, limit=WIDTH + 40,
                          subtitleColor=INK),
    axis=alt.AxisConfig(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelColor=INK,
                        titleColor=INK, gridColor=GRID, domainColor=INK, tickColor=INK,
                        titleFontWeight="normal"),
    text=alt.MarkConfig(fontSize=FONT_SIZE),
)


BUILDERS = {"trend": trend_chart, "bars": bar_chart}


def make_chart(kind: str, figures: Sequence[Figure],
               palette: Palette = ()) -> alt.LayerChart:
    """Build the chart of this kind for these figures (the takeaway title is HTML, beside it)."""
    frame = to_frame(figures)
    return BUILDERS[kind](frame, value_axis(figures, frame), palette)


def picture(kind: str, figures: Sequence[Figure], *, title: str, outcome: str,
            palette: Palette = ()) -> str:
    """The inline SVG for one chart; an icon-array chart is one small SVG per figure."""
    if kind != "icons":
        return to_svg(make_chart(kind, figures, palette), label=title)
    d = chart_denominator(figures)
    style = group_palette(list(dict.fromkeys(f.group for f in figures)), palette)
    return icons.arrays_html([
        to_svg(icons.icon_array(plotted(f, f.value, d) or 0.0, label=f.group, period=f.period,
                                outcome=outcome, words=f.about, denominator=d,
                                colour=style[f.group][0]),
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
