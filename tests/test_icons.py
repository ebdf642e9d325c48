"""The icon array spec: 100 marks, affected first in reading order, a gap after every 10."""

from __future__ import annotations

import pytest

from evidence_site.present import charts, icons, vega


def marks(spec: dict, layer: int) -> list[dict]:
    """The data rows one layer draws, after its filter."""
    rows = spec["datasets"][spec["layer"][layer]["data"]["name"]]
    keep = spec["layer"][layer]["transform"][0]["filter"]
    return [r for r in rows if r["affected"] == (keep == "datum.affected")]


@pytest.mark.parametrize("affected", [0, 1, 41, 59, 100])
def test_grid_has_100_marks_with_the_affected_first(affected: int) -> None:
    rows = icons.grid(affected)
    assert len(rows) == 100
    assert [r["affected"] for r in rows] == [True] * affected + [False] * (100 - affected)


def test_grid_is_read_row_by_row_with_a_gap_after_every_10() -> None:
    rows = icons.grid(59)
    assert [r["col"] for r in rows[:12]] == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]
    assert [r["row"] for r in rows[:12]] == [0] * 10 + [1, 1]
    xs = sorted({r["x"] for r in rows})
    ys = sorted({r["y"] for r in rows})
    assert len(xs) == len(ys) == 10
    assert {b - a for a, b in zip(xs, xs[1:], strict=False)} == {icons.PITCH}
    assert {b - a for a, b in zip(ys, ys[1:], strict=False)} == {icons.PITCH + icons.ROW_GAP}
    assert icons.ROW_GAP > 0


def test_grid_refuses_more_than_100() -> None:
    with pytest.raises(ValueError):
        icons.grid(101)


def test_spec_draws_filled_and_hollow_marks_and_the_number_as_text() -> None:
    spec = charts.vega_lite(icons.icon_array(58.7, label="Alemtuzumab", period="Year 1",
                                             outcome="had an infection"))
    filled, hollow = marks(spec, 0), marks(spec, 1)
    assert len(filled) == 59 and len(hollow) == 41
    assert spec["layer"][0]["mark"]["filled"] is True
    assert spec["layer"][1]["mark"]["filled"] is False  # not colour alone: fill vs outline
    texts = [spec["datasets"][layer["data"]["name"]][0]["text"] for layer in spec["layer"][2:]]
    assert texts == [["Alemtuzumab", "Year 1"], ["about 59", "in 100"], ["had an", "infection"]]
    assert spec["width"] <= 300


@pytest.mark.parametrize(("per_100", "relation", "text"),
                         [(58.7, "", "about 59 in 100"), (0.3, "", "fewer than 1 in 100"),
                          (95, ">", "more than 95 in 100")])
def test_headline(per_100: float, relation: str, text: str) -> None:
    assert icons.headline(per_100, relation=relation) == text


def test_rendered_svg_is_small_enough_for_a_phone() -> None:
    svg = charts.to_svg(icons.icon_array(41.3, label="Interferon beta-1a", period="Year 1",
                                         outcome="had an infection"), label="x")
    width = float(svg.split('viewBox="0 0 ', 1)[1].split(" ", 1)[0])
    assert width <= 300  # 14 px text on a 320 px phone stays >= 12 px
    assert svg.count('fill="#1d4e89"') >= 41
    assert 'font-size="14px"' in svg or "font-size:14px" in svg.replace(" ", "")


def test_arrays_html_puts_each_svg_in_its_own_cell() -> None:
    html = vega.arrays_html(["<svg>a</svg>", "<svg>b</svg>"])
    assert html == ('<div class="icon-arrays"><div class="icon-array"><svg>a</svg></div>'
                    '<div class="icon-array"><svg>b</svg></div></div>')
