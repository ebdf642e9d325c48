"""Build the evidence site: data/ + content/ (+ templates/, static/ overrides) -> site/.

    python build.py                      # build ./site from this folder
    python build.py --root ../my-site --out /tmp/site --strict
    python build.py stamp data/alemtuzumab-infections.csv   # after re-checking its figures
    python build.py serve --port 8000    # live preview on http://127.0.0.1:8000/
    python build.py new natalizumab-pml  # scaffold a new summary to fill in
    python build.py check [--out site]   # check the written site: links, HTML, charts, contrast
    python build.py --help               # every command (the same as `evidence-site`)

The code is evidence_site/commands/cli.py; this file is the checkout's entry point to it.
"""

from __future__ import annotations

import importlib.util
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMAND = "python build.py"
NO_PACKAGING_TOOL = (
    "python -m build: the packaging tool 'build' is not installed, and this folder's build.py "
    "is not it (it builds the site: python build.py). Install the tool with "
    "`python -m pip install build`, or make a wheel with `python -m pip wheel --no-deps .`"
)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    from evidence_site.commands import (
        cli,  # here, so `python -m build` needs none of the site's packages
    )

    return cli.main(argv, COMMAND)


def run_packaging_tool() -> int:
    """`python -m build` in this folder means the packaging tool, not this file: run that."""
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    sys.modules.pop("build", None)
    if importlib.util.find_spec("build") is None:
        print(NO_PACKAGING_TOOL, file=sys.stderr)
        return 1
    runpy.run_module("build", run_name="__main__", alter_sys=True)
    return 0


if __name__ == "__main__":
    if __spec__ is not None and __spec__.name == "build":
        sys.exit(run_packaging_tool())
    from evidence_site.commands import cli

    cli.run(None, COMMAND)
