"""Stage 3: chart builders are pure; tests read the Vega-Lite spec, not pixels."""

from __future__ import annotations

import json
import re

import pytest
from helpers import REPO

from evidence_site import pipeline
from evidence_site.present import charts, vega
from evidence_site.records import Project


def table(**columns: list) -> list[dict]:
    """Rows from columns, as charts.to_rows makes them."""
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(),
                                                                     strict=True)]


TREND = table(group=["Alemtuzumab"] * 3 + ["Interferon beta-1a"] * 2,
              period=["Year 1", "Year 2", "Year 3", "Year 1", "Year 2"],
              value=[58.7, 52.6, 46.6, 41.3, 37.7], label=["59", "53", "47", "41", "38"])
BARS = table(group=["Cladribine tablets", "Placebo"], period=["Over 96 weeks"] * 2,
             value=[48.3, 42.5], label=["48", "43"])


def trend(rows: list[dict]) -> dict:
    """The Vega-Lite spec of a trend chart of these rows."""
    return charts.vega_lite(charts.trend_layout(rows))


def bars(rows: list[dict]) -> dict:
    """The Vega-Lite spec of a bar chart of these rows."""
    return charts.vega_lite(charts.bar_layout(rows))


def layers(spec: dict, mark: str) -> list[dict]:
    """The layers of one mark type."""
    return [layer for layer in spec["layer"] if layer["mark"]["type"] == mark]


def rows(spec: dict, layer: dict) -> list[dict]:
    """The data rows a layer draws (its own data, or the top level's when it inherits it)."""
    return spec["datasets"][(layer.get("data") or spec["data"])["name"]]


def test_trend_groups_differ_by_more_than_colour() -> None:
    """Each group has its own colour, line style and point shape; no legend is needed."""
    spec = trend(TREND)
    (line,) = layers(spec, "line")
    (point,) = layers(spec, "point")
    dashes = line["encoding"]["strokeDash"]["scale"]["range"]
    colours = line["encoding"]["color"]["scale"]["range"]
    shapes = point["encoding"]["shape"]["scale"]["range"]
    assert len(set(map(tuple, dashes))) == len(set(colours)) == len(set(shapes)) == 2
    assert line["encoding"]["color"]["legend"] is None


def test_trend_axis_is_people_out_of_100() -> None:
    """The y axis always runs 0 to 100, so a drop is not exaggerated."""
    spec = trend(TREND)
    (line,) = layers(spec, "line")
    assert line["encoding"]["y"]["scale"]["domain"] == [0, 100]
    assert line["encoding"]["y"]["title"] == "People out of 100"
    assert line["encoding"]["x"]["title"] == "Year"
    assert line["encoding"]["x"]["sort"] == ["1", "2", "3"]


def test_trend_labels_every_point_and_every_line() -> None:
    """Numbers and group names are written on the chart (direct labels)."""
    spec = trend(TREND)
    texts = layers(spec, "text")
    labelled = [
        r["label"]
        for t in texts
        if t["encoding"]["text"]["field"] == "label"
        for r in rows(spec, t)
    ]
    names = [
        r["group"]
        for t in texts
        if t["encoding"]["text"]["field"] == "group"
        for r in rows(spec, t)
    ]
    assert sorted(labelled) == sorted(r["label"] for r in TREND)
    assert names == ["Alemtuzumab", "Interferon beta-1a"]


def test_trend_says_where_a_group_stops() -> None:
    """A group without later figures gets a visible note, so a missing line is not read as 0."""
    spec = trend(TREND)
    notes = [
        r["text"]
        for t in layers(spec, "text")
        if t["encoding"]["text"]["field"] == "text"
        for r in rows(spec, t)
    ]
    assert notes == [["No interferon beta-1a", "group after year 2"]]


def test_a_low_gap_note_ends_above_the_floor() -> None:
    """vl-convert draws a note's later lines below its anchor: all of them clear the x axis."""
    spec = trend(TREND)
    [note] = [t for t in layers(spec, "text") if t["encoding"]["text"]["field"] == "text"]
    [row] = rows(spec, note)
    assert note["mark"]["baseline"] == "bottom"
    top = 100
    last_line_bottom = charts.HEIGHT * (1 - row["value"] / top) + (len(row["text"]) - 1) * (
        charts.FONT_SIZE + 3)
    assert last_line_bottom <= charts.HEIGHT - 2


def test_trend_with_complete_groups_has_no_note() -> None:
    """When every group has every period there is nothing to explain."""
    spec = trend([r for r in TREND if r["period"] != "Year 3"])
    assert [t for t in layers(spec, "text") if t["encoding"]["text"]["field"] == "text"] == []


def test_bars_one_bar_per_group_in_curator_order() -> None:
    """A two-group comparison over one period is a bar per group, labelled with its number."""
    spec = bars(BARS)
    (bar,) = layers(spec, "bar")
    assert bar["encoding"]["y"]["sort"] == ["Cladribine tablets", "Placebo"]
    assert bar["encoding"]["x"]["scale"]["domain"] == [0, 100]
    assert [r["label"] for r in rows(spec, bar)] == ["48", "43"]
    texts = {t["encoding"]["text"]["field"]: t for t in layers(spec, "text")}
    assert sorted(texts) == ["group", "label"]


def test_bar_names_start_inside_the_chart() -> None:
    """Group names are left-aligned at 0 above the bars, not right-aligned axis labels.

    An axis label ends at the axis and grows leftwards; in a reader's font that is wider than
    the one vl-convert measured, it ran out of the SVG ('ladribine tablets' on a phone).
    """
    spec = bars(BARS)
    (bar,) = layers(spec, "bar")
    assert bar["encoding"]["y"]["axis"] is None
    (names,) = [t for t in layers(spec, "text") if t["encoding"]["text"]["field"] == "group"]
    assert names["encoding"]["x"] == {"datum": 0}
    assert (names["mark"]["align"], names["mark"]["baseline"]) == ("left", "bottom")


def test_gap_note_near_the_right_edge_ends_at_the_edge() -> None:
    """A note that would start in the right half is right-aligned to the last period."""
    spec = trend(TREND)
    (note,) = [t for t in layers(spec, "text") if t["encoding"]["text"]["field"] == "text"]
    assert note["mark"]["align"] == "right"
    assert [r["tick"] for r in rows(spec, note)] == ["3"]


def test_house_style_turns_off_per_mark_aria() -> None:
    """The <svg> root carries the one label; marks are not announced one by one."""
    for spec in (trend(TREND), bars(BARS)):
        assert spec["config"]["aria"] is False
        assert all(layer["mark"]["aria"] is False for layer in spec["layer"])


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        (["Year 1", "Year 2"], ("Year", {"Year 1": "1", "Year 2": "2"})),
        (["Over 96 weeks"], ("Over", {"Over 96 weeks": "96 weeks"})),
        (["Year 1", "Month 6"], ("", {"Year 1": "Year 1", "Month 6": "Month 6"})),
        (["Baseline"], ("", {"Baseline": "Baseline"})),
    ],
)
def test_axis_periods(periods: list[str], expected: tuple[str, dict[str, str]]) -> None:
    """A shared first word becomes the axis title; the rest are the ticks."""
    assert charts.axis_periods(periods) == expected


def test_to_svg_is_accessible_and_scales() -> None:
    """The root <svg> has role=img and an escaped label, and no fixed size (viewBox only)."""
    svg = charts.to_svg(charts.bar_layout(BARS), label="Infections <A&B>")
    root = svg[: svg.index(">") + 1]
    assert 'role="img"' in root
    assert 'aria-label="Infections &lt;A&amp;B&gt;"' in root
    assert re.search(r'viewBox="0 0 \d+ \d+"', root)
    assert not re.search(r" (width|height)=", root)
    assert "<script" not in svg and "http://" not in svg.replace("http://www.w3.org/", "")


def test_gap_note_in_the_left_half_starts_after_the_last_figure() -> None:
    """With six years and a comparison that stops after year 2, the note starts at year 3."""
    years = [f"Year {n}" for n in range(1, 7)]
    spec = trend(table(group=["A"] * 6 + ["B"] * 2, period=years + years[:2],
                       value=[58.7, 52.6, 46.6, 42.8, 40.9, 38.1, 41.3, 37.7],
                       label=["59", "53", "47", "43", "41", "38", "41", "38"]))
    (note,) = [t for t in layers(spec, "text") if t["encoding"]["text"]["field"] == "text"]
    assert note["mark"]["align"] == "left"
    assert [r["tick"] for r in rows(spec, note)] == ["3"]


def test_real_site_specs_are_valid_vega_lite(monkeypatch: pytest.MonkeyPatch) -> None:
    """The build skips Altair's validation for speed, so every spec it renders is checked here."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    schema, rendered = load_schema(), []
    plan = charts.plan

    def validating(layout: charts.Layout, label: str) -> charts.Part:
        spec = charts.vega_lite(layout)
        validate_jsonschema(spec, schema)
        rendered.append(spec)
        return plan(layout, label)

    monkeypatch.setattr(charts, "plan", validating)
    site = pipeline.build(Project(REPO), workers=1)  # in this process, so the patch applies
    assert rendered and site.charts_rendered > 0


def shapes_of_every_kind() -> list[charts.Layout]:
    """A layout of each branch: whiskers, a key above, gap notes, arrays of 100 and 1,000."""
    from evidence_site.present import icons

    ci = [row | {"low": row["value"] - 5, "high": row["value"] + 4} for row in TREND]
    part = [row | ({"low": None, "high": None} if i else {}) for i, row in enumerate(ci)]
    zoomed = charts.Axis("People out of 1,000", (0, 80), (0, 20, 40, 60, 80))
    return [charts.trend_layout(TREND), charts.trend_layout(ci), charts.trend_layout(part),
            charts.trend_layout(TREND, zoomed), charts.bar_layout(BARS),
            charts.bar_layout([r | {"low": 40.0, "high": 50.5} for r in BARS]),
            icons.icon_array(41.3, label="A", period="Year 1", outcome="had an infection"),
            icons.icon_array(2.6, label="A", period="Year 1", outcome="had x",
                             denominator=1000)]


def test_a_spec_is_the_one_altair_writes_with_the_data_inline() -> None:
    """A shape's template with a chart's rows filled in is exactly Altair's spec of the chart
    with those rows as its data: the same datasets, names and order, and a valid spec."""
    import altair as alt

    for layout in shapes_of_every_kind():
        inline = iter([alt.InlineData(values=rows) for rows in layout.rows])
        altair_spec = layout.draw(layout.shape, inline).to_dict()  # validated against the schema
        assert json.dumps(charts.vega_lite(layout)) == json.dumps(altair_spec)


def test_layers_are_joined_as_alt_layer_joins_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """charts.layered (LayerChart.__init__ without its copies) gives alt.layer's spec for every
    shape, and a layer with a selection parameter is left to alt.layer itself."""
    import altair as alt

    def spec(layout: charts.Layout) -> str:
        inline = iter([alt.InlineData(values=rows) for rows in layout.rows])
        return json.dumps(layout.draw(layout.shape, inline).to_dict())

    fast = [spec(layout) for layout in shapes_of_every_kind()]
    monkeypatch.setattr(charts, "layered", lambda layers, **kwargs: alt.layer(*layers, **kwargs))
    assert fast == [spec(layout) for layout in shapes_of_every_kind()]
    monkeypatch.undo()
    base = alt.Chart(alt.InlineData(values=[{"a": 1}])).mark_point().encode(x="a:Q")
    picked = base.add_params(alt.selection_point(name="pick"))
    assert charts.layered([picked, base], width=10).to_dict() == alt.layer(
        picked, base, width=10).to_dict()


def test_charts_of_one_shape_are_compiled_once_and_draw_as_if_alone() -> None:
    """The second chart of a shape reuses its compiled Vega spec, and its SVG is the one that
    converting its own Vega-Lite spec in one step gives (rows shared by two layers too)."""
    from evidence_site.present.converter import vl_convert

    every = [row | {"low": row["value"] - 3, "high": row["value"] + 2} for row in BARS]
    first = [row | {"low": 1.0, "high": 60.0} for row in BARS]  # the same shape, other rows
    some = [every[0], every[1] | {"low": None, "high": None}]  # whisker rows != bar rows
    before = vega.compiled.cache_info()
    for rows in (first, every, some, [r | {"value": 12.5} for r in some]):
        layout = charts.bar_layout(rows)
        alone = vl_convert().vegalite_to_svg(charts.vega_lite(layout))
        assert charts.to_svg(layout, label="x") == vega.accessible(vega.compact_svg(alone),
                                                                     "x")
    after = vega.compiled.cache_info()
    assert after.hits - before.hits == 2  # 'every' reuses first's compile, the last some's


def test_compact_svg_defines_a_repeated_shape_once() -> None:
    """An icon array's 100 identical circles become one definition and 100 placements."""
    circle = '<path transform="translate({x},0)" d="M1,0A1,1,0,1,1,-1,0" fill="#123" opacity="1"/>'
    svg = ('<svg viewBox="0 0 9 9"><rect fill="#fff"/>'
           + "".join(circle.format(x=x) for x in range(100)) + '<path d="M0,0h1"/></svg>')
    compact = vega.compact_svg(svg)
    assert compact.count('d="M1,0A1,1,0,1,1,-1,0"') == 1
    assert compact.count("<use ") == 100
    assert 'opacity="1"' not in compact
    assert '<path d="M0,0h1"/>' in compact  # a shape drawn once stays as it was
    assert compact.startswith('<svg viewBox="0 0 9 9"><rect fill="#fff"/>')  # background first
    ids = re.findall(r'<path id="([^"]+)"', compact)
    assert ids and all(f'href="#{i}"' in compact for i in ids)
    other = vega.compact_svg(svg.replace("#123", "#456"))
    assert set(ids).isdisjoint(re.findall(r'<path id="([^"]+)"', other))


FONTS_USED = """
import os, sys
os.environ["FONTCONFIG_FILE"] = "/the/curator/s.conf"
from evidence_site.present.converter import vl_convert
vl = vl_convert()
text = ('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><text y="30" '
        'font-family="{}" font-size="24">Year 1: 59 in 100</text></svg>')
png = {family: bytes(vl.svg_to_png(text.format(family)))
       for family in ("Liberation Sans", "DejaVu Sans", "No Such Font")}
print(png["DejaVu Sans"] == png["No Such Font"] != png["Liberation Sans"],
      os.environ["FONTCONFIG_FILE"])
"""


def test_charts_and_cards_use_only_the_font_vl_convert_bundles() -> None:
    """vl-convert loads none of the machine's fonts (DejaVu Sans, installed here and in CI, is
    as unknown to it as a font no machine has), only the Liberation Sans it bundles, so every
    machine draws the same bytes; the font setting of processes started later is kept."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", FONTS_USED], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["True", "/the/curator/s.conf"]
