"""Shared fixtures: a private copy of the minimal project (fresh, or as one clean build left it),
the real site built once per session, and the --update-golden flag."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bad_input import run_cli
from helpers import REPO, copy_project

from evidence_site import pipeline
from evidence_site.publish.write import write_site
from evidence_site.records import Project


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


@pytest.fixture(scope="session")
def minimal_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project after one clean `build.py --strict`, once per session (never mutate)."""
    root = copy_project("minimal", tmp_path_factory.mktemp("built") / "project")
    answer = run_cli("--root", str(root), "--strict")
    assert (answer.code, answer.err) == (0, ""), answer.err
    assert (root / "site" / "index.html").is_file() and (root / ".cache").is_dir()
    return root


@pytest.fixture
def built_site(minimal_built: Path, tmp_path: Path) -> Path:
    """A private copy of the minimal project as one clean build left it: its site/ and .cache/.

    The same state as building fixture_site in place (the cache holds no paths), without the
    build: for tests that plant a fault in a built project and build again.
    """
    return Path(shutil.copytree(minimal_built, tmp_path / "project", symlinks=True))


@pytest.fixture(scope="session")
def minimal_build(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Site:
    """The minimal project built once with strict=True, for every test that only reads the
    result (never mutate it); strict builds the same files and fails on any warning."""
    root = copy_project("minimal", tmp_path_factory.mktemp("minimal") / "project")
    return pipeline.build(Project(root), strict=True)


@pytest.fixture(scope="session")
def real_build() -> pipeline.Site:
    """The repository's own site, built once for every test that reads it (never mutate it).

    Built without --strict so each test reports its own failure; tests/test_site.py checks
    that it would pass --strict.
    """
    return pipeline.build(Project(REPO))


@pytest.fixture(scope="session")
def real_folder(real_build: pipeline.Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site written once into a temporary folder (never into the repository)."""
    out = tmp_path_factory.mktemp("real") / "site"
    write_site(real_build.files, out)
    return out
