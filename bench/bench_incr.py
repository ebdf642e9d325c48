"""Rebuild times at several sizes, in wall and CPU seconds: warm (nothing changed), one edit.

    .venv/bin/python bench/bench_incr.py --sizes 50 200 --runs 3        # this checkout
    .venv/bin/python bench/bench_incr.py --repo /work/main --sizes 50 200

Each size is a synthetic project (bench/synthetic.py) built cold once; then `runs` rounds of a
warm build and a one-edit build (bench/run.py's edit), each a fresh `python build.py` process.
CPU seconds (user + system, children included) are steadier than the clock on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from run import REPO, build, edit_synthetic
from synthetic import make_project


def main(argv: list[str] | None = None) -> int:
    """Measure and print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    print(f"{repo} · load average {', '.join(f'{x:.1f}' for x in os.getloadavg())} at start")
    print(f"  {'size':>6} {'cold cpu':>9} {'warm wall':>10} {'warm cpu':>9} {'edit wall':>10} "
          f"{'edit cpu':>9}   (medians of {args.runs})", flush=True)
    with tempfile.TemporaryDirectory(prefix="evidence-incr-") as tmp:
        where = args.keep or Path(tmp)
        for size in args.sizes:
            root = make_project(where / f"incr-{size}", size, 3, repo)
            cold = build(repo, root)
            warms, edits = [], []
            for _ in range(args.runs):
                warms.append(build(repo, root))
                edit_synthetic(root)
                edits.append(build(repo, root))
            med = {f"{kind}{field}": statistics.median(getattr(t, field) for t in runs)
                   for kind, runs in (("w", warms), ("e", edits)) for field in ("wall", "cpu")}
            print(f"  {size:>6} {cold.cpu:9.1f} {med['wwall']:10.2f} {med['wcpu']:9.2f} "
                  f"{med['ewall']:10.2f} {med['ecpu']:9.2f}", flush=True)
    print(f"  load average at end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
