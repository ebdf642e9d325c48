"""The real site, built once per session into a temporary folder, served on 127.0.0.1, and one
shared headless Chromium for the browser tests (Debian's /usr/bin/chromium, never a download)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import browser_unavailable, chromium
from hosting import serve, site_prefix

REPO = Path(__file__).resolve().parents[2]
CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
    # Belt and braces for the "no request leaves 127.0.0.1" test: other hosts do not resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", REPO / "test-artifacts"))


@pytest.fixture(scope="session")
def real_site(request: pytest.FixtureRequest) -> Path:
    """The repository's own site as written once per session (tests/conftest.py real_folder).

    SITE_UNDER_TEST=DIR tests an already built folder instead (say, another branch's build).
    """
    if os.environ.get("SITE_UNDER_TEST"):
        return Path(os.environ["SITE_UNDER_TEST"]).resolve()
    return request.getfixturevalue("real_folder")


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


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium shared by every browser test."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("playwright is not installed (python3 dev.py test installs it)")
    executable = chromium()
    with sync_playwright() as playwright:
        chromium_ = playwright.chromium.launch(executable_path=executable, args=CHROME_FLAGS)
        yield chromium_
        chromium_.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go for a person to look at (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
