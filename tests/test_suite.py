"""Rules of the test suite itself: one rule for browser tests in CI, a time limit on every test."""

from __future__ import annotations

import pytest
from helpers import browser_unavailable, chromium


@pytest.mark.parametrize("ci", ["true", "1"])
def test_missing_browser_fails_in_ci(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    """With CI set, a browser test without its browser fails the run instead of skipping."""
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="browser tests are required in CI: gone"):
        browser_unavailable("gone")


def test_missing_browser_skips_on_a_developers_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without CI, the same test is skipped with its reason."""
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="gone"):
        browser_unavailable("gone")


def test_chromium_follows_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """chromium() (used by every browser test) applies the rule when the binary is missing."""
    monkeypatch.setattr("helpers.CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no Chromium at /nonexistent/chromium"):
        chromium()


def test_every_test_has_a_time_limit(pytestconfig: pytest.Config) -> None:
    """pytest-timeout's limit is set in pyproject.toml, so a hung test fails the run."""
    assert float(pytestconfig.getini("timeout")) == 300
