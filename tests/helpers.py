"""Small helpers shared by the tests: edit a fixture file, run the build, collect messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evidence_site import pipeline
from evidence_site.errors import BuildError
from evidence_site.records import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


def copy_project(name: str, destination: Path) -> Path:
    """Copy tests/fixtures/NAME plus the repository's real templates/ and static/."""
    shutil.copytree(FIXTURES / name, destination)
    for folder in ("templates", "static"):
        shutil.copytree(REPO / folder, destination / folder)
    return destination


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the first `old` in one project file; fail loudly if the fixture has changed."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} no longer contains {old!r}; update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, as bytes, to compare a site before and after."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def errors_for(root: Path, *, strict: bool = False) -> list[str]:
    """Every message a failed build reports, as the curator sees it."""
    with pytest.raises(BuildError) as failure:
        pipeline.build(Project(root), strict=strict)
    return [str(error) for error in failure.value.errors]


def warnings_for(root: Path) -> list[str]:
    """Every warning of a build that succeeds."""
    return [str(warning) for warning in pipeline.build(Project(root)).warnings]
