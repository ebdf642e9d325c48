"""The whole pipeline on the minimal fixture project, compared byte for byte with tests/golden/."""

from __future__ import annotations

import shutil
from pathlib import Path

from evidence_site import pipeline
from evidence_site.records import Project

MINIMAL = Path(__file__).resolve().parent / "golden" / "minimal"


def as_bytes(content: str | bytes) -> bytes:
    """What write_site puts on disk for one file."""
    return content if isinstance(content, bytes) else content.encode("utf-8")


def test_minimal_site_matches_golden(fixture_site: Path, update_golden: bool) -> None:
    """Every built file equals its checked-in copy (`pytest --update-golden` rewrites them)."""
    site = pipeline.build(Project(fixture_site), strict=True)
    if update_golden:
        shutil.rmtree(MINIMAL, ignore_errors=True)
        for relative, content in site.files.items():
            (MINIMAL / relative).parent.mkdir(parents=True, exist_ok=True)
            (MINIMAL / relative).write_bytes(as_bytes(content))
    expected = sorted(p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*") if p.is_file())
    assert sorted(p.as_posix() for p in site.files) == expected
    for relative, content in sorted(site.files.items()):
        assert as_bytes(content) == (MINIMAL / relative).read_bytes(), (
            f"{relative} differs from tests/golden/minimal/{relative}; if the change is intended, "
            "run `python3 dev.py test --update-golden` and commit the golden diff"
        )
    assert site.warnings == ()
