"""The layers of a summary beyond its body: fact box, how sure we are, what we don't know,
and the clinicians' methods. Each is prose from front matter, rendered and linted like the body."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from evidence_site import factbox, findings, render
from evidence_site.errors import SourceError
from evidence_site.records import Dataset, Figure, Page, Source

LEVELS = {"high": "High certainty", "moderate": "Moderate certainty", "low": "Low certainty",
          "very low": "Very low certainty"}


@dataclass(frozen=True)
class CertaintyView:
    """'How sure are we': the GRADE level, the finding in GRADE words and one reason."""

    level: str
    label: str
    statement: Markup
    reason: Markup


def render_layers(page: Page, figures: Mapping[str, Figure], sources: Mapping[str, Source],
                  datasets: Sequence[Dataset]) -> tuple[dict[str, Any], list[SourceError],
                                                         list[SourceError]]:
    """Template context for the layers; every piece of prose is rendered and linted."""
    errors: list[SourceError] = []
    warnings: list[SourceError] = []
    # The page's figures are already shown out of its one denominator.
    d = next((f.shown_out_of for f in figures.values()), 100)

    def prose(text: str, key: str, *, inline: bool = True, heading: bool = False) -> Markup:
        line = page.lines.get(key, 1)
        html, problems = render.render_prose(page.source, line, text, figures, {},
                                             inline=inline)
        errors.extend(problems)
        warnings.extend(render.prose_warnings(page.source, line, text, heading=heading,
                                              denominator=d))
        return render.mark_safe(html)

    context: dict[str, Any] = {"fact_box": None, "certainty": None, "unknowns": [],
                               "methods": Markup(""), "findings": None}
    box = page.fact_box
    if box is not None:
        errors += factbox.check_fact_box(page, figures)
        who = prose(box.who, "fact_box.who")
        # Column labels may take periods from the data: "Alemtuzumab, {{ fig.a.period }}".
        columns = tuple(prose(c, f"fact_box.columns.{i}", heading=True)
                        for i, c in enumerate(box.columns))
        for index, row in enumerate(box.rows):
            prose(row.label, f"fact_box.rows.{index}", heading=True)  # lint only: plain text
        if not errors:
            context["fact_box"] = factbox.fact_box_view(
                replace(box, columns=columns), who, figures, sources, datasets)
    if page.findings is not None:
        errors += findings.check_figures(page, figures)
        if not errors:  # a summary-of-findings table: each outcome's groups, effect, certainty
            context["findings"] = findings.findings_view(page.findings, figures, sources, prose)
    if page.certainty is not None:
        c = page.certainty
        context["certainty"] = CertaintyView(
            level=c.level, label=LEVELS[c.level],
            statement=prose(c.statement, "certainty.statement"),
            reason=prose(c.reason, "certainty.reason"))
    context["unknowns"] = [prose(text, f"unknowns.{i}") for i, text in enumerate(page.unknowns)]
    if page.methods:
        context["methods"] = prose(page.methods, "methods", inline=False)
    if page.kind == "summary":
        warnings += [SourceError(page.source, 1, message) for missing, message in (
            (page.certainty is None, "this summary does not say how sure we are; add "
             "certainty: {level: moderate, statement: 'Infections probably ...', reason: "
             "'one line'}"),
            (not page.unknowns, "this summary does not say what we don't know; add unknowns: "
             "['The study does not report ...']"),
        ) if missing]
    return context, errors, warnings
