"""The glossary: the CSV, the first use of each term linked, and the glossary page."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from evidence_site.read import glossary

REPO = Path(__file__).resolve().parent.parent
REQUIRED_TERMS = ("alemtuzumab", "interferon beta-1a", "relapsing-remitting MS", "lymphocyte",
                  "acyclovir", "herpes", "serious infection", "extension study",
                  "pooled analysis", "placebo")


def terms(text: str) -> tuple[glossary.Term, ...]:
    found, errors = glossary.parse_glossary(text, Path("data/glossary.csv"))
    assert errors == []
    return found


TERMS = terms("term,explanation,also\n"
              "herpes,A family of viruses.,\n"
              "herpes zoster,Shingles.,shingles\n"
              "lymphocyte,A white blood cell.,\n"
              "upper respiratory tract infection,A cold.,\n")


def test_project_glossary_covers_the_required_terms() -> None:
    with (REPO / "data" / "glossary.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = {r["term"].lower() for r in rows}
    assert {t.lower() for t in REQUIRED_TERMS} <= names
    assert all(r["explanation"].strip() for r in rows)


def test_first_use_only_is_linked_and_longest_term_wins() -> None:
    html = ("<html><head><title>herpes</title></head><body><main>"
            "<h2>Herpes</h2><p>Herpes zoster and herpes. Lymphocytes and a lymphocyte.</p>"
            "<p>More herpes.</p></main></body></html>")
    out = glossary.mark_terms(html, TERMS, "../")
    assert out == (
        "<html><head><title>herpes</title></head><body><main>"
        "<h2>Herpes</h2><p>"
        '<a class="term" href="../glossary/index.html#term-herpes-zoster">Herpes zoster</a> and '
        '<a class="term" href="../glossary/index.html#term-herpes">herpes</a>. '
        '<a class="term" href="../glossary/index.html#term-lymphocyte">Lymphocytes</a> and a '
        "lymphocyte.</p><p>More herpes.</p></main></body></html>")


@pytest.mark.parametrize("wrapper", ["a href='x'", "details", "table", "svg", "blockquote"])
def test_terms_inside_links_tables_pictures_quotes_and_details_are_left_alone(
        wrapper: str) -> None:
    tag = wrapper.split()[0]
    html = f"<main><{wrapper}>herpes</{tag}><p>herpes</p></main>"
    out = glossary.mark_terms(html, TERMS, "")
    assert out == (f"<main><{wrapper}>herpes</{tag}><p><a class=\"term\" "
                   'href="glossary/index.html#term-herpes">herpes</a></p></main>')


def test_a_term_split_over_lines_and_an_other_form_are_found() -> None:
    html = "<main><p>colds (upper respiratory\n  tract infections) and shingles</p></main>"
    out = glossary.mark_terms(html, TERMS, "")
    assert 'href="glossary/index.html#term-upper-respiratory-tract-infection">upper respiratory' \
           "\n  tract infections</a>" in out
    assert '#term-herpes-zoster">shingles</a>' in out


def test_problems_in_the_csv_are_reported_at_their_line() -> None:
    _, errors = glossary.parse_glossary("term,explanation\nplacebo,\nplacebo,A dummy.\n"
                                        "Placebo,Again.\n", Path("data/glossary.csv"))
    assert [str(e) for e in errors] == [
        "data/glossary.csv:2: 'explanation' is empty; fill it in",
        "data/glossary.csv:4: 'Placebo' is already on line 3; give each term one row",
    ]
    _, errors = glossary.parse_glossary("word,meaning\n", Path("data/glossary.csv"))
    assert [str(e) for e in errors] == [
        "data/glossary.csv:1: missing column(s): term, explanation; the header must be: "
        "term,explanation,also"]
