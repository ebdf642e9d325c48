"""Live preview in a real browser: an edit reloads the open page; bad input shows an overlay."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import edit

from evidence_site.commands import serve
from evidence_site.records import Project

WAIT_MS = 20_000  # a rebuild of the fixture takes well under a second


@pytest.fixture
def preview(fixture_site: Path) -> Iterator[serve.Preview]:
    """The fixture project, built and served on a free port, watched for changes."""
    running = serve.start(Project(fixture_site), fixture_site / "site", port=0)
    yield running
    running.stop()


def test_browser_reloads_and_shows_problems_over_the_page(preview, fixture_site, browser):
    """Save a sentence: the open page reloads with it. Break the CSV: its problems cover the
    page, which still shows the last good build. Fix it: the page reloads, the overlay goes."""
    page = browser.new_page()
    page.goto(f"{preview.url}cladribine/")
    with page.expect_navigation(wait_until="load", timeout=WAIT_MS):
        edit(fixture_site, "content/cladribine.md", "## What the trial found",
             "## What the trial found, in a browser")
    assert "What the trial found, in a browser" in page.inner_text("main")

    edit(fixture_site, "data/cladribine-infections.csv", ",48.3,", ",48.3%,")
    overlay = page.wait_for_selector("#evidence-site-problems", timeout=WAIT_MS)
    assert overlay.get_attribute("role") == "alert"
    assert "data/cladribine-infections.csv:2: value is '48.3%'" in overlay.inner_text()
    assert "What the trial found, in a browser" in page.inner_text("main")

    with page.expect_navigation(wait_until="load", timeout=WAIT_MS):
        edit(fixture_site, "data/cladribine-infections.csv", ",48.3%,", ",48.3,")
    assert page.query_selector("#evidence-site-problems") is None
    page.close()
