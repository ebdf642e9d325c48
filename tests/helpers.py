"""Small helpers shared by the tests: edit a fixture file, run the build, collect messages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

from evidence_site import pipeline, theme
from evidence_site.errors import BuildError
from evidence_site.records import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
THEME = {"templates": theme.TEMPLATES, "static": theme.STATIC}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's, never a download


def browser_unavailable(reason: str) -> NoReturn:
    """The one rule for browser tests: with CI=true a missing browser fails the run; on a
    developer's machine the test is skipped with the reason."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests are required in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def chromium() -> str:
    """The Chromium binary ($CHROMIUM or Debian's /usr/bin/chromium), by the rule above."""
    found = shutil.which(CHROMIUM)
    if found is None:
        browser_unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    return found


def copy_project(name: str, destination: Path) -> Path:
    """Copy tests/fixtures/NAME plus this site's overrides (templates/, static/); no theme copy."""
    # A build run inside the fixture leaves .cache/ and site/: never copy them into a test.
    shutil.copytree(FIXTURES / name, destination,
                    ignore=shutil.ignore_patterns(".cache", "site"))
    for folder in ("templates", "static"):
        shutil.copytree(REPO / folder, destination / folder, dirs_exist_ok=True)
    return destination


def override(root: Path, relative: str) -> Path:
    """Copy the default theme's templates/X or static/X into the site, as a curator would."""
    path = root / relative
    if not path.exists():
        folder, _, name = relative.partition("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(THEME[folder] / name, path)
    return path


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the first `old` in one project file (a theme file becomes an override first)."""
    path = override(root, relative) if relative.split("/")[0] in THEME else root / relative
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
