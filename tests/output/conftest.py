"""The real site, built once per session into a temporary folder, served on 127.0.0.1, and one
shared headless Chromium for the browser tests (Debian's /usr/bin/chromium, never a download)."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hosting import serve, site_prefix

from evidence_site import pipeline
from evidence_site.records import Project
from evidence_site.write import write_site

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
    # Belt and braces for the "no request leaves 127.0.0.1" test: other hosts do not resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", REPO / "test-artifacts"))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built once per session (never into the repository).

    SITE_UNDER_TEST=DIR tests an already built folder instead (say, another branch's build).
    """
    if os.environ.get("SITE_UNDER_TEST"):
        return Path(os.environ["SITE_UNDER_TEST"]).resolve()
    out = tmp_path_factory.mktemp("real") / "site"
    write_site(pipeline.build(Project(REPO)).files, out)
    return out


@pytest.fixture(scope="session")
def page_paths(real_site: Path) -> list[str]:
    """Every built HTML page, as a path relative to the site root."""
    paths = sorted(p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html"))
    assert paths, "the real site has no pages"
    return paths


@pytest.fixture(scope="session")
def server() -> Callable[[Path], contextlib.AbstractContextManager[str]]:
    """serve(folder) for tests that need a site of their own."""
    return serve


@pytest.fixture(scope="session")
def base_url(real_site: Path) -> Iterator[str]:
    """The real site served on 127.0.0.1, under its path on its host, for the whole session."""
    with serve(real_site, site_prefix(real_site)) as url:
        yield url


def _unavailable(reason: str) -> None:
    """In CI a missing browser fails the run; on a developer's machine the tests are skipped."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests are required in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium shared by every browser test."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (python3 dev.py test installs it)")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go for a person to look at (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
