"""Set up a private virtualenv with the locked packages, then build the site or run the tests.

    python3 dev.py build [options]       # e.g. python3 dev.py build --strict
    python3 dev.py test [pytest options] # e.g. python3 dev.py test -k data (-n 0: one process)
    python3 dev.py serve | new SLUG | check | stamp CSV | init DIR   # see python build.py --help
    python3 dev.py lock                  # re-resolve constraints.txt from pyproject.toml's pins
    python3 dev.py theme                 # compile the default theme's templates ahead, again

The virtualenv (.venv) gets this project (editable) and every package it needs at the exact
versions in constraints.txt; it is reinstalled only when pyproject.toml or constraints.txt
changes. Site commands run in the current folder, like `evidence-site`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
LOCK = HERE / "constraints.txt"
BIN = "Scripts" if os.name == "nt" else "bin"
PYTHON = VENV / BIN / ("python.exe" if os.name == "nt" else "python")
SITE_COMMANDS = ("build", "serve", "new", "check", "stamp", "init")
PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check")
# pytest-xdist processes for `dev.py test` unless -n is given: measured on 2 CPU cores, where the
# suite is CPU-bound; each process builds its own session fixtures (the real site, one Chromium).
TEST_PROCESSES = ("-n", "2")
COMPILED = HERE / "evidence_site" / "theme" / "compiled"
# Writes the theme's templates compiled (render.compiled_theme) into COMPILED, in the venv.
COMPILE_THEME = """
import pathlib, sys
from evidence_site.present import render
folder = pathlib.Path(sys.argv[1])
modules = render.compiled_theme(render.make_env(folder / "no-site-templates"))
for old in folder.glob("*.py"):
    if old.name != "__init__.py" and old.name not in modules:
        old.unlink()
for name, text in modules.items():
    (folder / name).write_text(text, encoding="utf-8", newline="\\n")
print(f"Wrote {len(modules)} compiled templates in {folder}")
"""
LOCK_HEADER = """\
# Every package the site and its tests use, at the exact version (pip freeze of a clean venv).
# Installed with: python -m pip install -c constraints.txt -e ".[test]"  (python3 dev.py does it)
# Regenerate after changing a pin in pyproject.toml: python3 dev.py lock  (review the diff and
# the golden output: tests/golden/ depends on some of these).
"""


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project with the locked packages; again only on a change."""
    digest = hashlib.sha256((HERE / "pyproject.toml").read_bytes() + LOCK.read_bytes())
    marker = VENV / f".installed-{digest.hexdigest()[:16]}{'-test' if extras else ''}"
    if marker.exists() or VENV.joinpath(f"{marker.name}-test").exists():  # test has it all
        return
    if not PYTHON.exists():
        print(f"Creating {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    print(f"Installing this project and the packages locked in {LOCK.name} ...", flush=True)
    subprocess.run([str(PYTHON), *PIP, "-c", str(LOCK), "-e", f"{HERE}{extras}"], check=True)
    for old in VENV.glob(".installed-*"):
        old.unlink()
    marker.touch()


def lock() -> int:
    """Resolve pyproject.toml's pins afresh in a clean virtualenv; write what it holds."""
    with tempfile.TemporaryDirectory() as folder:
        python = Path(folder) / BIN / PYTHON.name
        venv.create(folder, with_pip=True)
        print("Resolving pyproject.toml's pins in a clean virtualenv ...", flush=True)
        subprocess.run([str(python), *PIP, f"{HERE}[test]"], check=True)
        frozen = subprocess.run([str(python), "-m", "pip", "freeze", "--exclude", "evidence-site"],
                                check=True, capture_output=True, text=True).stdout
    LOCK.write_text(LOCK_HEADER + frozen, encoding="utf-8")
    print(f"Wrote {LOCK.name}: {len(frozen.splitlines())} packages")
    return 0


def main(argv: list[str]) -> int:
    """Dispatch to a site command, the tests or lock, inside the virtualenv."""
    if not argv or argv[0] not in (*SITE_COMMANDS, "test", "lock", "theme"):
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "lock":
        return lock()
    ensure_venv("[test]" if command == "test" else "")
    if command == "theme":
        return subprocess.call([str(PYTHON), "-c", COMPILE_THEME, str(COMPILED)], cwd=HERE)
    if command == "test":
        # -n/--dist choose for themselves; --pdb needs the tests in this one process.
        one = any(a.startswith(("-n", "--numprocesses", "--dist", "--pdb")) for a in rest)
        processes = () if one or "no:xdist" in rest else TEST_PROCESSES
        return subprocess.call([str(PYTHON), "-m", "pytest", *processes, *rest], cwd=HERE)
    return subprocess.call([str(PYTHON), str(HERE / "build.py"), command, *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
