"""Benchmark the build: cold and warm times, a 200-summary project, and the flagship's weight.

bench/run.py is the one command for speed (floor, ratios, scale); this adds the page weight
and a profile of where a cold build's time goes.

    python bench/bench_build.py            # prints a table; writes nothing inside the repository
    python bench/bench_build.py --runs 5   # more runs per measurement (the median is shown)

Cold means a fresh copy of the project (no .cache/) built by a fresh Python process running
`build.py`, as on a fresh clone: interpreter start, imports, vl-convert's start-up and every chart
drawn. Rebuild means running `build.py` again after editing one page, with the .cache/ the cold
build left behind.
"""

from __future__ import annotations

import argparse
import gzip
import os
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from synthetic import make_project

REPO = Path(__file__).resolve().parent.parent
FLAGSHIP = "alemtuzumab-infections"
TARGET_PAGE_BYTES = 60 * 1024
TARGET_COLD_SECONDS = 2.0
SYNTHETIC_SUMMARIES = 200


def child_cpu() -> float:
    """CPU seconds (user + system) used so far by finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(root: Path, out: Path, cpu: list[float] | None = None) -> float:
    """Wall-clock seconds of `python build.py --root ROOT --out OUT` in a fresh process.

    The CPU seconds it used are appended to cpu: on a shared machine they vary less than
    the wall clock, which includes time spent waiting for a core.
    """
    cpu_before = child_cpu()
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=root,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build of {root} failed:\n{result.stderr}")
    if cpu is not None:
        cpu.append(child_cpu() - cpu_before)
    return elapsed


def python_output(code: str) -> str:
    """Run a snippet in a fresh interpreter in the repository; return its last line."""
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=REPO
    )
    return result.stdout.strip().splitlines()[-1]


def timed_python(code: str) -> float:
    """Wall-clock seconds of a fresh interpreter running code."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - started


STARTUP = "pass"
VL_START = """
import time, vl_convert
spec = {"data": {"values": [{"x": 1}]}, "mark": "point",
        "encoding": {"x": {"field": "x", "type": "quantitative"}}}
started = time.perf_counter()
vl_convert.vegalite_to_svg(spec)
first = time.perf_counter() - started
started = time.perf_counter()
vl_convert.vegalite_to_svg(spec)
print(first - (time.perf_counter() - started))
"""
# (file name, function) -> what it is, for the profile of one cold build. Missing ones are skipped.
STAGES = (
    (("build.py", "main"), "whole build (build.py main)"),
    (("<frozen importlib._bootstrap>", "_find_and_load"), "importing modules, wherever it happens"),
    (("pipeline.py", "read_inputs"), "reading and checking the inputs"),
    (("drawing.py", "render_charts"), "drawing the charts (Altair, then vl-convert)"),
    (("~", "<built-in method vl_convert.vl_convert.vegalite_to_svg>"), "  of which vl-convert"),
    (("pipeline.py", "render_page"), "rendering the pages (prose, templates)"),
    (("readability.py", "measure_site"), "readability report"),
    (("check.py", "check_site"), "checking links and pages"),
    (("write.py", "write_site"), "writing site/"),
)


def profile_cold_build(root: Path, stats_file: Path) -> list[tuple[str, float]]:
    """Cumulative seconds per stage of one cold build run under cProfile in a fresh process."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(stats_file),
            str(REPO / "build.py"),
            "--root",
            str(root),
        ],
        check=True,
        capture_output=True,
        cwd=root,
    )
    cumulative = {
        (Path(f).name, name): row[3]
        for (f, _, name), row in pstats.Stats(str(stats_file)).stats.items()
    }
    return [(label, cumulative[key]) for key, label in STAGES if key in cumulative]


def median_of(runs: int, measure: Callable[[], float]) -> float:
    """The median of several runs of one measurement."""
    return statistics.median(measure() for _ in range(runs))


def copy_project(root: Path) -> Path:
    """The real site's inputs in a new folder: no .cache/, no site/."""
    for name in ("content", "data", "templates", "static"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    return root


def cold_build(tmp_dir: Path, run: int, cpu: list[float]) -> float:
    """Build a fresh copy of the real site; return wall seconds."""
    root = copy_project(tmp_dir / f"cold-{run}")
    return timed_build(root, root / "site", cpu)


def rebuild(root: Path, run: int) -> float:
    """Add a sentence to the flagship page, then build again with the existing cache."""
    page = root / "content" / f"{FLAGSHIP}.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nThe benchmark added this sentence." * (run + 1), encoding="utf-8")
    return timed_build(root, root / "site")


class _Stylesheets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split():
            self.hrefs.append(values.get("href") or "")


def page_weight(site: Path, slug: str) -> dict[str, int]:
    """Bytes of the page's HTML (inline SVG included), its inline SVG alone, and its CSS."""
    page = site / slug / "index.html"
    html = page.read_text(encoding="utf-8")
    parser = _Stylesheets()
    parser.feed(html)
    sheets = [(page.parent / href).resolve().read_bytes() for href in parser.hrefs]
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    return {
        "html": len(html.encode()),
        "svg": sum(len(m.encode()) for m in svgs),
        "svgs": len(svgs),
        "css": sum(map(len, sheets)),
        "stylesheets": len(sheets),
        # What a server sending gzip transfers (each file compressed on its own).
        "gzip": sum(len(gzip.compress(b, mtime=0)) for b in [html.encode(), *sheets]),
    }


def rebuild_synthetic(root: Path) -> float:
    """Add a sentence to one synthetic summary, then build again with the cache."""
    page = sorted((root / "content").glob("synthetic-*.md"))[0]
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nThe benchmark added this sentence.\n", encoding="utf-8")
    return timed_build(root, root / "site")


def measure(runs: int) -> list[tuple[str, str, str, str]]:
    """Run every measurement; return the table's rows."""
    with tempfile.TemporaryDirectory(prefix="evidence-bench-") as tmp:
        tmp_dir = Path(tmp)
        cold_cpu: list[float] = []
        cold = statistics.median(cold_build(tmp_dir, run, cold_cpu) for run in range(runs))
        warm_root = tmp_dir / "cold-0"
        weight = page_weight(warm_root / "site", FLAGSHIP)
        again = statistics.median(rebuild(warm_root, run) for run in range(runs))
        synthetic = tmp_dir / "synthetic"
        make_project(synthetic, SYNTHETIC_SUMMARIES)
        big_cpu: list[float] = []
        big = timed_build(synthetic, synthetic / "site", big_cpu)
        pages = len(list((synthetic / "site").glob("*/index.html")))
        big_again = rebuild_synthetic(synthetic)
        profile = profile_cold_build(copy_project(tmp_dir / "profiled"), tmp_dir / "cold.prof")
    startup = median_of(runs, lambda: timed_python(STARTUP))
    vl_start = median_of(runs, lambda: float(python_output(VL_START)))
    total = weight["html"] + weight["css"]
    n = SYNTHETIC_SUMMARIES
    return [
        (
            "Cold build, real site (fresh copy, fresh process)",
            f"{cold:.2f} s",
            f"<= {TARGET_COLD_SECONDS:.1f} s",
            "met" if cold <= TARGET_COLD_SECONDS else "MISSED",
        ),
        (
            "  CPU time of that build (user + system)",
            f"{statistics.median(cold_cpu):.2f} s",
            "",
            "",
        ),
        ("Rebuild after editing one page (fresh process, cache kept)", f"{again:.2f} s", "", ""),
        (
            f"Cold build, {n} synthetic summaries ({pages} pages)",
            f"{big:.1f} s",
            f"{big / n * 1000:.0f} ms/summary",
            "",
        ),
        ("  CPU time of that build (user + system, all processes)", f"{big_cpu[0]:.1f} s", "", ""),
        ("  rebuild after editing one of them", f"{big_again:.2f} s", "", ""),
        ("Flagship page: HTML incl. inline SVG", f"{weight['html'] / 1024:.1f} KB", "", ""),
        (
            f"  of which inline SVG ({weight['svgs']} charts)",
            f"{weight['svg'] / 1024:.1f} KB",
            "",
            "",
        ),
        (
            f"  + linked CSS ({weight['stylesheets']} files)",
            f"{weight['css'] / 1024:.1f} KB",
            "",
            "",
        ),
        (
            "Flagship page total",
            f"{total / 1024:.1f} KB",
            f"<= {TARGET_PAGE_BYTES // 1024} KB",
            "met" if total <= TARGET_PAGE_BYTES else "MISSED",
        ),
        (
            "  the same, gzip-compressed as most servers send it",
            f"{weight['gzip'] / 1024:.1f} KB",
            "",
            "",
        ),
        ("Python start-up (fresh process, no imports)", f"{startup:.2f} s", "", ""),
        (
            "vl-convert's first render minus its second (engine start-up)",
            f"{vl_start:.2f} s",
            "",
            "",
        ),
        (
            "Profile of one cold build (cumulative; steps overlap; slower under cProfile):",
            "",
            "",
            "",
        ),
        *[(f"  {label}", f"{seconds:.2f} s", "", "") for label, seconds in profile],
    ]


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    rows = measure(args.runs)
    width = max(len(r[0]) for r in rows)
    print(f"{'Measure':<{width}}  {'Value':>9}  {'Target':<18}  Status")
    print("-" * (width + 40))
    for label, value, target, status in rows:
        print(f"{label:<{width}}  {value:>9}  {target:<18}  {status}".rstrip())
    print(
        f"\nMedian of {args.runs} runs; the {SYNTHETIC_SUMMARIES}-summary build ran once. "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.1f} at "
        "start (a load above the CPU count inflates wall times; CPU times are steadier)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
