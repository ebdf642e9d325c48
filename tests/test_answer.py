"""The answer block and scope line: front matter, the messages a curator sees, and the page."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import edit, errors_for

from evidence_site import pipeline
from evidence_site.present import layers
from evidence_site.read import content, glossary
from evidence_site.records import Answer, ChartSpec, Figure

RATE = "content/rate-example.md"
ANSWER = "answer: {figures: [rate_any, rate_serious], chart: infection-rate}\n"
SCOPE = 'scope: {text: "This page is about infections only. Its numbers are invented.", ' \
        "source: X1}\n"
FRONT = "---\ntitle: T\nslug: t\ndescription: D\nkind: page\n"


def front_errors(lines: str) -> list[str]:
    """The front-matter problems of a page with these extra lines."""
    page, errors = content.parse_page(Path("content/t.md"), FRONT + lines + "---\nBody\n")
    return [str(e) for e in errors]


@pytest.mark.parametrize(("lines", "message"), [
    ("answer: [a, b]\n", "content/t.md:6: answer must give figures and a chart, e.g. answer: "
     "{figures: [alem_y1, alem_y6], chart: infections-by-year}"),
    ("answer: {figures: [a, b], pic: x}\n", "content/t.md:6: answer has unknown key 'pic'; "
     "known keys: figures, chart, outcomes"),
    ("answer: {figures: a}\n", "content/t.md:6: answer figures must be a list of 2 or 3 figure "
     "ids, e.g. [alem_y1, alem_y6]"),
    ("answer: {figures: [a, 1]}\n", "content/t.md:6: answer figures must be a list of 2 or 3 "
     "figure ids, e.g. [alem_y1, alem_y6]"),
    ("answer: {figures: [a, b, c, d]}\n", "content/t.md:6: answer has 4 figure(s); give 2 or 3 "
     "headline numbers"),
    ("answer: {figures: [a, b], chart: [x]}\n", "content/t.md:6: answer chart must be the name "
     "of one of this page's charts"),
    ("answer: {figures: [a, b], chart: nope}\n", "content/t.md:6: answer chart 'nope' is not "
     "one of this page's charts (known: none)"),
    ("answer: {figures: [a, b], outcomes: [x]}\n", "content/t.md:6: answer outcomes must map "
     "a figure id to what happened, e.g. {serious: had a serious infection}"),
    ("answer: {figures: [a, b], outcomes: {c: had one}}\n", "content/t.md:6: answer outcome for "
     "'c', which is not one of the answer's figures (a, b)"),
    ("scope: [a]\n", "content/t.md:6: scope must be one line saying what the page covers, e.g. "
     "'This page is about infections.', or {text: ..., source: S3}"),
    ("scope: {text: x, where: y}\n", "content/t.md:6: scope has unknown key 'where'; known "
     "keys: text, source"),
    ("scope: {text: x, source: [S3]}\n", "content/t.md:6: scope source must be one source id "
     "from data/sources.csv, e.g. S3"),
    ("scope: |\n  one\n  two\n", "content/t.md:6: give the scope in one line"),
])
def test_front_matter_problems_are_reported_at_their_line(lines: str, message: str) -> None:
    assert front_errors(lines) == [message]


def test_answer_and_scope_become_records() -> None:
    text = FRONT + "answer: {figures: [a, b]}\nscope: {text: ' Only infections. ', source: S3}\n"
    page, errors = content.parse_page(Path("content/t.md"), text + "---\nBody\n")
    assert errors == [] and page is not None
    assert (page.answer.figures, page.answer.chart, page.answer.line) == (("a", "b"), "", 6)
    assert (page.scope.text, page.scope.source, page.scope.line) == ("Only infections.", "S3", 7)


def test_unknown_answer_figure_is_reported_at_its_line(fixture_site: Path) -> None:
    edit(fixture_site, RATE, "figures: [rate_any, rate_serious], chart", "figures: [rate_any, "
         "rate_nope], chart")
    assert errors_for(fixture_site) == [
        "content/rate-example.md:25: answer: no figure 'rate_nope' in this page's datasets "
        "(known: rate_any, rate_serious)"]


def test_unknown_scope_source_is_reported(fixture_site: Path) -> None:
    edit(fixture_site, RATE, "source: X1}", "source: X9}")
    assert errors_for(fixture_site) == [
        "content/rate-example.md:26: scope cites source 'X9', which is not in data/sources.csv "
        "(known: S1, S5, X1)"]


def test_answer_chart_placed_in_the_body_too_is_an_error(fixture_site: Path) -> None:
    edit(fixture_site, RATE, "Serious infections:", '{{ chart("infection-rate") }}\n\n'
         "Serious infections:")
    assert errors_for(fixture_site) == [
        "content/rate-example.md:34: chart 'infection-rate' is shown in the answer under the "
        'title (answer: chart); remove {{ chart("infection-rate") }} from the body']


def test_answer_block_sits_under_the_title_with_numbers_chart_and_scope(
        minimal_build: pipeline.Site) -> None:
    files = minimal_build.files
    html = str(next(v for k, v in files.items() if k.as_posix() == "rate-example/index.html"))
    main = html.split("<h1>", 1)[1]
    answer = main.split('<div class="answer" data-no-terms>', 1)[1].split("</figure>", 1)[0]
    numbers = re.sub(r"<[^>]+>", "", answer.split("</p>", 1)[0]).split()
    assert " ".join(numbers).startswith("Medicine B, ")
    assert answer.index("answer-figures") < answer.index("<h2 class=\"chart-title\"")
    assert "about" in " ".join(numbers) and " ".join(numbers).count(".") >= 2
    assert main.index("answer-figures") < main.index('class="scope"') < main.index("Key messages")
    assert '(Source: <a href="#source-X1">' in main and 'id="source-X1"' in main
    # The chart is drawn once, in the answer, not again in the body.
    assert main.count('id="chart-infection-rate"') == 1


def test_answer_outcome_comes_from_a_chart_a_fact_box_row_or_the_measure() -> None:
    text = (FRONT + "fact_box: {title: T, who: W, columns: [A], rows: [{label: Had a serious "
            "infection, figures: [s]}]}\n")
    page, errors = content.parse_page(Path("content/t.md"), text + "---\nBody\n")
    assert page is not None
    base = Figure(id="a", dataset="d", measure="any_infection", group="Medicine A",
                  period="Year 1", value=58.7, value_high=None, value_text="58.7", high_text="",
                  relation="", scale="percent", unit="people", n_people=None, source="S1",
                  locator="L", quote="Q", line=2)
    spec = ChartSpec(name="c", kind="trend", dataset="d", measure="any_infection",
                     outcome="had an infection", title="T", line=1)
    page = replace(page, charts=(spec,), kind="summary")
    assert layers.answer_item(page, base) == layers.AnswerItem(
        "Medicine A, year 1", "about 59 in 100", "people had an infection")
    serious = replace(base, id="s", measure="serious_infection")
    assert layers.answer_item(page, serious).what == "people had a serious infection"
    other = replace(base, id="o", measure="hospital_stay")
    assert layers.answer_item(page, other).what == "people: hospital stay"
    # The answer's own outcome comes first: a figure with no chart or fact-box row of its own.
    page = replace(page, answer=Answer(figures=("a", "o"), chart="", line=6,
                                       outcomes=(("o", "needed hospital care"),)))
    assert layers.answer_item(page, other).what == "people needed hospital care"
    assert layers.answer_item(page, base).what == "people had an infection"


def test_contents_lists_the_body_sections() -> None:
    body = '<h2 id="one">One &amp; <em>two</em></h2><p>x</p><h3 id="x">X</h3><h2 id="b">B</h2>'
    assert layers.contents(body) == (("one", "One & two"), ("b", "B"))


def test_glossary_skips_key_messages_and_answer_and_links_the_body() -> None:
    term = glossary.Term("relapse", "A new attack.", (), 2)
    html = ('<main><section class="key-messages" data-no-terms><div><p>A relapse.</p></div>'
            '<p>relapse</p></section><div class="answer" data-no-terms>relapse</div>'
            "<p>Body relapse.</p></main>")
    marked = glossary.mark_terms(html, [term], "../")
    assert marked.count('class="term"') == 1
    assert '<p>Body <a class="term" href="../glossary/index.html#term-relapse">relapse</a>.</p>' \
        in marked
