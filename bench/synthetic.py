"""Make synthetic evidence-site projects for benchmarks: N summaries, three charts each.

The figures are made up and labelled as synthetic; they are never published (bench/out/ is
gitignored) and only exist to measure build speed.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
HEADER = ("id,measure,group,period,value,value_high,relation,scale,unit,n_people,source,"
          "locator,quote")
GROUPS = ("Treatment A", "Treatment B")
PERIODS = ("Year 1", "Year 2", "Year 3")


def value(i: int, k: int) -> str:
    """A deterministic made-up percentage, different for every summary."""
    return f"{10 + (i * 7 + k * 13) % 80}.{(i + k) % 10}"


def dataset_csv(i: int) -> str:
    """Three measures: two trends over three years and one two-bar comparison."""
    rows, k = [HEADER], 0
    for measure in ("trend_a", "trend_c"):
        for g, group in enumerate(GROUPS):
            for p, period in enumerate(PERIODS):
                fid = f"{measure}_{g}_{p}"
                v = value(i, k)
                k += 1
                rows.append(f"{fid},{measure},{group},{period},{v},,,percent,people,,S1,"
                            f"Table {k},\"Synthetic benchmark figure {fid}: {v}%.\"")
    for g, group in enumerate(GROUPS):
        fid = f"bars_b_{g}"
        v = value(i, k)
        k += 1
        rows.append(f"{fid},bars_b,{group},Years 1 to 3,{v},,,percent,people,,S1,Table {k},"
                    f"\"Synthetic benchmark figure {fid}: {v}%.\"")
    return "\n".join(rows) + "\n"


def letters(i: int) -> str:
    """A name for summary i without digits (typed numerals in titles are linted)."""
    name = ""
    while True:
        i, rest = divmod(i, 26)
        name = chr(97 + rest) + name
        if i == 0:
            return name


def summary_md(i: int) -> str:
    """A summary with the standard sections, three charts and numbers drawn from data."""
    slug = f"synthetic-{i:04d}"
    return f"""---
title: Synthetic summary {letters(i)}
slug: {slug}
description: A made-up summary used only to measure how fast the site builds.
datasets: [{slug}]
published: 2026-01-01
last_reviewed: 2026-01-01
next_review: 2027-01-01
author: Benchmark
reviewer: Benchmark
key_messages:
  - "With treatment A, {{{{ fig.trend_a_0_0.about }}}} people had the outcome in the first year."
  - "With treatment B, {{{{ fig.trend_a_1_0.about }}}} people had the outcome in the first year."
charts:
  trend-a:
    kind: trend
    dataset: {slug}
    measure: trend_a
    outcome: had outcome A
    title: Outcome A over three years
  bars-b:
    kind: bars
    dataset: {slug}
    measure: bars_b
    outcome: had outcome B
    title: Outcome B by treatment
  trend-c:
    kind: trend
    dataset: {slug}
    measure: trend_c
    outcome: had outcome C
    title: Outcome C over three years
certainty:
  level: low
  statement: "Treatment A may change outcome A: {{{{ fig.trend_a_0_0.about }}}} people had it."
  reason: "These numbers are made up for a benchmark."
unknowns:
  - "Everything: this page exists only to measure build speed."
---

## What the study found

This is synthetic text. With treatment A, {{{{ fig.trend_a_0_0.about }}}} people had outcome A
in {{{{ fig.trend_a_0_0.period | lower }}}}.

{{{{ chart("trend-a") }}}}

## How serious were the outcomes?

{{{{ chart("bars-b") }}}}

## Who was studied

Made-up people in a made-up study.

{{{{ chart("trend-c") }}}}

## What we do not know

Everything: this page exists only to measure build speed.

## Where this comes from

A synthetic source.
"""


def copy_shared(root: Path) -> None:
    """Copy the repository's templates, static files, settings, about page and glossary."""
    for name in ("templates", "static"):
        shutil.rmtree(root / name, ignore_errors=True)
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    shutil.copy(REPO / "content" / "about.md", root / "content" / "about.md")
    if (REPO / "data" / "glossary.csv").exists():  # the templates link to the glossary page
        shutil.copy(REPO / "data" / "glossary.csv", root / "data" / "glossary.csv")


def make_project(root: Path, n: int) -> Path:
    """Write a project with n synthetic summaries under root, reusing the real templates."""
    if root.exists():
        shutil.rmtree(root)
    (root / "content").mkdir(parents=True)
    (root / "data").mkdir()
    copy_shared(root)
    (root / "data" / "sources.csv").write_text(
        "id,short,citation,authors,journal,published,doi,url\n"
        "S1,Synthetic 2026,A synthetic source for benchmarks,Nobody,Nowhere,2026-01-01,,"
        "https://example.org/synthetic\n", encoding="utf-8")
    for i in range(n):
        slug = f"synthetic-{i:04d}"
        csv = dataset_csv(i)
        (root / "data" / f"{slug}.csv").write_text(csv, encoding="utf-8")
        digest = hashlib.sha256(csv.encode()).hexdigest()
        (root / "data" / f"{slug}.meta.toml").write_text(
            f'title = "Synthetic dataset {i}"\ncurated_by = "Benchmark"\nchecked = 2026-01-01\n'
            f'sha256 = "{digest}"\n', encoding="utf-8")
        (root / "content" / f"{slug}.md").write_text(summary_md(i), encoding="utf-8")
    return root
