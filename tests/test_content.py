"""Stage 1: Markdown files with YAML front matter become Page records that know their lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from evidence_site.read import content

SOURCE = Path("content/x.md")
SUMMARY = """\
---
title: A title
slug: a-title
description: One line.
datasets: [alem]
published: 2026-01-15
last_reviewed: 2026-02-01
next_review: 2027-02-01
author: A
reviewer: R
key_messages:
  - "First."
  - "Second."
charts:
  by-year:
    kind: trend
    dataset: alem
    measure: any_infection
    outcome: had an infection
    title: Fewer each year
---

Body starts here.
"""


def test_parse_summary() -> None:
    """Every front-matter key lands in the Page, with the line of each key kept."""
    page, errors = content.parse_page(SOURCE, SUMMARY)
    assert errors == []
    assert page is not None
    assert (page.title, page.slug, page.kind, page.datasets) == (
        "A title",
        "a-title",
        "summary",
        ("alem",),
    )
    assert (page.published, page.next_review) == (dt.date(2026, 1, 15), dt.date(2027, 2, 1))
    assert page.key_messages == ("First.", "Second.")
    (chart,) = page.charts
    assert (chart.name, chart.kind, chart.measure, chart.line) == (
        "by-year",
        "trend",
        "any_infection",
        15,
    )
    assert page.body_line == 22
    assert SUMMARY.split("\n")[page.body_line - 1 + 1] == "Body starts here."
    assert page.lines["slug"] == 3
    assert (page.lines["key_messages.0"], page.lines["key_messages.1"]) == (12, 13)


def test_plain_page_needs_only_title_slug_description() -> None:
    """kind: page is for about/methods pages without data."""
    page, errors = content.parse_page(
        SOURCE, "---\ntitle: About\nslug: about\nkind: page\ndescription: How.\n---\nText\n"
    )
    assert errors == []
    assert page is not None and (page.kind, page.datasets, page.charts) == ("page", (), ())


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        (
            "no front matter\n",
            ["content/x.md:1: expected front matter: the first line must be '---'"],
        ),
        (
            "---\ntitle: x\n",
            ["content/x.md:1: front matter is not closed: add a line '---' after it"],
        ),
        ("---\n- a\n- b\n---\n", ["content/x.md:2: front matter must be 'key: value' lines"]),
        (
            "---\ntitle: A\n  bad: indent\n---\n",
            ["content/x.md:3: front matter is not valid YAML: mapping values are not allowed here"],
        ),
        (
            "---\ntitle: T\nslug: s\nkind: page\ndescription: D\ncharts: [a]\n---\n",
            [
                "content/x.md:6: charts must map a chart name to its kind, dataset, measure "
                "and title"
            ],
        ),
        (
            "---\ntitle: T\nslug: s\nkind: page\ndescription: D\ndatasets: alem\n---\n",
            [
                "content/x.md:6: datasets must be a list of data file names, e.g. "
                "[alemtuzumab-infections]"
            ],
        ),
    ],
)
def test_front_matter_problems(text: str, messages: list[str]) -> None:
    """Each problem points at the line to fix."""
    page, errors = content.parse_page(SOURCE, text)
    assert page is None
    assert [str(e) for e in errors] == messages


def test_summary_missing_keys_are_all_reported() -> None:
    """A summary with only a title gets one message per missing key, not just the first."""
    page, errors = content.parse_page(SOURCE, "---\ntitle: T\n---\n")
    assert page is None
    assert [str(e) for e in errors] == [
        f"content/x.md:1: front matter is missing '{key}'"
        for key in (
            "slug",
            "description",
            "datasets",
            "published",
            "last_reviewed",
            "next_review",
            "author",
            "reviewer",
            "key_messages",
        )
    ]


def test_chart_with_unknown_key() -> None:
    """A misspelt chart key is reported at the chart's line."""
    text = SUMMARY.replace(
        "    title: Fewer each year\n", "    title: Fewer each year\n    colour: red\n"
    )
    page, errors = content.parse_page(SOURCE, text)
    assert page is None
    assert [str(e) for e in errors] == [
        "content/x.md:15: chart 'by-year' has unknown key 'colour'; known keys: kind, dataset, "
        "measure, outcome, title, figures, denominator"
    ]


def test_load_pages_reads_in_name_order(fixture_site: Path) -> None:
    """Pages are read in sorted order so output does not depend on the file system."""
    pages, errors = content.load_pages(fixture_site / "content", Path("content"))
    assert errors == []
    assert [p.source.as_posix() for p in pages] == [
        "content/about.md",
        "content/alemtuzumab.md",
        "content/cladribine.md",
        "content/count-example.md",
        "content/findings-example.md",
        "content/rate-example.md",
    ]


def test_byte_order_mark_before_front_matter(fixture_site: Path) -> None:
    """Some editors start a file with a byte-order mark; the '---' is still found."""
    about = fixture_site / "content" / "about.md"
    about.write_bytes(b"\xef\xbb\xbf" + about.read_bytes())
    pages, errors = content.load_pages(fixture_site / "content", Path("content"))
    assert errors == []
    assert [p.slug for p in pages] == ["about", "alemtuzumab", "cladribine", "count-example",
                                          "findings-example", "rate-example"]
