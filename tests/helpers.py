"""Small helpers shared by the tests: edit a fixture file, run the build, collect messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_site import pipeline
from evidence_site.errors import BuildError
from evidence_site.records import Project


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the first `old` in one project file; fail loudly if the fixture has changed."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} no longer contains {old!r}; update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors_for(root: Path, *, strict: bool = False) -> list[str]:
    """Every message a failed build reports, as the curator sees it."""
    with pytest.raises(BuildError) as failure:
        pipeline.build(Project(root), strict=strict)
    return [str(error) for error in failure.value.errors]


def warnings_for(root: Path) -> list[str]:
    """Every warning of a build that succeeds."""
    return [str(warning) for warning in pipeline.build(Project(root)).warnings]
