"""The code keeps the house style: ruff's lint rules from pyproject.toml pass on the whole repo."""

from __future__ import annotations

import subprocess
import sys

from helpers import REPO


def test_ruff_finds_nothing() -> None:
    """A lint problem fails the suite, so it is fixed in the change that made it."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(REPO)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
