"""Summary of findings (GRADE style): per outcome, each group's risk, the effect, and certainty.

Pure. check_findings validates the front matter; to_findings builds the record; check_figures
and findings_view work on the page's own figures, so every word comes from the figures.
A relative effect is never shown without both groups' absolute numbers in the same row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from evidence_site import shapes
from evidence_site.errors import SourceError
from evidence_site.present import numbers
from evidence_site.records import Figure, FindingRow, Findings, Page, Source

KEYS = ("title", "rows")
ROW_KEYS = ("outcome", "without", "with", "certainty", "reason")
ROW_OPTIONAL = ("relative", "difference")
# GRADE levels: the label, and what the level means in plain words.
CERTAINTY = {
    "high": ("High", "the real effect is close to this"),
    "moderate": ("Moderate", "the real effect is probably close to this"),
    "low": ("Low", "the real effect may be quite different"),
    "very low": ("Very low", "we are very uncertain about this"),
}
CSV_NAME = "summary-of-findings.csv"
NOT_GIVEN = "Not given by the source"
ROW_EXAMPLE = ("{outcome: Serious infections, without: placebo_si, with: drug_si, "
               "relative: rr_si, difference: ~, certainty: moderate, reason: 'one line'}")


def check_findings(meta: Mapping[str, Any], at: Callable[[str, str], SourceError]
                   ) -> list[SourceError]:
    """The shape of `findings:` (ids are checked against the page's figures later)."""
    box = meta.get("findings")
    if box is None:
        return []
    if meta.get("kind", "summary") != "summary":
        return [at("findings", "findings is for summaries; a plain page (kind: page) does not "
                   "show it, so remove it or make the page a summary")]
    if not isinstance(box, dict):
        return [at("findings", f"findings needs: {', '.join(KEYS)}, e.g. title: 'Summary of "
                   f"findings: ...' and rows: [{ROW_EXAMPLE}]")]
    errors = [at(f"findings.{k}", f"findings has unknown key {k!r}; known keys: "
                 f"{', '.join(KEYS)}") for k in box if k not in KEYS]
    if not isinstance(box.get("title"), str) or not box["title"].strip():
        errors.append(at("findings", "findings is missing 'title': the table's caption, e.g. "
                         "'Summary of findings: infections with cladribine tablets'"))
    rows = box.get("rows")
    if not isinstance(rows, list) or not rows:
        return errors + [at("findings", f"findings needs rows: a list with one outcome each, "
                            f"e.g. - {ROW_EXAMPLE}")]
    for index, row in enumerate(rows):
        errors += check_row(row, lambda message, i=index: at(f"findings.rows.{i}", message))
    return errors


def check_row(row: Any, at: Callable[[str], SourceError]) -> list[SourceError]:
    """One row: an outcome, two figure ids, a GRADE level and a one-line reason."""
    if not isinstance(row, dict):
        return [at(f"each findings row needs {', '.join(ROW_KEYS)}, e.g. {ROW_EXAMPLE}")]
    errors = [at(f"findings row has unknown key {k!r}; known keys: "
                 f"{', '.join(ROW_KEYS + ROW_OPTIONAL)}") for k in row
              if k not in ROW_KEYS + ROW_OPTIONAL]
    missing = [k for k in ROW_KEYS if not isinstance(row.get(k), str) or not row[k].strip()]
    if "with" in missing or "without" in missing:
        errors.append(at("a findings row needs both groups' figures, 'without' (the comparison "
                         "group) and 'with' (the treated group), so that a relative effect is "
                         "never shown without both groups' absolute numbers"))
    errors += [at(f"findings row is missing {k!r}" + (" (one line: why we are this sure)"
                                                       if k == "reason" else ""))
               for k in missing if k not in ("with", "without")]
    errors += [at(f"findings row: {k} must be a figure id, or ~ if the source does not give it")
               for k in ROW_OPTIONAL if row.get(k) is not None and not isinstance(row[k], str)]
    level = row.get("certainty")
    if isinstance(level, str) and level.strip() and level not in CERTAINTY:
        errors.append(at(f"findings row certainty is {level!r}; use one of: "
                         f"{', '.join(CERTAINTY)}"))
    if isinstance(row.get("reason"), str) and "\n" in row["reason"].strip():
        errors.append(at("findings row: give the reason in one line"))
    return errors


def to_findings(box: Any, lines: Mapping[str, int]) -> Findings | None:
    """The validated findings mapping as a record."""
    if not box:
        return None
    return Findings(
        title=str(box["title"]),
        rows=tuple(FindingRow(
            outcome=str(r["outcome"]), comparison=r["without"], treated=r["with"],
            relative=r.get("relative"), difference=r.get("difference"),
            certainty=r["certainty"], reason=str(r["reason"]),
            line=lines.get(f"findings.rows.{i}", lines.get("findings", 1)))
            for i, r in enumerate(box["rows"])),
        line=lines.get("findings", 1))


def check_figures(page: Page, figures: Mapping[str, Figure]) -> list[SourceError]:
    """Every id names one of the page's figures of the right kind, comparing the right groups."""
    if page.findings is None:
        return []
    known = ", ".join(sorted(figures)) or "none"
    errors = []
    for row in page.findings.rows:
        def at(message: str, row: FindingRow = row) -> SourceError:
            return SourceError(page.source, row.line, f"findings row {row.outcome!r}: {message}")

        ids = {"without": row.comparison, "with": row.treated, "relative": row.relative,
               "difference": row.difference}
        unknown = [(k, i) for k, i in ids.items() if i is not None and i not in figures]
        errors += [at(f"{k}: no figure {i!r} in this page's datasets (known: {known})")
                   for k, i in unknown]
        if unknown:
            continue
        for key in ("without", "with", "difference"):
            figure = figures[ids[key]] if ids[key] else None
            if figure is not None and figure.kind != shapes.PEOPLE:
                errors.append(at(f"{key}: {figure.id!r} is {scale_words(figure)}; give a "
                                 "figure of people (percent, per_100, per_1000, per_10000 or "
                                 "count)"))
        comparison, treated = figures[row.comparison], figures[row.treated]
        if row.comparison == row.treated:
            errors.append(at(f"'without' and 'with' are both {row.treated!r}; give the "
                             "comparison group's figure and the treated group's"))
        elif comparison.period != treated.period:
            errors.append(at(f"{row.comparison!r} is about {comparison.period!r} but "
                             f"{row.treated!r} is about {treated.period!r}; compare the same "
                             "time period"))
        elif comparison.measure != treated.measure:
            errors.append(at(f"{row.comparison!r} counts {comparison.measure} but "
                             f"{row.treated!r} counts {treated.measure}; compare the same "
                             "outcome in both groups"))
        if row.relative is not None and row.comparison != row.treated:
            errors += check_relative(figures[row.relative], row, at)
    return errors


def check_relative(ratio: Figure, row: FindingRow, at: Callable[[str], SourceError]
                   ) -> list[SourceError]:
    """A relative effect is a ratio comparing exactly this row's treated and comparison groups."""
    if ratio.kind != shapes.RATIO:
        return [at(f"relative: {ratio.id!r} is {scale_words(ratio)}; give a ratio figure "
                   "(risk_ratio, odds_ratio or hazard_ratio)")]
    wanted = (row.treated, row.comparison)
    if tuple(ratio.compares) == wanted:
        return []
    if tuple(ratio.compares) == wanted[::-1]:
        return [at(f"relative: {ratio.id!r} compares {row.comparison!r} with {row.treated!r}, "
                   "the other way round; swap 'with' and 'without', or use a ratio of the "
                   "treated group to the comparison group")]
    compares = " and ".join(repr(c) for c in ratio.compares) or "nothing"
    return [at(f"relative: {ratio.id!r} compares {compares}, not this row's groups; give a "
               f"ratio whose compares is '{row.treated} vs {row.comparison}'")]


def scale_words(figure: Figure) -> str:
    """'a rate (events per person-time, ...)' for messages."""
    return shapes.SCALES[figure.scale].words


@dataclass(frozen=True)
class Risk:
    """One number in a row: in words, its interval in words, and as the source printed it."""

    group: str
    about: str
    interval: str  # '' when the source gives no interval
    exact: str


@dataclass(frozen=True)
class FindingView:
    """One outcome, ready for the table (or its card on a phone)."""

    outcome: Markup
    period: str
    comparison: Risk
    treated: Risk
    difference: Risk | None
    relative: Risk | None
    people: str
    sources: tuple[Source, ...]
    certainty: str
    certainty_words: str
    reason: Markup


@dataclass(frozen=True)
class FindingsView:
    """The whole table: caption, column headings, rows and the CSV to download."""

    title: Markup
    comparison: str
    treated: str
    denominator: str
    rows: tuple[FindingView, ...]
    csv: str = CSV_NAME


def risk(figure: Figure) -> Risk:
    """A figure's cell: words, interval in words (if the source gives one), exact text."""
    interval = figure.interval if figure.ci_low is not None and figure.ci_high is not None else ""
    return Risk(group=figure.group, about=figure.about, interval=interval, exact=figure.exact)


def ratio_cell(ratio: Figure) -> Risk:
    """A ratio's cell: its name and value, and its interval (the exact text says no more)."""
    return replace(risk(ratio), exact="")


def difference(figure: Figure, comparison: Figure, treated: Figure) -> Risk:
    """The source's difference, saying which way: 'about 3 in 1,000 more'."""
    a, b = (treated.in_people(treated.value, 1000), comparison.in_people(comparison.value, 1000))
    way = "" if a == b or a is None or b is None else (" more" if a > b else " fewer")
    cell = risk(figure)
    return replace(cell, about=cell.about + way,
                   interval=cell.interval + way if cell.interval else "")


def table_figures(findings: Findings, figures: Mapping[str, Figure]) -> list[Figure]:
    """The figures the table shows, in row order (the CSV download holds exactly these)."""
    ids = [i for r in findings.rows for i in (r.comparison, r.treated, r.difference, r.relative)
           if i is not None]
    return [figures[i] for i in dict.fromkeys(ids)]


def on_one_denominator(figures: Mapping[str, Figure], findings: Findings
                       ) -> dict[str, Figure]:
    """The table's people figures, all out of the largest denominator any of them needs."""
    shown = table_figures(findings, figures)
    out_of = max((f.shown_out_of for f in shown if f.kind == shapes.PEOPLE),
                 default=numbers.DENOMINATOR)
    return {**figures, **{f.id: replace(f, denominator=out_of) for f in shown
                          if f.kind == shapes.PEOPLE and not f.denominator}}


def findings_view(findings: Findings, figures: Mapping[str, Figure],
                  sources: Mapping[str, Source], prose: Callable[..., Markup]) -> FindingsView:
    """The table's cells from the page's figures; prose(text, key) renders a curator's words."""
    figures = on_one_denominator(figures, findings)
    rows = []
    for index, row in enumerate(findings.rows):
        comparison, treated = figures[row.comparison], figures[row.treated]
        used = [figures[i] for i in (row.comparison, row.treated, row.difference, row.relative)
                if i is not None]
        n = (comparison.n_people + treated.n_people
             if comparison.n_people is not None and treated.n_people is not None else None)
        key = f"findings.rows.{index}"
        label, words = CERTAINTY[row.certainty]
        rows.append(FindingView(
            outcome=prose(row.outcome, f"{key}.outcome", heading=True), period=treated.period,
            comparison=risk(comparison), treated=risk(treated),
            difference=(difference(figures[row.difference], comparison, treated)
                        if row.difference else None),
            relative=ratio_cell(figures[row.relative]) if row.relative else None,
            people=numbers.people(n),
            sources=tuple(sources[s] for s in dict.fromkeys(f.source for f in used)
                          if s in sources),
            certainty=label, certainty_words=words, reason=prose(row.reason, f"{key}.reason")))
    first = figures[findings.rows[0].treated]
    return FindingsView(
        title=prose(findings.title, "findings.title", heading=True),
        comparison=heading([figures[r.comparison] for r in findings.rows], "comparison group"),
        treated=heading([figures[r.treated] for r in findings.rows], "treated group"),
        denominator=numbers.grouped(first.shown_out_of), rows=tuple(rows))


def heading(figures: Sequence[Figure], other: str) -> str:
    """'With placebo' when every row's group is the same, else 'With the comparison group'."""
    groups = {f.group for f in figures}
    if len(groups) != 1:
        return f"With the {other}"
    group = groups.pop()
    return f"With {group if group[:2].isupper() else group[:1].lower() + group[1:]}"
