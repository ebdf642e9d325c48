"""The build benchmark in one command: cold build against its vl-convert floor, rebuilds, scale.

    .venv/bin/python bench/run.py                      # real site: floor, cold, warm, one edit
    .venv/bin/python bench/run.py --runs 5             # more paired rounds (medians are shown)
    .venv/bin/python bench/run.py --sizes 50 200 1000  # also synthetic projects (1,000 is slow)
    .venv/bin/python bench/run.py --repo /tmp/old      # measure another checkout's code

The floor is what no build of this site can beat: a fresh Python that imports vl-convert and makes
exactly the conversions the real build makes (recorded from one build, then replayed). Each round
runs the floor and a cold build back to back (their order alternating), so both meet the same load
on a shared machine; the ratio is the median of the rounds' ratios. Cold is a fresh copy of the
project with no .cache/, built by `python build.py` in a fresh process; warm builds it again with
nothing changed; one edit adds a sentence to one page first. "cpu" is user + system time of the
process and its children (steadier than the clock when other work shares the machine).
Projects live in a temporary folder; nothing is written inside the repository.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from synthetic import make_project

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FLAGSHIP = "alemtuzumab-infections"
TARGET_RATIO = 2.0
PROJECT_PARTS = ("content", "data", "templates", "static")

# Runs build.py in this process with every vl-convert function recording its arguments.
RECORD = """
import os, pickle, runpy, sys
import vl_convert
calls = []
def recording(name, function):
    def call(*args, **kwargs):
        calls.append((name, args, kwargs))
        return function(*args, **kwargs)
    return call
for name in dir(vl_convert):
    if name.endswith(("_to_svg", "_to_png", "_to_vega", "_to_jpeg", "_to_pdf")):
        setattr(vl_convert, name, recording(name, getattr(vl_convert, name)))
build, root, record = sys.argv[1:4]
sys.argv = [build, "--root", root, "--jobs", "1"]
sys.path.insert(0, os.path.dirname(build))
try:
    runpy.run_path(build, run_name="__main__")
except SystemExit as e:
    if e.code:
        raise
with open(record, "wb") as handle:
    pickle.dump(calls, handle)
"""
# The floor: import vl-convert and make the recorded conversions, nothing else.
REPLAY = """
import pickle, sys
with open(sys.argv[1], "rb") as handle:
    calls = pickle.load(handle)
import vl_convert
for name, args, kwargs in calls:
    getattr(vl_convert, name)(*args, **kwargs)
"""


@dataclass(frozen=True)
class Timed:
    """One process: wall-clock and CPU seconds, peak memory, its last line of output."""

    wall: float
    cpu: float
    peak_mb: float
    last_line: str


def run(command: list[str], cwd: Path) -> Timed:
    """Run a fresh process to the end; time it (CPU includes its children)."""
    # Output goes to files, not pipes: a build prints more than a pipe holds while we wait.
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, text=True, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read(), stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{err}{out}")
    lines = out.strip().splitlines()
    return Timed(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                 lines[-1] if lines else "")


def build(repo: Path, root: Path) -> Timed:
    """`python build.py --root ROOT` from repo, in a fresh process."""
    return run([sys.executable, str(repo / "build.py"), "--root", str(root)], root)


def copy_site(repo: Path, root: Path) -> Path:
    """The real site's inputs in a new folder: no .cache/, no site/."""
    for name in PROJECT_PARTS:
        shutil.copytree(repo / name, root / name)
    shutil.copy(repo / "site.toml", root / "site.toml")
    return root


def folder_bytes(folder: Path) -> int:
    """Total size of the files under folder (0 if it does not exist)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def edit_flagship(root: Path, run_no: int) -> None:
    """Add a sentence to the flagship page (a different one on every run)."""
    page = root / "content" / f"{FLAGSHIP}.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + f"\nThe benchmark added this sentence{'!' * (run_no + 1)}\n",
                    encoding="utf-8")


def edit_synthetic(root: Path) -> None:
    """Change one sentence in one synthetic summary (differently every time)."""
    path = root / "content" / "synthetic-0000.md"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(Made-up people in a made-up study)([^\n]*)",
                  lambda m: f"{m.group(1)}, edited{'!' * (m.group(2).count('!') + 1)}", text)
    path.write_text(text, encoding="utf-8")


def record_conversions(repo: Path, tmp: Path) -> tuple[Path, int]:
    """Build a fresh copy once, recording every vl-convert call; the record and its length."""
    root = copy_site(repo, tmp / "record")
    record = tmp / "conversions.pickle"
    run([sys.executable, "-c", RECORD, str(repo / "build.py"), str(root), str(record)], root)
    with record.open("rb") as handle:
        return record, len(pickle.load(handle))


def real_site(repo: Path, runs: int, tmp: Path) -> list[str]:
    """Paired rounds of floor and cold build, then warm and one-edit rebuilds; report lines."""
    record, conversions = record_conversions(repo, tmp)
    floors, colds, warms, edits = [], [], [], []
    cache_sizes = []
    for round_no in range(runs):
        root = copy_site(repo, tmp / f"cold-{round_no}")
        floor = lambda: run([sys.executable, "-c", REPLAY, str(record)], tmp)  # noqa: E731
        if round_no % 2:
            cold = build(repo, root)
            floors.append(floor())
        else:
            floors.append(floor())
            cold = build(repo, root)
        colds.append(cold)
        warms.append(build(repo, root))
        edit_flagship(root, round_no)
        edits.append(build(repo, root))
        cache_sizes.append(folder_bytes(root / ".cache"))
        shutil.rmtree(root)
    ratios = [c.wall / f.wall for c, f in zip(colds, floors, strict=True)]
    ratio = statistics.median(ratios)
    rows = [
        (f"vl-convert floor ({conversions} conversions, fresh Python)", floors),
        ("cold build, real site (fresh copy, fresh process)", colds),
        ("warm build (nothing changed)", warms),
        ("one-edit build (a sentence added to the flagship)", edits),
    ]
    lines = [f"Real site, {runs} paired rounds (median wall s, median cpu s, peak MB):"]
    lines += [f"  {label:<52} {median(t, 'wall'):6.2f} s {median(t, 'cpu'):6.2f} cpu "
              f"{median(t, 'peak_mb'):5.0f} MB" for label, t in rows]
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    lines.append(f"  {'cold / floor (median of the rounds)':<52} {ratio:6.2f} x   (target <= "
                 f"{TARGET_RATIO:g} x: {verdict}; rounds: "
                 f"{', '.join(f'{r:.2f}' for r in ratios)})")
    cpu_ratios = [c.cpu / f.cpu for c, f in zip(colds, floors, strict=True)]
    lines.append(f"  {'cold / floor in cpu seconds (steadier when shared)':<52} "
                 f"{statistics.median(cpu_ratios):6.2f} x   (rounds: "
                 f"{', '.join(f'{r:.2f}' for r in cpu_ratios)})")
    lines.append(f"  {'.cache/ after the one-edit build':<52} "
                 f"{statistics.median(cache_sizes) / 1e6:6.2f} MB")
    lines.append(f"  last line of a warm build: {warms[-1].last_line}")
    return lines


def median(runs: list[Timed], field: str) -> float:
    """The median of one field over several runs."""
    return statistics.median(getattr(t, field) for t in runs)


def scale_point(repo: Path, size: int, charts: int, tmp: Path) -> str:
    """Cold, warm and one-edit builds of a synthetic project (one run each); one line."""
    root = make_project(tmp / f"scale-{size}", size, charts, repo)
    cold = build(repo, root)
    cold_cache = folder_bytes(root / ".cache")
    warm = build(repo, root)
    edit_synthetic(root)
    edit = build(repo, root)
    cache = folder_bytes(root / ".cache")
    shutil.rmtree(root)
    return (f"  {size:>6} {cold.wall:8.1f} {cold.cpu:8.1f} {1000 * cold.wall / size:7.0f} "
            f"{warm.wall:7.2f} {edit.wall:7.2f} {cold_cache / 1e6:9.1f} {cache / 1e6:9.1f} "
            f"{max(cold.peak_mb, warm.peak_mb, edit.peak_mb):7.0f}")


def main(argv: list[str] | None = None) -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="paired rounds on the real site")
    parser.add_argument("--sizes", type=int, nargs="*", default=[],
                        help="synthetic project sizes to build too (e.g. 50 200 1000)")
    parser.add_argument("--charts", type=int, default=3, help="charts per synthetic summary")
    parser.add_argument("--repo", type=Path, default=REPO,
                        help="the checkout whose build.py and project to measure")
    parser.add_argument("--no-real", action="store_true", help="only the synthetic sizes")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    print(f"{repo} · Python {sys.version.split()[0]} · {os.cpu_count()} CPUs · load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} at start", flush=True)
    with tempfile.TemporaryDirectory(prefix="evidence-bench-") as tmp:
        if not args.no_real:
            print("\n".join(real_site(repo, args.runs, Path(tmp))), flush=True)
        if args.sizes:
            print(f"Synthetic summaries, {args.charts} charts each (one run each; seconds):\n"
                  f"  {'size':>6} {'cold':>8} {'cpu':>8} {'ms/summ':>7} {'warm':>7} "
                  f"{'1 edit':>7} {'cache MB':>9} {'after ed':>9} {'peak MB':>7}", flush=True)
            for size in args.sizes:
                print(scale_point(repo, size, args.charts, Path(tmp)), flush=True)
    print(f"Load average at end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
