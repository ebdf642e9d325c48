"""The fact box: reference class, groups side by side, any vs serious rows, not reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

from evidence_site.present import factbox
from evidence_site.read import content
from evidence_site.records import Dataset, FactBox, FactRow, Figure, Source

SOURCE = Source(id="S1", short="Wray et al. 2018", citation="c", authors="a",
                journal="Multiple Sclerosis Journal", published="2018-10-05", doi="10.1/x",
                url="", line=2)


def figure(id_: str, group: str, period: str, value: float, high: float | None = None) -> Figure:
    return Figure(id=id_, dataset="d", measure="m", group=group, period=period, value=value,
                  value_high=high, value_text=str(value), high_text=str(high or "")
                  if high else "", relation="", scale="percent", unit="people", n_people=None,
                  source="S1", locator="Abstract", quote="q", line=2)


FIGURES = {
    "alem_y1": figure("alem_y1", "Alemtuzumab", "Year 1", 58.7),
    "ifn_y1": figure("ifn_y1", "Interferon beta-1a", "Year 1", 41.3),
    "serious": figure("serious", "Alemtuzumab", "Each year", 1.0, 1.9),
}
BOX = FactBox(title="At a glance", who="Adults with MS in three trials.",
              columns=("Interferon beta-1a, year 1", "Alemtuzumab, year 1"),
              rows=(FactRow("Had any infection", ("ifn_y1", "alem_y1")),
                    FactRow("Had a serious infection", (None, "serious"))), line=12)
DATASET = Dataset(name="d", path=Path("data/d.csv"), title="t", curated_by="c",
                  checked=dt.date(2026, 11, 26), figures=tuple(FIGURES.values()))


def test_view_puts_groups_side_by_side_with_any_and_serious_rows() -> None:
    view = factbox.fact_box_view(BOX, "Adults with MS.", FIGURES, {"S1": SOURCE}, [DATASET])
    (any_label, any_cells), (serious_label, serious_cells) = view.rows
    assert (any_label, serious_label) == ("Had any infection", "Had a serious infection")
    assert [(c.about, c.percent, c.when) for c in any_cells] == [
        ("about 41 in 100", "41.3%", ""), ("about 59 in 100", "58.7%", "")]
    assert serious_cells[0] is None  # not reported, shown as such
    assert (serious_cells[1].about, serious_cells[1].when) == ("about 1 to 2 in 100",
                                                                "each year")
    assert view.sources == (SOURCE,)
    assert view.checked == "26 November 2026"
    assert view.who == "Adults with MS."


def test_unknown_figure_id_is_reported_at_its_row() -> None:
    from evidence_site.records import Page
    page = Page(source=Path("content/x.md"), slug="x", kind="summary", title="t",
                description="d", datasets=("d",), published=None, last_reviewed=None,
                next_review=None, author="a", reviewer="r", key_messages=(), charts=(),
                body="", body_line=1, lines={"fact_box": 12, "fact_box.rows.1": 15},
                fact_box=FactBox("t", "w", ("A", "B"),
                                 (FactRow("Any", ("ifn_y1", "alem_y1")),
                                  FactRow("Serious", (None, "nope"))), 12))
    assert [str(e) for e in factbox.check_fact_box(page, FIGURES)] == [
        "content/x.md:15: fact box row 'Serious': no figure 'nope' in this page's datasets "
        "(known: alem_y1, ifn_y1, serious)"]


FRONT = """---
title: T
slug: t
description: D
datasets: [d]
published: 2026-11-26
last_reviewed: 2026-11-26
next_review: 2027-11-26
author: A
reviewer: R
key_messages: [one, two]
fact_box:
  title: At a glance
  who: Adults.
  columns: [A, B]
  rows:
    - label: Any infection
      figures: [a1, b1]
    - label: Serious infection
      figures: [~]
---
body
"""


def test_front_matter_row_with_wrong_number_of_cells_is_an_error() -> None:
    page, errors = content.parse_page(Path("content/t.md"), FRONT)
    assert page is None
    assert [str(e) for e in errors] == [
        "content/t.md:19: row 'Serious infection' has 1 figure(s) for 2 column(s); give one "
        "per column (~ if not reported)"]


def test_front_matter_fact_box_becomes_a_record() -> None:
    page, errors = content.parse_page(Path("content/t.md"), FRONT.replace("[~]", "[~, b2]"))
    assert errors == []
    assert page is not None and page.fact_box == FactBox(
        title="At a glance", who="Adults.", columns=("A", "B"),
        rows=(FactRow("Any infection", ("a1", "b1")), FactRow("Serious infection", (None, "b2"))),
        line=12)


def test_column_labels_take_periods_from_the_data_and_typed_numbers_are_flagged(
        fixture_site: Path) -> None:
    """A column label is prose: '{{ fig.ID.period }}' fills it in; a typed number warns."""
    from helpers import edit, warnings_for

    from evidence_site import pipeline
    from evidence_site.check import lint
    from evidence_site.records import Project

    md = "content/cladribine.md"
    edit(fixture_site, md, "columns: [Cladribine tablets, Placebo]",
         'columns: ["Cladribine tablets, {{ fig.clad_any.period | lower }}", "Placebo, week 96"]')
    line = next(n for n, text in enumerate((fixture_site / md).read_text().splitlines(), 1)
                if text.startswith("fact_box:"))
    assert warnings_for(fixture_site) == [f"{md}:{line}: {lint.numeral_message('96')}"]
    html = pipeline.build(Project(fixture_site)).files[PurePosixPath("cladribine/index.html")]
    assert '<th scope="col">Cladribine tablets, over 96 weeks</th>' in html
