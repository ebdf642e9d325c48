"""Summary of findings: front matter, figure checks, the cells, the table and its CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pytest
from helpers import edit, errors_for
from markupsafe import Markup

from evidence_site import pipeline, theme
from evidence_site.present import downloads, findings, render
from evidence_site.read import content
from evidence_site.records import Dataset, Figure, FindingRow, Findings, Page, Source

SOURCE = Path("content/x.md")
HEAD = """\
---
title: A title
slug: a-title
description: One line.
datasets: [d]
published: 2026-01-15
last_reviewed: 2026-02-01
next_review: 2027-02-01
author: A
reviewer: R
key_messages: ["First.", "Second."]
"""
ROW = ("{outcome: Serious infections, without: plac_si, with: drug_si, relative: rr_si, "
       "difference: ~, certainty: moderate, reason: One trial.}")
INVENTED = Source(id="X1", short="Invented 2026", citation="Invented numbers for tests",
                  authors="", journal="None", published="2026", doi="", url="", line=4)


def parse(findings_yaml: str) -> tuple[Page | None, list[str]]:
    """Parse a summary whose front matter ends with the given findings lines (from line 12)."""
    page, errors = content.parse_page(SOURCE, HEAD + findings_yaml + "---\n\nBody.\n")
    return page, [str(e) for e in errors]


def people(id_: str, group: str, value: float, n: int | None, *, scale: str = "per_1000",
           ci: tuple[float, float] | None = None, period: str = "Over 2 years") -> Figure:
    """An invented people figure."""
    low, high = ci or (None, None)
    return Figure(id=id_, dataset="d", measure="serious_infection", group=group, period=period,
                  value=value, value_high=None, value_text=str(value), high_text="", relation="",
                  scale=scale, unit="people", n_people=n, source="X1", locator="Table 2",
                  quote="q", line=2, ci_low=low, ci_high=high,
                  ci_low_text=str(low) if ci else "", ci_high_text=str(high) if ci else "")


def ratio(id_: str, compares: tuple[str, ...], scale: str = "risk_ratio") -> Figure:
    """An invented relative effect."""
    return Figure(id=id_, dataset="d", measure="serious_infection", group="Drug vs placebo",
                  period="Over 2 years", value=1.5, value_high=None, value_text="1.50",
                  high_text="", relation="", scale=scale, unit="people", n_people=None,
                  source="X1", locator="Table 2", quote="q", line=4, ci_low=1.1, ci_high=2.1,
                  ci_low_text="1.10", ci_high_text="2.10", compares=compares)


FIGURES = {f.id: f for f in (
    people("plac_si", "Placebo", 12.0, 600, ci=(8.0, 17.5)),
    people("drug_si", "Drug", 18.0, 610, ci=(13.0, 24.0)),
    people("diff_si", "Drug vs placebo", 6.0, None, ci=(1.0, 11.0)),
    ratio("rr_si", ("drug_si", "plac_si")),
    people("plac_any", "Placebo", 40.0, None, scale="percent"),
    people("drug_any", "Drug", 45.5, None, scale="percent"),
    replace(ratio("rate_x", ()), scale="rate", per="100 patient-years", unit="infections"),
)}


def page_with(*rows: FindingRow) -> Page:
    """A page whose findings have these rows, each at line 20 + its index."""
    return Page(source=SOURCE, slug="x", kind="summary", title="t", description="d",
                datasets=("d",), published=None, last_reviewed=None, next_review=None,
                author="a", reviewer="r", key_messages=(), charts=(), body="", body_line=1,
                findings=Findings("Summary of findings: drug compared with placebo", rows, 19))


def row(outcome: str = "Serious infections", without: str = "plac_si", with_: str = "drug_si",
        relative: str | None = "rr_si", difference: str | None = None, line: int = 20
        ) -> FindingRow:
    return FindingRow(outcome, without, with_, relative, difference, "moderate", "One trial.",
                      line)


def test_findings_become_a_record_with_the_line_of_each_row() -> None:
    page, errors = parse(f"findings:\n  title: Summary of findings\n  rows:\n    - {ROW}\n"
                         "    - {outcome: Any infection, without: plac_any, with: drug_any, "
                         "difference: diff_si, certainty: low, reason: Small.}\n")
    assert errors == []
    assert page is not None and page.findings == Findings(
        "Summary of findings",
        (FindingRow("Serious infections", "plac_si", "drug_si", "rr_si", None, "moderate",
                    "One trial.", 15),
         FindingRow("Any infection", "plac_any", "drug_any", None, "diff_si", "low", "Small.",
                    16)), 12)


def test_a_page_without_findings_has_none() -> None:
    page, _ = parse("")
    assert page is not None and page.findings is None


@pytest.mark.parametrize(("findings_yaml", "messages"), [
    ("findings: [a, b]\n",
     ["content/x.md:12: findings needs: title, rows, e.g. title: 'Summary of findings: ...' and "
      f"rows: [{findings.ROW_EXAMPLE}]"]),
    (f"findings:\n  rows:\n    - {ROW}\n  caption: X\n",
     ["content/x.md:15: findings has unknown key 'caption'; known keys: title, rows",
      "content/x.md:12: findings is missing 'title': the table's caption, e.g. 'Summary of "
      "findings: infections with cladribine tablets'"]),
    ("findings: {title: T}\n",
     ["content/x.md:12: findings needs rows: a list with one outcome each, e.g. - "
      f"{findings.ROW_EXAMPLE}"]),
    ("findings:\n  title: T\n  rows:\n    - just text\n",
     ["content/x.md:15: each findings row needs outcome, without, with, certainty, reason, "
      f"e.g. {findings.ROW_EXAMPLE}"]),
    ("findings:\n  title: T\n  rows:\n    - {outcome: O, relative: rr_si, certainty: high, "
     "reason: R}\n",
     ["content/x.md:15: a findings row needs both groups' figures, 'without' (the comparison "
      "group) and 'with' (the treated group), so that a relative effect is never shown "
      "without both groups' absolute numbers"]),
    ("findings:\n  title: T\n  rows:\n    - {without: a, with: b, certainty: sure, "
     "reason: \"R\", odds: c, relative: [x]}\n",
     ["content/x.md:15: findings row has unknown key 'odds'; known keys: outcome, without, "
      "with, certainty, reason, relative, difference",
      "content/x.md:15: findings row is missing 'outcome'",
      "content/x.md:15: findings row: relative must be a figure id, or ~ if the source does "
      "not give it",
      "content/x.md:15: findings row certainty is 'sure'; use one of: high, moderate, low, "
      "very low"]),
    ("findings:\n  title: T\n  rows:\n    - {outcome: O, without: a, with: b, "
     "certainty: low}\n",
     ["content/x.md:15: findings row is missing 'reason' (one line: why we are this sure)"]),
    ("findings:\n  title: T\n  rows:\n    - outcome: O\n      without: a\n      with: b\n"
     "      certainty: low\n      reason: |\n        Two\n        lines\n",
     ["content/x.md:15: findings row: give the reason in one line"]),
])
def test_every_front_matter_problem_is_reported_at_its_line(findings_yaml: str,
                                                            messages: list[str]) -> None:
    assert parse(findings_yaml)[1] == messages


def test_findings_on_a_plain_page_is_an_error() -> None:
    text = ("---\ntitle: About\nslug: about\ndescription: d\nkind: page\nfindings: {title: T}\n"
            "---\n\nBody.\n")
    assert [str(e) for e in content.parse_page(SOURCE, text)[1]] == [
        "content/x.md:6: findings is for summaries; a plain page (kind: page) does not show "
        "it, so remove it or make the page a summary"]


def messages(*rows: FindingRow, figures: dict[str, Figure] = FIGURES) -> list[str]:
    return [str(e) for e in findings.check_figures(page_with(*rows), figures)]


def test_good_rows_have_no_problems() -> None:
    assert messages(row(), row("Any", "plac_any", "drug_any", None, "diff_si", 21)) == []


@pytest.mark.parametrize(("bad", "message"), [
    (row(without="nope"), "without: no figure 'nope' in this page's datasets (known: diff_si, "
     "drug_any, drug_si, plac_any, plac_si, rate_x, rr_si)"),
    (row(relative="rr_nope"), "relative: no figure 'rr_nope' in this page's datasets (known: "
     "diff_si, drug_any, drug_si, plac_any, plac_si, rate_x, rr_si)"),
    (row(with_="rr_si", relative=None), "with: 'rr_si' is a risk ratio (relative risk) "
     "comparing two figures; give a figure of people (percent, per_100, per_1000, per_10000 "
     "or count)"),
    (row(difference="rate_x"), "difference: 'rate_x' is events per person-time, e.g. per 100 "
     "patient-years (see per); give a figure of people (percent, per_100, per_1000, per_10000 "
     "or count)"),
    (row(relative="plac_any"), "relative: 'plac_any' is a percentage of people (per 100); give "
     "a ratio figure (risk_ratio, odds_ratio or hazard_ratio)"),
    (row(without="drug_si", with_="plac_si"), "relative: 'rr_si' compares 'drug_si' with "
     "'plac_si', the other way round; swap 'with' and 'without', or use a ratio of the treated "
     "group to the comparison group"),
    (row(without="plac_any", with_="drug_any"), "relative: 'rr_si' compares 'drug_si' and "
     "'plac_si', not this row's groups; give a ratio whose compares is 'drug_any vs plac_any'"),
    (row(without="drug_si"), "'without' and 'with' are both 'drug_si'; give the comparison "
     "group's figure and the treated group's"),
])
def test_every_figure_problem_is_reported_at_its_row(bad: FindingRow, message: str) -> None:
    assert messages(bad) == [f"content/x.md:20: findings row 'Serious infections': {message}"]


def test_a_ratio_that_compares_nothing_is_reported() -> None:
    figures = FIGURES | {"rr_si": ratio("rr_si", ())}
    assert messages(row(), figures=figures) == [
        "content/x.md:20: findings row 'Serious infections': relative: 'rr_si' compares "
        "nothing, not this row's groups; give a ratio whose compares is 'drug_si vs plac_si'"]


def test_groups_with_different_outcomes_are_not_compared() -> None:
    figures = FIGURES | {"plac_si": replace(FIGURES["plac_si"], measure="any_infection")}
    assert messages(row(relative=None), figures=figures) == [
        "content/x.md:20: findings row 'Serious infections': 'plac_si' counts any_infection but "
        "'drug_si' counts serious_infection; compare the same outcome in both groups"]


def test_groups_from_different_periods_are_not_compared() -> None:
    figures = FIGURES | {"plac_si": people("plac_si", "Placebo", 12.0, 600, period="Year 1")}
    assert messages(row(), figures=figures) == [
        "content/x.md:20: findings row 'Serious infections': 'plac_si' is about 'Year 1' but "
        "'drug_si' is about 'Over 2 years'; compare the same time period"]


def plain_prose(text: str, key: str, **_: object) -> Markup:
    return Markup.escape(text)


def view(*rows: FindingRow) -> findings.FindingsView:
    return findings.findings_view(page_with(*rows).findings or Findings("", (), 1), FIGURES,
                                  {"X1": INVENTED}, plain_prose)


def test_each_cell_has_words_an_interval_and_the_exact_figure() -> None:
    v = view(row(difference="diff_si"))
    (r,) = v.rows
    assert (v.comparison, v.treated, v.denominator) == ("With placebo", "With drug", "1,000")
    assert r.comparison == findings.Risk("Placebo", "about 12 in 1,000",
                                         "between about 8 and 18 in 1,000",
                                         "12.0 per 1,000, 95% CI 8.0 to 17.5")
    assert (r.treated.about, r.treated.interval) == ("about 18 in 1,000",
                                                     "between about 13 and 24 in 1,000")
    assert (r.difference and r.difference.about, r.difference and r.difference.interval) == (
        "about 6 in 1,000 more", "between about 1 and 11 in 1,000 more")
    assert r.relative == findings.Risk("Drug vs placebo", "risk ratio 1.50",
                                       "between 1.10 and 2.10", "")
    assert (r.people, r.sources, r.period) == ("1,210", (INVENTED,), "Over 2 years")
    assert (r.certainty, r.certainty_words) == ("Moderate",
                                                "the real effect is probably close to this")


def test_one_denominator_for_the_whole_table_and_unknown_people_said_plainly() -> None:
    v = view(row(), row("Any infection", "plac_any", "drug_any", None, None, 21))
    any_row = v.rows[1]
    assert v.denominator == "1,000"
    assert (any_row.comparison.about, any_row.treated.about) == ("about 400 in 1,000",
                                                                 "about 455 in 1,000")
    assert (any_row.comparison.interval, any_row.relative, any_row.difference) == ("", None, None)
    assert any_row.people == "not reported"


def test_headings_name_the_groups_only_when_every_row_has_the_same_ones() -> None:
    other = people("other", "Interferon", 30.0, None)
    v = findings.findings_view(
        Findings("T", (row(relative=None), row("B", "other", "drug_si", None, None, 21)), 19),
        FIGURES | {"other": other}, {}, plain_prose)
    assert (v.comparison, v.treated) == ("With the comparison group", "With drug")


@pytest.fixture
def table_html() -> str:
    env = render.make_env(Path("/nonexistent"), theme.TEMPLATES)
    return env.get_template("_findings.html").render(
        findings=view(row(difference="diff_si"), row("Any infection", "plac_any", "drug_any",
                                                     None, None, 21)), root="../")


def test_the_table_has_a_caption_and_scoped_headers(table_html: str) -> None:
    assert ('<caption id="findings-caption">Summary of findings: drug compared with placebo'
            '</caption>') in table_html
    assert table_html.count('<th scope="col">') == 7
    assert table_html.count('<th scope="row">') == 2
    assert '<th scope="col">With placebo</th><th scope="col">With drug</th>' in table_html


def test_a_relative_effect_sits_after_both_groups_numbers_in_its_row(table_html: str) -> None:
    first = table_html.split('<th scope="row">')[1]
    assert (first.index("about 12 in 1,000") < first.index("about 18 in 1,000")
            < first.index("risk ratio 1.50"))
    assert "Not given by the source" in table_html.split('<th scope="row">')[2]
    assert "The source gives no range" in table_html


def test_phone_cards_have_a_visible_label_in_every_cell(table_html: str) -> None:
    body = table_html.split("<tbody>")[1]
    assert body.count('<span class="sof-label">') == 2 * 6
    assert '<a href="summary-of-findings.csv" download>' in table_html


def test_the_csv_holds_exactly_the_table_figures_in_row_order() -> None:
    shown = findings.table_figures(
        Findings("T", (row(difference="diff_si"), row("Any", "plac_any", "drug_any", None,
                                                      None, 21)), 19), FIGURES)
    dataset = Dataset("d", Path("data/d.csv"), "t", "c", dt.date(2026, 1, 1), tuple(shown))
    rows = list(csv.DictReader(io.StringIO(
        downloads.figures_csv(shown, {"X1": INVENTED}, {"d": dataset}))))
    assert [r["figure_id"] for r in rows] == ["plac_si", "drug_si", "diff_si", "rr_si",
                                             "plac_any", "drug_any"]
    assert rows[0]["source"] == "Invented 2026"


def test_the_fixture_page_shows_the_table_and_downloads_its_figures(
        minimal_build: pipeline.Site) -> None:
    files = minimal_build.files  # built with strict=True
    html = files[PurePosixPath("findings-example/index.html")]
    assert isinstance(html, str)
    assert html.count('<th scope="row">Had the rare harm') == 2
    assert "risk ratio 3.0" in html and "Not reported" in html
    table = files[PurePosixPath("findings-example/summary-of-findings.csv")]
    assert isinstance(table, str)
    assert [r["figure_id"] for r in csv.DictReader(io.StringIO(table))] == [
        "harm_p_1", "harm_a_1", "harm_rr_1", "harm_p_2", "harm_a_2"]


def test_an_unknown_id_in_the_fixture_is_reported_at_its_row(fixture_site: Path) -> None:
    edit(fixture_site, "content/findings-example.md", "with: harm_a_2", "with: harm_a_9")
    assert errors_for(fixture_site) == [
        "content/findings-example.md:19: findings row 'Had the rare harm': with: no figure "
        "'harm_a_9' in this page's datasets (known: harm_a_1, harm_a_2, harm_p_1, harm_p_2, "
        "harm_rr_1)"]
