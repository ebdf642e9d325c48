"""`evidence-site new SLUG`: start a summary the build refuses until the curator fills it in.

Pure text makers plus main(); files are read in load_* and written only through write.py.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from evidence_site import pipeline
from evidence_site.errors import BuildError
from evidence_site.publish.write import write_scaffold
from evidence_site.read import data
from evidence_site.records import Project

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SHOWN = 12  # problems printed after scaffolding; the build prints them all


def summary_text(slug: str) -> str:
    """A content file with every front-matter key and the standard sections, as placeholders."""
    found = ("TODO: say in plain words what the study found; write each number as "
             f"{{{{ fig.ID.about }}}} from data/{slug}.csv, with its time period.")
    return f"""---
title: "TODO: a takeaway title in plain words, e.g. Infection risk drops with time"
slug: {slug}
description: "TODO: one plain sentence saying what the study found"
datasets: [{slug}]
published: TODO
last_reviewed: TODO
next_review: TODO
author: "TODO: who wrote this summary"
reviewer: "TODO: who reviewed it, or: Not yet reviewed by a clinician"
key_messages:
  - "TODO: first key message; take numbers from data, e.g. {{{{ fig.ID.about }}}} people"
  - "TODO: second key message (give 2 or 3)"
charts:
  main:
    kind: trend
    dataset: {slug}
    measure: "TODO: the measure column of the rows to draw, e.g. any_infection"
    outcome: "TODO: what happened, e.g. had an infection"
    title: "TODO: the chart's takeaway, e.g. Fewer people had infections each year"
certainty:
  level: TODO
  statement: "TODO: how sure we are, with 'probably' or 'may', and the numbers"
  reason: "TODO: one line saying why we are this sure"
unknowns:
  - "TODO: what the source does not report, e.g. how many people were followed"
  - "TODO: whether the results apply to everyone"
methods: |
  TODO: which study this summarises; quote the source's own words in a > blockquote.
---

## What the study found

{found}

{{{{ chart("main") }}}}

## Who was studied

TODO: who took part, how many, in which trials, and for how long.
"""


def dataset_text() -> str:
    """A dataset CSV with the right header and no rows yet."""
    return ",".join(data.STARTER) + "\n"


def sources_text(old: str | None, source_id: str) -> str:
    """sources.csv with a stub row for the new summary's source appended."""
    header = ",".join(data.SOURCE_COLUMNS) + "\n"
    text = old if old is not None else header
    if text and not text.endswith("\n"):
        text += "\n"
    return text + source_id + "," * (len(data.SOURCE_COLUMNS) - 1) + "\n"


def load_existing(project: Project, slug: str) -> tuple[list[Path], str | None]:
    """The files `new` would overwrite (it never does), and the current sources.csv."""
    wanted = [project.content_dir / f"{slug}.md", project.data_dir / f"{slug}.csv"]
    sources = project.data_dir / data.SOURCES_FILE
    old = sources.read_text(encoding="utf-8") if sources.exists() else None
    return [p for p in wanted if p.exists()], old


def main(argv: list[str], command: str = "evidence-site") -> int:
    """`evidence-site new SLUG`: create the files of a new summary to fill in."""
    parser = argparse.ArgumentParser(prog=f"{command} new", description=main.__doc__)
    parser.add_argument("slug", help="the page address, e.g. natalizumab-pml")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the site folder (default: the current folder)")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    if not _SLUG.match(args.slug):
        print(f"slug is {args.slug!r}; use lower-case letters, digits and hyphens, e.g. "
              "natalizumab-pml", file=sys.stderr)
        return 2
    existing, old_sources = load_existing(project, args.slug)
    if existing:
        print(f"{', '.join(str(project.rel(p)) for p in existing)} already exists; "
              "choose another slug", file=sys.stderr)
        return 1
    sources = sources_text(old_sources, args.slug)
    write_scaffold(
        {project.content_dir / f"{args.slug}.md": summary_text(args.slug),
         project.data_dir / f"{args.slug}.csv": dataset_text()},
        {project.data_dir / data.SOURCES_FILE: sources},
    )
    stub_line = sources.count("\n")
    print(f"Created content/{args.slug}.md and data/{args.slug}.csv, and a source stub on "
          f"line {stub_line} of data/{data.SOURCES_FILE}.")
    print("Fill them in (replace every TODO, add one row per figure, then run "
          f"`{command} stamp data/{args.slug}.csv`); until then the build says what is "
          "missing:")
    found = problems(project)
    for line in found[:SHOWN]:
        print(f"  {line}")
    if len(found) > SHOWN:
        print(f"  ... and {len(found) - SHOWN} more")
    print(f"Run `{command} serve` to see the page as you write.")
    return 0


def problems(project: Project) -> list[str]:
    """What the build would report now, as path:line messages."""
    try:
        pipeline.load_inputs(project)
    except BuildError as e:
        return [str(error) for error in e.errors]
    return []

