"""Benchmark the build: cold and warm times, a 200-summary project, and the flagship's weight.

    python bench/bench_build.py            # prints a table; writes nothing inside the repository
    python bench/bench_build.py --runs 5   # more runs per measurement (the median is shown)

Cold means a fresh copy of the project (no .cache/) built by a fresh Python process running
`build.py`, as on a fresh clone: interpreter start, imports, vl-convert's start-up and every chart
drawn. Rebuild means running `build.py` again after editing one page, with the .cache/ the cold
build left behind.
"""

from __future__ import annotations

import argparse
import hashlib
import os
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


def python_seconds(code: str) -> float:
    """Run a snippet in a fresh interpreter; it prints one number of seconds."""
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=REPO
    )
    return float(result.stdout.strip().splitlines()[-1])


def median_of(runs: int, measure: Callable[[], float]) -> float:
    """The median of several runs of one measurement."""
    return statistics.median(measure() for _ in range(runs))


IMPORTS = """
import time
started = time.perf_counter()
import evidence_site.pipeline
print(time.perf_counter() - started)
"""
FIRST_SVG = """
import time, vl_convert
spec = {"data": {"values": [{"x": 1, "y": 2}]}, "mark": "point",
        "encoding": {"x": {"field": "x", "type": "quantitative"}}}
started = time.perf_counter()
vl_convert.vegalite_to_svg(spec)
first = time.perf_counter() - started
started = time.perf_counter()
vl_convert.vegalite_to_svg(spec)
print(first - (time.perf_counter() - started))
"""
STARTUP = "import time; print(0.0)"


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
    """Edit one sentence of the flagship page, then build again with the existing cache."""
    page = root / "content" / f"{FLAGSHIP}.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("for a while", f"for a while{' ' * (run + 1)}", 1), encoding="utf-8"
    )
    return timed_build(root, root / "site")


def make_synthetic(root: Path, summaries: int) -> None:
    """A project of N summaries, each a copy of the flagship with its own dataset and chart."""
    (root / "content").mkdir(parents=True)
    (root / "data").mkdir()
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    shutil.copy(REPO / "data" / "sources.csv", root / "data" / "sources.csv")
    shutil.copy(REPO / "content" / "about.md", root / "content" / "about.md")
    csv = (REPO / "data" / f"{FLAGSHIP}.csv").read_bytes()
    meta = (REPO / "data" / f"{FLAGSHIP}.meta.toml").read_text(encoding="utf-8")
    page = (REPO / "content" / f"{FLAGSHIP}.md").read_text(encoding="utf-8")
    for i in range(summaries):
        name = f"summary-{i:03d}"
        (root / "data" / f"{name}.csv").write_bytes(csv)
        (root / "data" / f"{name}.meta.toml").write_text(
            re.sub(r'sha256 = "[0-9a-f]+"', f'sha256 = "{hashlib.sha256(csv).hexdigest()}"', meta),
            encoding="utf-8",
        )
        text = page.replace(FLAGSHIP, name).replace(
            "title: Infection risk", f"title: Summary {i:03d}, infection risk", 1
        )
        (root / "content" / f"{name}.md").write_text(text, encoding="utf-8")


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
    css = sum((page.parent / href).resolve().stat().st_size for href in parser.hrefs)
    svg = sum(len(m.encode()) for m in re.findall(r"<svg.*?</svg>", html, re.S))
    return {"html": len(html.encode()), "svg": svg, "css": css, "stylesheets": len(parser.hrefs)}


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args(argv)
    runs = args.runs
    with tempfile.TemporaryDirectory(prefix="evidence-bench-") as tmp:
        tmp_dir = Path(tmp)
        load = os.getloadavg()[0]
        cold_cpu: list[float] = []
        cold = statistics.median(cold_build(tmp_dir, run, cold_cpu) for run in range(runs))
        warm_root = tmp_dir / "cold-0"
        weight = page_weight(warm_root / "site", FLAGSHIP)
        again = statistics.median(rebuild(warm_root, run) for run in range(runs))
        synthetic = tmp_dir / "synthetic"
        make_synthetic(synthetic, SYNTHETIC_SUMMARIES)
        big_cpu: list[float] = []
        big = timed_build(synthetic, synthetic / "site", big_cpu)
        pages = len(list((synthetic / "site").glob("*/index.html")))
        big_again = rebuild_synthetic(synthetic)
        startup = median_of(runs, lambda: timed_python(STARTUP))
        imports = median_of(runs, lambda: python_seconds(IMPORTS))
        first_svg = median_of(runs, lambda: python_seconds(FIRST_SVG))

    total = weight["html"] + weight["css"]
    rows = [
        (
            "Cold build, real site (fresh process)",
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
            f"Cold build, {SYNTHETIC_SUMMARIES} synthetic summaries ({pages} pages)",
            f"{big:.1f} s",
            f"{big / SYNTHETIC_SUMMARIES * 1000:.0f} ms/summary",
            "",
        ),
        ("  CPU time of that build (user + system, all processes)", f"{big_cpu[0]:.1f} s", "", ""),
        ("  rebuild after editing one of them", f"{big_again:.2f} s", "", ""),
        ("Flagship page: HTML incl. inline SVG", f"{weight['html'] / 1024:.1f} KB", "", ""),
        ("  of which inline SVG", f"{weight['svg'] / 1024:.1f} KB", "", ""),
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
        ("Where cold time goes: Python start-up", f"{startup:.2f} s", "", ""),
        ("  importing the generator (altair, pandas, ...)", f"{imports:.2f} s", "", ""),
        ("  vl-convert's first render (engine start-up)", f"{first_svg:.2f} s", "", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'Measure':<{width}}  {'Value':>9}  {'Target':<18}  Status")
    print("-" * (width + 40))
    for label, value, target, status in rows:
        print(f"{label:<{width}}  {value:>9}  {target:<18}  {status}")
    print(
        f"\nMedian of {runs} runs; the 200-summary build ran once. Python "
        f"{sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.1f} at start "
        "(a load above the CPU count inflates wall times; CPU times are steadier)."
    )
    return 0


def rebuild_synthetic(root: Path) -> float:
    """Edit one synthetic summary's title, then build again with the cache."""
    page = sorted((root / "content").glob("summary-*.md"))[0]
    page.write_text(
        page.read_text(encoding="utf-8").replace("title: Summary", "title: Edited", 1),
        encoding="utf-8",
    )
    return timed_build(root, root / "site")


def timed_python(code: str) -> float:
    """Wall-clock seconds of a fresh interpreter running code."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
