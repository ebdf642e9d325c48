"""Set up a private virtualenv with the pinned packages, then build the site or run the tests.

    python3 dev.py build [build.py options]   # e.g. python3 dev.py build --strict
    python3 dev.py test [pytest options]      # e.g. python3 dev.py test -k data
    python3 dev.py serve | new SLUG           # live preview; scaffold a summary (see README)
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def requirements(extras: list[str]) -> list[str]:
    """The exact pins from pyproject.toml: the runtime ones plus the named extras."""
    project = tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = list(project["dependencies"])
    for extra in extras:
        pins += project["optional-dependencies"][extra]
    return pins


def ensure_venv(extras: list[str]) -> None:
    """Create .venv and install the pins once; reinstall only when the pins change."""
    pins = requirements(extras)
    digest = hashlib.sha256("\n".join(pins).encode()).hexdigest()[:16]
    marker = VENV / f".installed-{digest}"
    if marker.exists():
        return
    if not PYTHON.exists():
        print(f"Creating {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installing pinned packages ...", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    *pins], check=True)
    marker.touch()


def main(argv: list[str]) -> int:
    """Dispatch to build or test inside the virtualenv."""
    if not argv or argv[0] not in ("build", "test", "serve", "new"):
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_venv(["test"] if command == "test" else [])
    if command == "build":
        return subprocess.call([str(PYTHON), str(HERE / "build.py"), *rest], cwd=HERE)
    if command in ("serve", "new"):
        return subprocess.call([str(PYTHON), str(HERE / "build.py"), command, *rest], cwd=HERE)
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=HERE)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
