"""Build the evidence site: data/ + content/ + templates/ -> site/.

    python build.py                      # build ./site from this folder
    python build.py --root ../my-site --out /tmp/site --strict
    python build.py stamp data/alemtuzumab-infections.csv   # after re-checking its figures
    python build.py serve --port 8000    # live preview on http://127.0.0.1:8000/
    python build.py new natalizumab-pml  # scaffold a new summary to fill in
    python build.py check [--out site]   # check the written site: links, HTML, charts, contrast
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from evidence_site import audit, data, scaffold, serve, stamp
from evidence_site.cache import default_workers
from evidence_site.records import Project
from evidence_site.runner import project_cache, run_build
from evidence_site.write import write_stamp


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["stamp"]:
        return stamp_command(argv[1:])
    if argv[:1] == ["serve"]:
        return serve.main(argv[1:])
    if argv[:1] == ["new"]:
        return scaffold.main(argv[1:])
    if argv[:1] == ["check"]:
        return check_command(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder")
    parser.add_argument("--out", type=Path, default=None, help="output folder (ROOT/site)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--no-cache", action="store_true",
                        help="ignore and do not update ROOT/.cache/ (same output, slower)")
    parser.add_argument("--jobs", type=int, default=default_workers(),
                        help="processes that draw new charts (default: one per CPU)")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="today, YYYY-MM-DD, for review-date checks (default: today)")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    out = args.out or args.root / "site"
    outcome = run_build(project, out, strict=args.strict, workers=args.jobs, today=args.date,
                        cache=project_cache(project, enabled=not args.no_cache))
    return outcome.exit_code


def check_command(argv: list[str]) -> int:
    """Check a written site: links, page basics, valid HTML, chart figures, colour contrast."""
    parser = argparse.ArgumentParser(prog="build.py check", description=check_command.__doc__)
    parser.add_argument("--out", type=Path, default=Path("site"), help="the site folder (site)")
    args = parser.parse_args(argv)
    if not args.out.is_dir():
        print(f"{args.out}/: no such folder; run python build.py first", file=sys.stderr)
        return 1
    files, refusal = audit.load_site(args.out)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    problems = audit.check_output(files)
    for problem in problems:
        print(problem, file=sys.stderr)
    pages = sum(1 for p in files if p.suffix == ".html")
    if problems:
        print(f"Check failed: {len(problems)} problem(s) in {pages} pages.", file=sys.stderr)
        return 1
    print(f"Checked {pages} pages in {args.out}/: no problems")
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
