"""Summary layers: how sure we are (GRADE words), what we don't know, fact box, icon arrays."""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

import pytest

from evidence_site import content, pipeline
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


def test_flagship_shows_icon_arrays_side_by_side_and_a_fact_box(site: pipeline.Site) -> None:
    html = page(site, "alemtuzumab-infections")
    # One icon-array chart: year 1 against year 6 is the answer's and the trend chart's point.
    arrays = re.findall(r'<div class="icon-arrays">(.*?)</div></div>', html, re.S)
    assert len(arrays) == 1
    labels = re.findall(r'<div class="icon-array"><svg[^>]*aria-label="([^"]*)"', html)
    assert labels == [
        "Alemtuzumab, year 1: about 59 in 100 people had an infection",
        "Interferon beta-1a, year 1: about 41 in 100 people had an infection",
    ]
    box = html.split('<section class="fact-box"', 1)[1].split("</section>", 1)[0]
    assert "Who these numbers are about:" in box
    cells = [" ".join(re.sub(r"<[^>]+>", " ", c).split())
             for c in re.findall(r"<td[^>]*>(.*?)</td>", box, re.S)]
    assert cells[:3] == ["Interferon beta-1a, year 1 about 41 in 100 (41.3%)",
                         "Alemtuzumab, year 1 about 59 in 100 (58.7%)",
                         "Alemtuzumab, year 6 about 38 in 100 (38.1%)"]
    # The serious-infection range covers every year, so one cell spans both alemtuzumab columns.
    assert cells[3] == "Interferon beta-1a, year 1 Not reported"
    assert cells[4].startswith("Alemtuzumab, year 1 and Alemtuzumab, year 6 about 1 to 2 in 100")
    assert box.count('colspan="2"') == 1
    assert "Wray et al. 2018" in box and "Figures checked against the source on" in box


@pytest.mark.parametrize("slug", ["alemtuzumab-infections", "cladribine-infections"])
def test_each_summary_has_every_layer(site: pipeline.Site, slug: str) -> None:
    html = page(site, slug)
    order = [html.index(marker) for marker in (
        '<div class="answer"', "<svg", 'id="key-messages"', 'class="fact-box"', 'id="how-sure"',
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
    assert '<span class="not-reported">Not reported</span>' in html


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
