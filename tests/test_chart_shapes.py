"""Charts of every shape (issue 10): axes per shape, whiskers, wrapped periods, arrays of 1,000."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from evidence_site import pipeline
from evidence_site.present import charts, colours, icons, render
from evidence_site.records import ChartSpec, Dataset, Figure, Page

MONTHS = [f"Months {a} to {a + 11}" for a in (1, 13, 25, 37, 49, 61)]


def fig(id: str, group: str, period: str, value: float, scale: str = "per_1000",
        low: float | None = None, high: float | None = None, **more: object) -> Figure:
    """A figure with invented numbers (these tests check drawing, not evidence)."""
    return Figure(id=id, dataset="t", measure="m", group=group, period=period, value=value,
                  value_high=None, value_text=str(value), high_text="", relation="", scale=scale,
                  unit=str(more.pop("unit", "people")), n_people=None, source="S", locator="",
                  quote="", line=2, ci_low=low, ci_high=high,
                  ci_low_text="" if low is None else str(low),
                  ci_high_text="" if high is None else str(high), **more)  # type: ignore[arg-type]


RARE = [fig(f"a{i}", "Drug A", p, v, low=low, high=high)
        for i, (p, v, low, high) in enumerate(zip(
            MONTHS, [2.6, 1.9, 1.2, 0.8, 0.4, 0.3], [1.3, 1.0, 0.6, 0.4, 0.2, 0.1],
            [3.9, 2.9, 1.8, 1.2, 0.6, 0.5], strict=True))]
RATES = [fig("r1", "Drug A", "Years 1 to 6", 76.2, "rate", 74.9, 77.4, unit="infections",
             per="100 patient-years"),
         fig("r2", "Placebo", "Years 1 to 2", 66.0, "rate", 62.1, 70.3, unit="infections",
             per="100 patient-years")]


def layers(spec: dict, mark: str) -> list[dict]:
    return [layer for layer in spec["layer"] if layer["mark"]["type"] == mark]


def rows(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][(layer.get("data") or spec["data"])["name"]]


def test_rare_risk_axis_fits_the_data_and_starts_at_zero() -> None:
    """Out of 1,000, a risk of 2.6 is not a flat line at the bottom of 0 to 1,000."""
    spec = charts.vega_lite(charts.make_chart("trend", RARE))
    (line,) = layers(spec, "line")
    assert line["encoding"]["y"]["title"] == "People out of 1,000"
    assert line["encoding"]["y"]["scale"]["domain"] == [0, 6]
    assert line["encoding"]["y"]["axis"]["values"] == [0, 2, 4, 6]


def test_point_labels_use_the_words_numbers() -> None:
    """'fewer than 1 in 1,000' is written '<1' on the point, never '0'."""
    spec = charts.vega_lite(charts.make_chart("trend", RARE))
    (line,) = layers(spec, "line")
    assert [r["label"] for r in rows(spec, line)] == ["3", "2", "1", "1", "<1", "<1"]


def test_trend_whiskers_run_from_low_to_high() -> None:
    """A rule from each interval's low to its high bound, with a cap at each end."""
    spec = charts.vega_lite(charts.make_chart("trend", RARE))
    (rule,) = layers(spec, "rule")
    assert (rule["encoding"]["y"]["field"], rule["encoding"]["y2"]["field"]) == ("low", "high")
    assert [r["high"] for r in rows(spec, rule)] == [3.9, 2.9, 1.8, 1.2, 0.6, 0.5]
    assert sorted(t["encoding"]["y"]["field"] for t in layers(spec, "tick")) == ["high", "low"]


def test_rate_bars_say_events_per_person_time() -> None:
    """A rate's axis counts events over time, from zero, with whiskers and plain numbers."""
    spec = charts.vega_lite(charts.make_chart("bars", RATES))
    (bar,) = layers(spec, "bar")
    assert bar["encoding"]["x"]["title"] == "Infections per 100 patient-years"
    assert bar["encoding"]["x"]["scale"]["domain"] == [0, 100]
    assert [r["label"] for r in rows(spec, bar)] == ["76", "66"]
    assert len(layers(spec, "rule")) == 2  # a white halo under an ink whisker


def test_percent_axis_is_unchanged() -> None:
    """People out of 100 with a common risk keep the whole 0 to 100 axis."""
    f = [fig("p", "A", "Year 1", 58.7, "percent")]
    assert charts.value_axis(f, charts.to_rows(f)) == charts.PERCENT_AXIS


def test_long_period_labels_are_wrapped_to_fit() -> None:
    """Six 'Months 13 to 24' ticks: the shared word is the axis title, ticks break into lines."""
    title, ticks, options = charts.period_axis(MONTHS)
    assert title == "Months"
    lines = [t.split(charts.LINE) for t in ticks.values()]
    assert lines[1] == ["13", "to", "24"]
    share = charts.WIDTH / len(MONTHS)
    assert all(len(line) * charts.CHAR_PX <= share - 4 for t in lines for line in t)
    assert options["labelExpr"] == f"split(datum.label, '{charts.LINE}')"
    _, four, _ = charts.period_axis(MONTHS[:4])
    assert four["Months 13 to 24"] == f"13 to{charts.LINE}24"
    assert "labelExpr" not in charts.period_axis(["Year 1", "Year 2"])[2]


def test_a_group_keeps_its_colour_in_two_charts() -> None:
    """With the site's palette, Placebo has the same colour wherever it appears."""
    site = colours.site_colours(["Drug A", "Drug B", "Placebo"])
    styles = colours.site_styles(["Drug A", "Drug B", "Placebo"])
    first = colours.chart_palette(["Drug A", "Placebo"], site, styles)
    second = colours.chart_palette(["Drug B", "Placebo"], site, styles)
    one = charts.vega_lite(charts.trend_layout(charts.to_rows(RATES[1:]), charts.PERCENT_AXIS,
                                               first))
    two = charts.vega_lite(charts.bar_layout(charts.to_rows([fig("x", "Drug B", "Y", 5.0),
                                                             RATES[1]]),
                                             charts.PERCENT_AXIS, second))
    colour = {
        name: dict(zip(enc["color"]["scale"]["domain"], enc["color"]["scale"]["range"],
                       strict=True))
        for name, enc in (("one", layers(one, "line")[0]["encoding"]),
                          ("two", layers(two, "bar")[0]["encoding"]))}
    assert colour["one"]["Placebo"] == colour["two"]["Placebo"] == colours.GREY
    assert colour["two"]["Drug B"] == charts.COLOURS[1]


def test_groups_of_one_chart_never_share_a_dash_or_shape() -> None:
    styles = {g: i % len(colours.SHAPES) for i, g in enumerate("ABCDEFG")}
    palette = colours.chart_palette(["A", "G"], {}, styles)  # G wraps round onto A's shape
    assert [s for _, _, s in palette] == [0, 1]


def test_array_of_1000_is_ten_blocks_of_100() -> None:
    """100 rows of ten in ten blocks; the first rows hold the affected people."""
    rows = icons.big_grid(23)
    assert len(rows) == 100 and sum(r["filled"] for r in rows) == 23
    assert [r["filled"] for r in rows[:4]] == [10, 10, 3, 0]
    assert len({(r["x"], r["y"]) for r in rows}) == 100
    assert rows[2]["filled_path"].count("M") == 3 and rows[2]["hollow_path"].count("M") == 7


def test_array_of_1000_says_fewer_than_1() -> None:
    """A non-zero risk that fills no icon says so beside the array."""
    spec = charts.vega_lite(icons.icon_array(0.3, label="A", period="Year 1", outcome="had x",
                                             denominator=1000))
    texts = [spec["datasets"][layer["data"]["name"]][0]["text"] for layer in spec["layer"][2:]]
    assert texts[1] == ["fewer than 1 in 1,000"]
    svg = charts.to_svg(icons.icon_array(2.6, label="A", period="Year 1", outcome="had x",
                                         denominator=1000), label="x")
    assert float(svg.split('viewBox="0 0 ', 1)[1].split(" ", 1)[0]) <= 300
    assert len(svg) < 20_000  # rows are marks: an array of 1,000 stays light


def _page(kind: str, denominator: int = 0) -> tuple[Page, ChartSpec]:
    spec = ChartSpec(name="x", kind=kind, dataset="t", measure="m", outcome="had x", title="T",
                     line=9, denominator=denominator)
    page = Page(source=Path("content/p.md"), slug="p", kind="page", title="P", description="",
                datasets=("t",), published=None, last_reviewed=None, next_review=None,
                author="", reviewer="", key_messages=(), charts=(spec,), body="", body_line=1)
    return page, spec


def _dataset(*figures: Figure) -> Dataset:
    return Dataset("t", Path("data/t.csv"), "T", "C", dt.date(2026, 1, 1), figures)


def test_icon_array_of_a_rate_is_refused() -> None:
    page, spec = _page("icons")
    assert [str(e) for e in pipeline.check_chart_figures(page, spec, _dataset(RATES[0]))] == [
        "content/p.md:9: chart 'x': figure 'r1' is a rate (infections per 100 patient-years), "
        "not a share of people; an icon array shows people, so use kind: bars or kind: trend"]


def test_icon_array_of_10000_is_refused() -> None:
    page, spec = _page("icons", 10000)
    errors = pipeline.check_chart_figures(page, spec, _dataset(fig("a", "A", "Y", 0.2)))
    assert [str(e) for e in errors] == [
        "content/p.md:9: chart 'x': an icon array shows 100 or 1,000 people, and this chart's "
        "people are out of 10,000; use kind: bars, or set denominator: 1000 on the chart"]


def test_chart_of_a_ratio_and_of_mixed_axes_is_refused() -> None:
    page, spec = _page("bars")
    ratio = fig("hr", "A", "Y", 0.8, "hazard_ratio")
    errors = pipeline.check_chart_figures(page, spec, _dataset(ratio, RATES[0], RARE[0]))
    assert [str(e) for e in errors] == [
        "content/p.md:9: chart 'x': figure 'hr' is a hazard ratio, which compares two groups; a "
        "chart draws each group's own numbers, so chart the figures it compares instead",
        "content/p.md:9: chart 'x': figures 'r1' (infections per 100 patient-years) and 'a0' "
        "(people) cannot share one axis; draw them in separate charts"]


def test_page_denominator_is_the_largest_natural_one() -> None:
    page, _ = _page("bars")
    assert pipeline.page_denominator(page, [fig("p", "A", "Y", 5.0, "percent"), RARE[0]]) == 1000
    assert pipeline.page_denominator(page, RATES) == 100


def test_summary_and_table_say_the_interval() -> None:
    """The words give the interval; the table cell gives words, then the exact figure with CI."""
    page, spec = _page("trend")
    shown = [f.__class__(**{**f.__dict__, "denominator": 1000}) for f in RARE[:2]]
    view = render.chart_view(spec, shown, "<svg/>")
    assert view.summary == (
        "With drug A, about 3 in 1,000 people had x in months 1 to 12 (likely between about 1 "
        "and 4 in 1,000), and about 2 in 1,000 in months 13 to 24 (likely between about 1 and "
        "3 in 1,000).")
    assert view.rows[0][1][0] == render.Cell("about 3 in 1,000",
                                             "2.6 per 1,000, 95% CI 1.3 to 3.9")
    assert view.counts == "people out of 1,000"
    rates = render.chart_view(spec, RATES, "<svg/>")
    assert rates.counts == "infections per 100 patient-years"
    assert rates.summary.startswith("With drug A, there were about 76 infections for every 100 "
                                    "patient-years (likely between about 75 and 77) in years 1 "
                                    "to 6.")


def test_chart_denominator_must_be_a_natural_one() -> None:
    from evidence_site.read import content

    errors = content.check_charts({"x": {"kind": "bars", "dataset": "t", "measure": "m",
                                         "outcome": "o", "title": "T", "denominator": 500}},
                                  lambda where, message: f"{where}: {message}")
    assert errors == ["charts.x: chart 'x': denominator must be one of 100, 1000, 10000 "
                      "(people out of that many), not 500"]


def test_page_that_mixes_denominators_warns() -> None:
    page, _ = _page("bars", 1000)
    inputs = pipeline.Inputs(settings=None, sources={}, datasets={"t": _dataset(  # type: ignore[arg-type]
        fig("p", "A", "Y", 5.0, "percent"))}, pages=(page,), static={}, warnings=())
    record = pipeline.describe_page(inputs, page, ({}, {}), (), (), None)
    assert [str(w) for w in pipeline.denominator_warnings(record)] == [
        "content/p.md:9: chart 'x' shows people out of 1,000 but the rest of the page uses 100; "
        "readers compare numbers across a page, so keep one denominator unless this chart "
        "needs its own"]
