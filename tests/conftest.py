"""Shared fixtures: a private copy of the minimal project, and the --update-golden flag."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/ from the current build instead of comparing against it",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite the golden files."""
    return bool(request.config.getoption("--update-golden"))


def copy_project(name: str, destination: Path) -> Path:
    """Copy tests/fixtures/NAME plus the repository's real templates/ and static/."""
    shutil.copytree(FIXTURES / name, destination)
    for folder in ("templates", "static"):
        shutil.copytree(REPO / folder, destination / folder)
    return destination


@pytest.fixture
def fixture_site(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/minimal (with the real templates) that a test may edit."""
    return copy_project("minimal", tmp_path / "project")
