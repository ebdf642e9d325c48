"""Fact boxes (Harding style): who the numbers are about, each group side by side. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from evidence_site.errors import SourceError
from evidence_site.records import Dataset, FactBox, Figure, Page, Source

NOT_REPORTED = "not reported"


@dataclass(frozen=True)
class FactCell:
    """One cell: 'about 59 in 100' with the source's percentage, or not reported."""

    about: str
    percent: str
    when: str  # the figure's own period when the column does not say it, e.g. 'each year'


@dataclass(frozen=True)
class FactBoxView:
    """Everything the fact box template shows."""

    title: str
    who: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[FactCell | None, ...]], ...]
    sources: tuple[Source, ...]
    checked: str
    caption: str = "People out of 100 in each group"


def check_fact_box(page: Page, figures: Mapping[str, Figure]) -> list[SourceError]:
    """Every figure id in the fact box must be one of the page's figures."""
    box = page.fact_box
    if box is None:
        return []
    known = ", ".join(sorted(figures)) or "none"
    return [
        SourceError(page.source, page.lines.get(f"fact_box.rows.{index}", box.line),
                    f"fact box row {row.label!r}: no figure {i!r} in this page's datasets "
                    f"(known: {known})")
        for index, row in enumerate(box.rows) for i in row.figures
        if i is not None and i not in figures
    ]


def cell(figure: Figure | None, column: str) -> FactCell | None:
    """One cell; the figure's period is added when the column label does not include it."""
    if figure is None:
        return None
    when = "" if figure.period.lower() in column.lower() else figure.period.lower()
    return FactCell(about=figure.about, percent=figure.percent, when=when)


def fact_box_view(box: FactBox, who: str, figures: Mapping[str, Figure],
                  sources: Mapping[str, Source], datasets: Sequence[Dataset]) -> FactBoxView:
    """The fact box's cells, sources and checked date, from the page's figures."""
    rows = tuple(
        (row.label, tuple(cell(figures[i] if i else None, column)
                          for i, column in zip(row.figures, box.columns, strict=True)))
        for row in box.rows
    )
    used = [figures[i] for row in box.rows for i in row.figures if i]
    source_ids = list(dict.fromkeys(f.source for f in used))
    names = {f.dataset for f in used}
    checked = max((d.checked for d in datasets if d.name in names), default=None)
    counts = {f.counts for f in used}
    caption = (f"{counts.pop().capitalize()} in each group" if len(counts) == 1
               else "The numbers in each group")
    return FactBoxView(
        title=box.title, who=who, columns=box.columns, rows=rows,
        sources=tuple(sources[s] for s in source_ids if s in sources),
        checked=checked.strftime("%-d %B %Y") if checked else NOT_REPORTED, caption=caption,
    )
