"""Scale benchmark: build 10, 100 and 1,000 synthetic summaries (three charts each) and time
a cold build, a warm rebuild (nothing changed) and a one-file-edit rebuild; then time how long
a one-sentence edit on the real site takes to appear in a browser in serve mode.

    python bench/bench_scale.py                   # everything (the 1,000 cold build takes minutes)
    python bench/bench_scale.py --sizes 10 100    # quicker
    python bench/bench_scale.py --no-browser      # skip the serve-mode measurement

Each build runs as `python build.py` in a fresh process, so times include starting Python and
importing the libraries, as a curator sees them. "wall" is the clock; "cpu" is user + system time of
the build and its chart workers, which says more than the clock on a busy shared machine. Peak
memory is the largest resident set of the build process or of any chart worker it started.
Projects are written to bench/out/ (gitignored).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from synthetic import copy_shared, make_project

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
BUILD = REPO / "build.py"
CHROMIUM = "/usr/bin/chromium"
TARGET_PAGES_PER_SECOND = 300
TARGET_EDIT_MS = 300
_SUMMARY = re.compile(r"Built .*: (\d+) pages?, (\d+) charts? rendered, (\d+) reused, "
                      r"(\d+) warnings?, ([\d.]+) s")


@dataclass(frozen=True)
class Run:
    """One timed build."""

    summaries: int
    kind: str
    wall: float
    cpu: float
    build: float
    pages: int
    rendered: int
    reused: int
    peak_mb: float


def timed_build(root: Path, summaries: int, kind: str) -> Run:
    """Run `python build.py --root ROOT` in a new process; time it and read its summary line."""
    # Output goes to files, not pipes: a build prints more than a pipe holds while we wait.
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, str(BUILD), "--root", str(root)],
                                   stdout=stdout, stderr=stderr, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read(), stderr.read()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build of {root} failed:\n{err}")
    found = _SUMMARY.search(out.strip().splitlines()[-1])
    if not found:
        raise SystemExit(f"no summary line in:\n{out}")
    pages, rendered, reused, _, seconds = found.groups()
    cpu = usage.ru_utime + usage.ru_stime  # of the build process and its chart workers
    return Run(summaries, kind, wall, cpu, float(seconds), int(pages), int(rendered),
               int(reused), usage.ru_maxrss / 1024)


def edit_one_file(root: Path) -> None:
    """Change one sentence in one summary, as a curator would (differently every time)."""
    path = root / "content" / "synthetic-0000.md"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(Made-up people in a made-up study)([^\n]*)",
                  lambda m: f"{m.group(1)}, edited{'!' * (m.group(2).count('!') + 1)}", text)
    path.write_text(text, encoding="utf-8")


def measure_size(summaries: int, *, reuse: bool = False) -> list[Run]:
    """Cold, warm and one-edit builds of one synthetic project.

    With reuse, an existing project is kept and its cold build skipped; one unreported build
    first brings its cache up to date with the current code.
    """
    root = OUT / f"scale-{summaries}"
    if reuse and root.is_dir():
        copy_shared(root)  # the code may need newer templates than the project was made with
        timed_build(root, summaries, "prime")
        runs = []
    else:
        make_project(root, summaries)
        runs = [timed_build(root, summaries, "cold")]
    runs.append(timed_build(root, summaries, "warm"))
    edit_one_file(root)
    runs.append(timed_build(root, summaries, "one edit"))
    return runs


def table(runs: list[Run]) -> str:
    """The results as a fixed-width table."""
    head = (f"{'summaries':>9} {'build':>9} {'pages':>6} {'wall s':>8} {'cpu s':>8} "
            f"{'in-proc s':>9} {'pages/s':>8} {'ms/page':>8} {'cpu ms/page':>11} "
            f"{'charts drawn/reused':>20} {'peak MB':>8}")
    lines = [head, "-" * len(head)]
    for r in runs:
        lines.append(f"{r.summaries:>9} {r.kind:>9} {r.pages:>6} {r.wall:>8.2f} {r.cpu:>8.2f} "
                     f"{r.build:>9.2f} {r.pages / r.wall:>8.0f} {1000 * r.wall / r.pages:>8.2f} "
                     f"{1000 * r.cpu / r.pages:>11.2f} {f'{r.rendered}/{r.reused}':>20} "
                     f"{r.peak_mb:>8.0f}")
    return "\n".join(lines)


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def real_site_copy() -> Path:
    """A private copy of the real project, so edits never touch the repository."""
    root = OUT / "real-site"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name in ("content", "data", "templates", "static"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    return root


def plain_sentence(text: str) -> str:
    """The first line of body prose that is one plain sentence (no markup, no template code)."""
    body = text.split("\n---\n", 1)[1]
    for line in body.splitlines():
        if re.fullmatch(r"[A-Z][A-Za-z ,()'-]+\.", line.strip()):
            return line.strip()
    raise SystemExit("no plain sentence in the flagship summary to edit")


def measure_edit_to_browser(rounds: int) -> list[float]:
    """Milliseconds from saving a one-sentence edit to the reloaded page showing it."""
    from playwright.sync_api import sync_playwright

    root = real_site_copy()
    port = free_port()
    server = subprocess.Popen([sys.executable, str(BUILD), "serve", "--root", str(root),
                               "--port", str(port)], stdout=subprocess.PIPE, text=True)
    try:
        for line in server.stdout:  # type: ignore[union-attr]
            if line.startswith("Serving "):
                break
        content = root / "content" / "alemtuzumab-infections.md"
        original = content.read_text(encoding="utf-8")
        anchor = plain_sentence(original)
        times = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/alemtuzumab-infections/")
            for round_ in range(1, rounds + 1):
                sentence = f"{anchor} This sentence was added in edit {chr(96 + round_)}."
                time.sleep(0.5)  # let the watcher settle, as between a curator's saves
                with page.expect_navigation(wait_until="load", timeout=10_000):
                    started = time.perf_counter()
                    content.write_text(original.replace(anchor, sentence), encoding="utf-8")
                shown = sentence.split(anchor, 1)[1].strip() in page.content()
                times.append((time.perf_counter() - started) * 1000)
                if not shown:
                    raise SystemExit(f"round {round_}: the reloaded page lacks the edit")
            browser.close()
        return times
    finally:
        server.terminate()
        server.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--rounds", type=int, default=10, help="edit-to-browser repetitions")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--reuse", action="store_true",
                        help="keep existing projects in bench/out/ and skip their cold builds")
    parser.add_argument("--only-browser", action="store_true")
    args = parser.parse_args(argv)
    print(f"CPUs: {os.cpu_count()}; load average at start: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    runs: list[Run] = []
    for size in [] if args.only_browser else args.sizes:
        new = measure_size(size, reuse=args.reuse)
        runs += new
        print("\n".join(table(new).splitlines()[2:]), flush=True)
    if runs:
        report(runs, max(args.sizes))
    if not args.no_browser:
        times = measure_edit_to_browser(args.rounds)
        median = statistics.median(times)
        print(f"Edit to browser (real site, {len(times)} saves): median {median:.0f} ms, "
              f"min {min(times):.0f} ms, max {max(times):.0f} ms (target <= {TARGET_EDIT_MS} "
              f"ms): {'meets' if median <= TARGET_EDIT_MS else 'misses'}.")
    print(f"Load average at end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


def report(runs: list[Run], biggest: int) -> None:
    """The whole table and the verdict on the warm-rebuild target."""
    print()
    print(table(runs))
    warm = next(r for r in runs if r.summaries == biggest and r.kind == "warm")
    rate = warm.pages / warm.wall
    verdict = "meets" if rate >= TARGET_PAGES_PER_SECOND else (
        f"misses by {100 * (1 - rate / TARGET_PAGES_PER_SECOND):.0f}%")
    print(f"\nWarm rebuild of {biggest} summaries: {rate:.0f} pages/s by the clock, "
          f"{warm.pages / warm.cpu:.0f} pages per CPU second (target >= "
          f"{TARGET_PAGES_PER_SECOND} pages/s): {verdict}.")


if __name__ == "__main__":
    sys.exit(main())
