"""Make synthetic evidence-site projects for benchmarks: N summaries, one to three charts each.

The one generator every benchmark uses (bench/run.py, bench_build.py, bench_scale.py).

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
                            f"Table {k},\"Synthetic benchmark figure {fid}, {period}: {v}%.\"")
    for g, group in enumerate(GROUPS):
        fid = f"bars_b_{g}"
        v = value(i, k)
        k += 1
        rows.append(f"{fid},bars_b,{group},Years 1 to 3,{v},,,percent,people,,S1,Table {k},"
                    f"\"Synthetic benchmark figure {fid}, Years 1 to 3: {v}%.\"")
    return "\n".join(rows) + "\n"


def letters(i: int) -> str:
    """A name for summary i without digits (typed numerals in titles are linted)."""
    name = ""
    while True:
        i, rest = divmod(i, 26)
        name = chr(97 + rest) + name
        if i == 0:
            return name


CHARTS = (  # (name, kind, measure, outcome, title), in the order a summary places them
    ("trend-a", "trend", "trend_a", "had outcome A", "Outcome A over three years"),
    ("bars-b", "bars", "bars_b", "had outcome B", "Outcome B by treatment"),
    ("trend-c", "trend", "trend_c", "had outcome C", "Outcome C over three years"),
)


def summary_md(i: int, charts: int = 3) -> str:
    """A summary with the standard sections, 1 to 3 charts and numbers drawn from data."""
    slug = f"synthetic-{i:04d}"
    if not 1 <= charts <= len(CHARTS):
        raise ValueError(f"charts per summary must be 1 to {len(CHARTS)}, not {charts}")
    specs = "".join(f"  {name}:\n    kind: {kind}\n    dataset: {slug}\n    measure: {measure}\n"
                    f"    outcome: {outcome}\n    title: {title}\n"
                    for name, kind, measure, outcome, title in CHARTS[:charts])
    place = [f'{{{{ chart("{name}") }}}}' if n < charts else ""
             for n, (name, *_) in enumerate(CHARTS)]
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
{specs}certainty:
  level: low
  statement: "Treatment A may change outcome A: {{{{ fig.trend_a_0_0.about }}}} people had it."
  reason: "These numbers are made up for a benchmark."
unknowns:
  - "Everything: this page exists only to measure build speed."
---

## What the study found

This is synthetic text. With treatment A, {{{{ fig.trend_a_0_0.about }}}} people had outcome A
in {{{{ fig.trend_a_0_0.period | lower }}}}.

{place[0]}

## How serious were the outcomes?

{place[1]}

## Who was studied

Made-up people in a made-up study.

{place[2]}

## What we do not know

Everything: this page exists only to measure build speed.

## Where this comes from

A synthetic source.
"""


def copy_shared(root: Path, repo: Path = REPO) -> None:
    """Copy the repository's templates, static files, settings, about page and glossary."""
    for name in ("templates", "static"):
        shutil.rmtree(root / name, ignore_errors=True)
        shutil.copytree(repo / name, root / name)
    shutil.copy(repo / "site.toml", root / "site.toml")
    shutil.copy(repo / "content" / "about.md", root / "content" / "about.md")
    if (repo / "data" / "glossary.csv").exists():  # the templates link to the glossary page
        shutil.copy(repo / "data" / "glossary.csv", root / "data" / "glossary.csv")


def make_project(root: Path, n: int, charts: int = 3, repo: Path = REPO) -> Path:
    """Write a project with n synthetic summaries of `charts` charts each under root.

    Templates, settings and the about page come from repo (another checkout, to compare code).
    """
    if root.exists():
        shutil.rmtree(root)
    (root / "content").mkdir(parents=True)
    (root / "data").mkdir()
    copy_shared(root, repo)
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
        (root / "content" / f"{slug}.md").write_text(summary_md(i, charts),
                                                             encoding="utf-8")
    return root
