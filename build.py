"""Build the evidence site: data/ + content/ + templates/ -> site/.

    python build.py                      # build ./site from this folder
    python build.py --root ../my-site --out /tmp/site --strict
    python build.py stamp data/alemtuzumab-infections.csv   # after re-checking its figures
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from evidence_site import data, pipeline, stamp
from evidence_site.errors import BuildError
from evidence_site.records import Project
from evidence_site.write import write_site, write_stamp


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["stamp"]:
        return stamp_command(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder")
    parser.add_argument("--out", type=Path, default=None, help="output folder (ROOT/site)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    args = parser.parse_args(argv)
    out = args.out or args.root / "site"
    started = time.perf_counter()
    try:
        site = pipeline.build(Project(args.root.resolve()), strict=args.strict)
    except BuildError as e:
        for error in e.errors:
            print(error, file=sys.stderr)
        print(f"Build failed: {e}. {out}/ was not changed.", file=sys.stderr)
        return 1
    for warning in site.warnings:
        print(f"{warning} (warning)", file=sys.stderr)
    write_site(site.files, out)
    pages = sum(1 for p in site.files if p.suffix == ".html")
    print(f"Wrote {len(site.files)} files ({pages} pages) to {out}/ with "
          f"{len(site.warnings)} warning(s) in {time.perf_counter() - started:.2f} s")
    return 0


def stamp_command(argv: list[str]) -> int:
    """Record that a dataset's figures were checked against its source today."""
    parser = argparse.ArgumentParser(prog="build.py stamp", description=stamp_command.__doc__)
    parser.add_argument("csv", type=Path, help="the dataset, e.g. data/alemtuzumab-infections.csv")
    parser.add_argument("--checked", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the date you checked the figures (default: today)")
    parser.add_argument("--title", help="dataset title (needed the first time)")
    parser.add_argument("--curator", help="who checked it (needed the first time)")
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        print(f"{args.csv}: no such file", file=sys.stderr)
        return 1
    sidecar = args.csv.with_suffix(".meta.toml")
    old = sidecar.read_text(encoding="utf-8") if sidecar.exists() else None
    text, problem = stamp.stamped(old, data.sha256(args.csv.read_bytes()), args.checked,
                                  args.title, args.curator)
    if problem:
        print(f"{sidecar}: {problem}", file=sys.stderr)
        return 1
    write_stamp(sidecar, text)
    print(f"Stamped {sidecar}: checked = {args.checked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
