"""`evidence-site init DIR`: a new site folder that builds strictly at once with the default theme.

Pure text makers plus main(); files are read in load_* and written only through write.py.
The files are evidence_site/starter/; its example figures are from Wray et al. 2018 (S1 in the
project's EVIDENCE.md), each with its exact quote.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import string
import sys
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from evidence_site.commands import stamp
from evidence_site.publish.write import write_scaffold
from evidence_site.read import data
from evidence_site.records import Project

STARTER = Path(__file__).resolve().parents[1] / "starter"
SLUG = "alemtuzumab-infections"
TODO = re.compile(r"^\s*([A-Za-z_]+)\s*=.*#\s*TODO:\s*(.*?)\s*$")


def load_starter() -> dict[PurePosixPath, str]:
    """The starter site's files (evidence_site/starter/), by path, without its own README."""
    return {PurePosixPath(p.relative_to(STARTER).as_posix()): p.read_text(encoding="utf-8")
            for p in sorted(STARTER.rglob("*")) if p.is_file() and p != STARTER / "README.md"}


def site_files(starter: Mapping[PurePosixPath, str], today: dt.date) -> dict[PurePosixPath, str]:
    """Every file of a new site: the starter's, dated today, with a fresh sidecar."""
    next_review = today.replace(year=today.year + 1, day=min(today.day, 28))
    files = {path: string.Template(text).safe_substitute(
                 published=today.isoformat(), next_review=next_review.isoformat())
             if path.suffix == ".md" and path.parts[0] == "content" else text
             for path, text in starter.items()}
    csv = PurePosixPath("data", f"{SLUG}.csv")
    sidecar, _ = stamp.stamped(None, data.sha256(files[csv].encode("utf-8")), today,
                               "Infections each year after alemtuzumab (Wray et al. 2018)",
                               "Example: check each figure against the source, then stamp it")
    return files | {csv.with_suffix(".meta.toml"): sidecar}


def load_placeholders(project: Project) -> list[tuple[int, str, str]]:
    """The settings in site.toml still marked `# TODO: what to do`, as (line, key, what to do)."""
    path = project.settings_file
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    return [(number, found.group(1), found.group(2)) for number, line in enumerate(lines, 1)
            if (found := TODO.match(line))]


def placeholder_notes(placeholders: list[tuple[int, str, str]]) -> list[str]:
    """One line per example setting left: the build prints these and still succeeds."""
    return [f"site.toml:{line}: {key} is an example value; {what}, and delete the # TODO "
            "comment before you publish (note)"
            for line, key, what in placeholders]


def load_folder(root: Path) -> list[str]:
    """What is already in the folder init would fill (it fills only a new or empty one)."""
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


def main(argv: list[str], command: str = "evidence-site") -> int:
    """`evidence-site init DIR`: create a site folder whose example summary builds at once."""
    parser = argparse.ArgumentParser(prog=f"{command} init", description=main.__doc__)
    parser.add_argument("dir", type=Path, help="the new site folder, e.g. my-site")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the example summary's publication date (default: today)")
    args = parser.parse_args(argv)
    if args.dir.exists() and not args.dir.is_dir():
        print(f"{args.dir}: is a file; choose a new folder name", file=sys.stderr)
        return 1
    if present := load_folder(args.dir):
        print(f"{args.dir}/: already has {', '.join(present[:3])}"
              f"{' ...' if len(present) > 3 else ''}; choose a new or empty folder",
              file=sys.stderr)
        return 1
    files = site_files(load_starter(), args.date)
    write_scaffold({args.dir / path: text for path, text in files.items()}, {})
    build = command if command.endswith("build.py") else f"{command} build"
    print(f"Created {args.dir}/ with site.toml, content/ (an about page and an example summary), "
          "data/ (its source, figures, sidecar and glossary), and templates/ and static/ for "
          "your own overrides of the default theme.")
    print(f"Next: cd {args.dir}, then `{command} serve` to preview it, or `{build} --strict`.")
    notes = placeholder_notes(load_placeholders(Project(args.dir)))
    print(f"Before you publish, replace the {len(notes)} example settings in site.toml "
          "(the build lists those left).")
    return 0
