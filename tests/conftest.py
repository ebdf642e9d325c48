"""Shared fixtures: a private copy of the minimal project, and the --update-golden flag."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_project


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


@pytest.fixture
def fixture_site(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/minimal (with the real templates) that a test may edit."""
    return copy_project("minimal", tmp_path / "project")
