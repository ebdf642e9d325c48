"""Helpers for the share/trust/privacy tests: a built copy of the fixture with trust details."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import html5lib
from helpers import copy_project, edit

from evidence_site import pipeline
from evidence_site.records import Project

ALEM = "content/alemtuzumab.md"
TRUST_KEYS = """author_role: test writer
reviewer: Test Reviewer
reviewer_role: test neurologist
condition: Relapsing-remitting multiple sclerosis
drugs: [Alemtuzumab]
changelog:
  - {date: 2026-01-15, change: First published.}
  - {date: 2026-02-01, change: "Checked the figures <again> & fixed a typo."}
card: "{{ fig.alem_y3.about | capitalize }} people had an infection in
  {{ fig.alem_y3.period | lower }}."
"""


def trusted_project(destination: Path) -> Path:
    """The minimal fixture, with the alemtuzumab summary carrying every trust key."""
    root = copy_project("minimal", destination)
    edit(root, ALEM, "reviewer: Test Reviewer\n", TRUST_KEYS)
    return root


def build_files(root: Path, today: dt.date | None = None) -> dict[str, str | bytes]:
    """Build a project; {posix path: content}."""
    site = pipeline.build(Project(root), today=today)
    return {p.as_posix(): c for p, c in site.files.items()}


def parse(html: str):  # noqa: ANN201 (an html5lib element tree)
    """Parse HTML the way a browser would (html5lib, not the build's own parser)."""
    return html5lib.parse(html, namespaceHTMLElements=False)


def meta_content(tree, key: str) -> str:  # noqa: ANN001
    """The content of <meta property=key> or <meta name=key>."""
    for meta in tree.iter("meta"):
        if key in (meta.get("property"), meta.get("name")):
            return meta.get("content")
    raise AssertionError(f"no <meta> {key}")


def json_ld(html: str) -> dict:
    """The page's one JSON-LD block, parsed."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, f"expected one JSON-LD block, found {len(blocks)}"
    return json.loads(blocks[0])
