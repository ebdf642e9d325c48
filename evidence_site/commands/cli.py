"""The `evidence-site` command (also `python -m evidence_site` and `python build.py`).

    evidence-site init my-site          # a new site folder that builds at once
    evidence-site build --strict        # build ./site from the current folder (the default)
    evidence-site serve --port 8000     # live preview on http://127.0.0.1:8000/
    evidence-site new natalizumab-pml   # scaffold a new summary to fill in
    evidence-site check                 # check the written site: links, HTML, charts, contrast
    evidence-site stamp data/alemtuzumab-infections.csv   # after re-checking its figures
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from evidence_site.present.converter import charts_drawn, default_workers, started_converter

# Each command imports the rest of the package when it runs: a cold build forks its converter
# before the package itself loads (its records and cache alone take a tenth of a second, its
# pipeline and libraries more), so vl-convert starts meanwhile.

# What a curator types to run this program: the installed command, or build.py in a checkout.
INSTALLED = "evidence-site"


def build_command(argv: list[str], command: str = INSTALLED) -> int:
    """Build the site: data/ + content/ (+ the site's own templates/ and static/) -> site/."""
    parser = argparse.ArgumentParser(prog=f"{command} build", description=build_command.__doc__)
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the site folder (default: the current folder)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (ROOT/site)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--no-cache", action="store_true",
                        help="ignore and do not update ROOT/.cache/ (same output, slower)")
    parser.add_argument("--jobs", type=int, default=default_workers(),
                        help="processes that draw new charts (default: one per CPU)")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="today, YYYY-MM-DD, for review-date checks (default: today)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    # Started before the package itself loads: a cold build draws every chart.
    with started_converter(args.jobs > 1 and (args.no_cache or not charts_drawn(root))
                           ) as converter:
        from evidence_site.commands.runner import project_cache, run_build
        from evidence_site.records import Project

        project = Project(root)

        cache = project_cache(project, enabled=not args.no_cache)
        outcome = run_build(project, args.out or args.root / "site", strict=args.strict,
                            workers=args.jobs, today=args.date, cache=cache,
                            publish_check=check_words(command), converter=converter)
    return outcome.exit_code


def check_command(argv: list[str], command: str = INSTALLED) -> int:
    """Check a written site: links, page basics, valid HTML, chart figures, colour contrast."""
    parser = argparse.ArgumentParser(prog=f"{command} check", description=check_command.__doc__)
    parser.add_argument("--out", type=Path, default=Path("site"), help="the site folder (site)")
    parser.add_argument("--publish", action="store_true",
                        help="also fail while site.toml holds example values or a summary has "
                        "no clinical reviewer")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the site folder whose site.toml and content/ --publish reads "
                        "(default: the current folder)")
    args = parser.parse_args(argv)
    from evidence_site.check import audit
    from evidence_site.publish import ready as publish
    from evidence_site.records import Project

    blockers = publish.load_blockers(Project(args.root.resolve())) if args.publish else []
    for line in publish.report(blockers) if args.publish else []:
        print(line, file=sys.stderr if blockers else sys.stdout)
    if not args.out.is_dir():
        print(f"{args.out}/: no such folder; run {build_words(command)} first", file=sys.stderr)
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
    return 1 if blockers else 0


def stamp_command(argv: list[str], command: str = INSTALLED) -> int:
    """Record that a dataset's figures were checked against its source today."""
    parser = argparse.ArgumentParser(prog=f"{command} stamp", description=stamp_command.__doc__)
    parser.add_argument("csv", type=Path, help="the dataset, e.g. data/alemtuzumab-infections.csv")
    parser.add_argument("--checked", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the date you checked the figures (default: today)")
    parser.add_argument("--title", help="dataset title (needed the first time)")
    parser.add_argument("--curator", help="who checked it (needed the first time)")
    args = parser.parse_args(argv)
    from evidence_site.commands import stamp
    from evidence_site.publish.write import write_stamp
    from evidence_site.read import data

    if not args.csv.is_file():
        print(f"{args.csv}: no such file", file=sys.stderr)
        return 1
    sidecar = args.csv.with_suffix(".meta.toml")
    old = sidecar.read_text(encoding="utf-8") if sidecar.exists() else None
    raw = args.csv.read_bytes()
    text, problem = stamp.stamped(old, data.sha256(raw), args.checked, args.title, args.curator)
    if problem:
        print(f"{sidecar}: {problem}", file=sys.stderr)
        return 1
    sources, source_errors = data.load_sources(args.csv.parent, args.csv.parent)
    if refused := stamp.refusal(args.csv, raw, text, None if source_errors else sources):
        print("\n".join(refused), file=sys.stderr)
        return 1
    write_stamp(sidecar, text)
    print(f"Stamped {sidecar}: checked = {args.checked}")
    return 0


def check_words(command: str) -> str:
    """How to run the check with this command: `evidence-site check` or `python build.py check`."""
    return f"{command} check"


def build_words(command: str) -> str:
    """How to run a build with this command: `evidence-site build` or `python build.py`."""
    return command if command.endswith("build.py") else f"{command} build"


def serve_command(argv: list[str], command: str = INSTALLED) -> int:
    """The live preview (commands/serve.py)."""
    from evidence_site.commands import serve

    return serve.main(argv, command)


def new_command(argv: list[str], command: str = INSTALLED) -> int:
    """A new summary to fill in (commands/scaffold.py)."""
    from evidence_site.commands import scaffold

    return scaffold.main(argv, command)


def init_command(argv: list[str], command: str = INSTALLED) -> int:
    """A new site folder (commands/init.py)."""
    from evidence_site.commands import init

    return init.main(argv, command)


Command = Callable[[list[str], str], int]
COMMANDS: dict[str, tuple[str, Command]] = {
    "build": ("build the site into ROOT/site (the default command)", build_command),
    "serve": ("live preview on http://127.0.0.1:8000/, rebuilt on every save", serve_command),
    "new": ("scaffold a new summary to fill in: new SLUG", new_command),
    "check": ("check the written site: links, HTML, charts, contrast", check_command),
    "stamp": ("record that a dataset's figures were checked against its source", stamp_command),
    "init": ("create a new site folder that builds at once: init DIR", init_command),
}


def usage(command: str) -> str:
    """The text of `evidence-site --help`: every command, one line each."""
    width = max(map(len, COMMANDS))
    lines = [f"usage: {command} [COMMAND] [options]", "",
             "Build and preview an evidence site: data/ + content/ -> site/, with the default "
             "theme", "(a file in the site's templates/ or static/ replaces the theme's file of "
             "the same name).", "", "commands:"]
    lines += [f"  {name:<{width}}  {about}" for name, (about, _) in COMMANDS.items()]
    lines += ["", f"With no command, {command} builds. --root (the site folder) defaults to the "
              "current folder.", f"Run '{command} COMMAND --help' for a command's options."]
    return "\n".join(lines)


# Objects made before the cycle collector's youngest generation is scanned (Python's default is
# 700): a build makes millions (imports, Altair's schema objects, Jinja's trees) and frees almost
# all of them by reference count, so scanning every 700 cost a cold build 0.06 s.
COLLECT_AFTER = 100_000


def main(argv: list[str] | None = None, command: str = INSTALLED) -> int:
    """Run one command line; return the exit code."""
    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] in (["-h"], ["--help"]):
        print(usage(command))
        return 0
    if not argv or argv[0] not in COMMANDS:
        if argv and not argv[0].startswith("-"):
            print(f"{command}: unknown command {argv[0]!r}; use one of "
                  f"{', '.join(COMMANDS)} (see {command} --help)", file=sys.stderr)
            return 2
        argv = ["build", *argv]
    return COMMANDS[argv[0]][1](argv[1:], command)


def run(argv: list[str] | None = None, command: str = INSTALLED) -> NoReturn:
    """The entry point of the installed command and build.py: main, then exit at once."""
    code = main(argv, command)
    sys.stdout.flush()
    sys.stderr.flush()
    # Every file is written and closed by now; tearing the interpreter down (freeing Altair's
    # thousands of schema classes one by one) would add a tenth of a second to every build.
    os._exit(code)

