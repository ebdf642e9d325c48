"""The layers of a summary beyond its body: fact box, how sure we are, what we don't know,
and the clinicians' methods. Each is prose from front matter, rendered and linted like the body."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from evidence_site.errors import SourceError
from evidence_site.present import factbox, findings, render
from evidence_site.present.render import ChartView
from evidence_site.records import Dataset, Figure, Page, Source

LEVELS = {"high": "High certainty", "moderate": "Moderate certainty", "low": "Low certainty",
          "very low": "Very low certainty"}


@dataclass(frozen=True)
class AnswerItem:
    """One headline number: who and when, the number in words, and what happened."""

    when: str
    number: str
    what: str


@dataclass(frozen=True)
class ScopeView:
    """What the page covers, in one line, and the source of its claim (or None)."""

    text: Markup
    source: Source | None


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
                               "methods": Markup(""), "findings": None, "answer": (),
                               "scope": None}
    if page.answer is not None:
        known = ", ".join(sorted(figures)) or "none"
        errors += [SourceError(page.source, page.lines.get(f"answer.figures.{i}", page.answer.line),
                               f"answer: no figure {name!r} in this page's datasets "
                               f"(known: {known})")
                   for i, name in enumerate(page.answer.figures) if name not in figures]
        for key, words in page.answer.outcomes:  # lint only: plain words, no typed numbers
            prose(words, f"answer.outcomes.{key}", heading=True)
        context["answer"] = tuple(answer_item(page, figures[name]) for name in page.answer.figures
                                  if name in figures)
    if page.scope is not None:
        text = prose(page.scope.text, "scope.text" if "scope.text" in page.lines else "scope")
        cited = sources.get(page.scope.source) if page.scope.source else None
        if page.scope.source and cited is None:
            errors.append(SourceError(page.source, page.lines.get("scope.source", page.scope.line),
                                      f"scope cites source {page.scope.source!r}, which is not "
                                      f"in data/sources.csv (known: {', '.join(sorted(sources))})"))
        context["scope"] = ScopeView(text=text, source=cited)
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


def answer_item(page: Page, figure: Figure) -> AnswerItem:
    """A headline figure with its group, period and outcome, all from data and front matter.

    The outcome is the answer's own (answer: outcomes), else that of a chart of the figure's
    measure, else the label of the fact-box or findings row that holds it, else the measure's name.
    """
    what = dict(page.answer.outcomes).get(figure.id, "") if page.answer else ""
    what = what or next((s.outcome for s in page.charts if s.measure == figure.measure), "")
    rows = [(r.label, r.figures) for r in page.fact_box.rows] if page.fact_box else []
    rows += [(r.outcome, (r.comparison, r.treated)) for r in page.findings.rows
             ] if page.findings else []
    label = next((label for label, ids in rows if figure.id in ids), "")
    what = what or (label[:1].lower() + label[1:]) or figure.measure.replace("_", " ")
    if figure.kind != "people":  # a rate's words say what it counts
        what = ""
    else:
        what = f"people {what}" if what.split()[0] in ("had", "got", "were", "needed") else (
            f"people: {what}")
    return AnswerItem(when=f"{figure.group}, {figure.period[:1].lower()}{figure.period[1:]}",
                      number=figure.about, what=what)


_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)


def contents(body: str) -> tuple[tuple[str, str], ...]:
    """The body's sections for 'On this page': (id, heading text) of each <h2>."""
    return tuple((m.group(1), html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip())
                 for m in _H2.finditer(body))


PICTURES = {"trend": "Line chart", "bars": "Bar chart"}


def named_once(view: ChartView, kind: str) -> ChartView:
    """The picture named by what it is ('Line chart of people out of 100'), not by the chart's
    title again: the title is the chart's heading, and a screen reader should hear it once."""
    if kind not in PICTURES:
        return view  # icon arrays: each array is named by its own group and number
    label = f'role="img" aria-label="{html.escape(view.title)}"'
    picture = html.escape(f"{PICTURES[kind]} of {view.counts}")
    return replace(view, svg=view.svg.replace(label, f'role="img" aria-label="{picture}"', 1))
