"""Summary layers: how sure we are (GRADE words), what we don't know, fact box, icon arrays."""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

import pytest

from evidence_site import pipeline
from evidence_site.read import content
from evidence_site.records import Project

REPO = Path(__file__).resolve().parent.parent
HEAD = """---
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
"""


def errors_for(extra: str) -> list[str]:
    _, errors = content.parse_page(Path("content/t.md"), HEAD + extra + "---\nbody\n")
    return [str(e) for e in errors]


@pytest.mark.parametrize(
    ("level", "statement", "expected"),
    [
        ("moderate", "Infections probably fell.", []),
        ("low", "Infections may fall.", []),
        ("high", "Infections fell.", []),
        ("moderate", "Infections fell.", ["content/t.md:14: a moderate-certainty statement says "
                                          "'probably' (GRADE wording), e.g. 'Infections "
                                          "probably ...'"]),
        ("high", "Infections may fall.", ["content/t.md:14: a high-certainty statement says "
                                          "what happens without 'probably' or 'may'"]),
        ("sure", "Infections fell.", ["content/t.md:13: certainty level is 'sure'; use one of: "
                                      "high, moderate, low, very low"]),
    ],
)
def test_certainty_uses_grade_words(level: str, statement: str, expected: list[str]) -> None:
    extra = f"certainty:\n  level: {level}\n  statement: {statement}\n  reason: One line.\n"
    assert errors_for(extra) == expected


def test_unknowns_must_be_a_list() -> None:
    assert errors_for("unknowns: nothing\n") == [
        "content/t.md:12: unknowns must be a list of sentences, one for each thing the evidence "
        "does not tell us"]


@pytest.fixture
def site(real_build: pipeline.Site) -> pipeline.Site:
    """The real site, built once per session (tests/conftest.py)."""
    return real_build


def page(site: pipeline.Site, slug: str) -> str:
    html = site.files[PurePosixPath(slug, "index.html")]
    assert isinstance(html, str)
    return html


def test_flagship_says_each_set_of_numbers_in_one_place(site: pipeline.Site) -> None:
    """The yearly numbers live in the answer's chart and its table; no fact box or icon array
    repeats them, and no list in the body repeats the table (issue 11: one place per set)."""
    html = page(site, "alemtuzumab-infections")
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'class="fact-box"' not in main and 'class="icon-arrays"' not in main
    assert main.count('<figure class="chart"') == 1
    body = main.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    assert "<ul>" not in body and "<table" not in body
    # Each yearly figure is in the table once; the answer and key messages give the headline.
    for about in ("about 53 in 100", "about 47 in 100", "about 43 in 100"):
        assert main.count(about) == 1, about
    answer = main.split('<p class="answer-figures"', 1)[1].split("</p>", 1)[0]
    assert "people had a serious infection" in answer  # the answer's own outcome words
    assert "Wray S, Havrdova E, Snydman DR, et al." in main  # long author list cut ...
    assert "All authors of Wray et al. 2018: Wray S, Havrdova E" in main  # ... given in full below


def test_chart_table_says_no_comparison_group_in_every_card(site: pipeline.Site) -> None:
    """A group missing from several periods spans them in the table; under the span, each
    period's row has its own cell for the cards a phone shows (hidden from a wide table)."""
    html = page(site, "alemtuzumab-infections")
    table = html.split('id="chart-infections-by-year-caption"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><th scope=\"row\">(Year \d)</th>(.*?)</tr>", table, re.S)
    assert [r[0] for r in rows] == [f"Year {n}" for n in range(1, 7)]
    assert 'rowspan="4" class="no-group"' in rows[2][1]
    for _, cells in rows[3:]:
        assert '<td class="no-group no-group-more">' in cells
    assert table.count("No comparison group") == 4


@pytest.mark.parametrize("slug", ["alemtuzumab-infections", "cladribine-infections"])
def test_each_summary_has_every_layer(site: pipeline.Site, slug: str) -> None:
    html = page(site, slug)
    # No fact box: the answer's chart and table and the body hold each set of numbers once.
    order = [html.index(marker) for marker in (
        '<div class="answer"', "<svg", 'id="key-messages"', 'id="how-sure"',
        'id="what-we-dont-know"', '<details class="clinician methods"')]
    assert order == sorted(order)
    assert re.search(r"<strong>Moderate certainty\.</strong> [^<]*probably", html)
    assert '<a class="term" href="../glossary/index.html#term-' in html


def test_cladribine_says_figures_from_different_trials_cannot_be_compared(
        site: pipeline.Site) -> None:
    html = page(site, "cladribine-infections")
    key = html.split('id="key-messages"', 1)[1].split("</section>", 1)[0]
    assert "Figures from different trials cannot be compared directly." in key
    assert "about 48 in 100 people taking" in key and "about 43 in 100 people" in key
    assert "about 52 in 100 did not" in key  # both framings
    unknowns = html.split('id="what-we-dont-know"', 1)[1].split("</section>", 1)[0]
    assert "give no number for serious infections" in unknowns


def test_ocrelizumab_fact_box_holds_what_no_chart_shows(site: pipeline.Site) -> None:
    """Its fact box says how many people were followed and that the source does not count
    people with an infection (its chart counts infections)."""
    html = page(site, "ocrelizumab-infections")
    box = html.split('<section class="fact-box"', 1)[1].split("</section>", 1)[0]
    assert "Who these numbers are about:" in box
    assert "People who had at least one infection" in box
    assert '<span class="not-reported">Not reported</span>' in box


def test_glossary_page_lists_every_term(site: pipeline.Site) -> None:
    html = page(site, "glossary")
    assert 'id="term-relapsing-remitting-ms"' in html and 'id="term-placebo"' in html


def test_summary_without_layers_warns(tmp_path: Path) -> None:
    root = tmp_path / "p"
    for name in ("content", "data", "templates", "static"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    md = root / "content" / "cladribine-infections.md"
    text = md.read_text(encoding="utf-8")
    text = re.sub(r"\ncertainty:\n(  .*\n)+", "\n", text)
    md.write_text(text, encoding="utf-8")
    warnings = [str(w) for w in pipeline.build(Project(root)).warnings]
    assert warnings == ["content/cladribine-infections.md:1: this summary does not say how sure "
                        "we are; add certainty: {level: moderate, statement: 'Infections "
                        "probably ...', reason: 'one line'}"]
