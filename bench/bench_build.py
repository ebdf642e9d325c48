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
import json
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
# The steps of a cold build of the real site, timed one after another in one fresh process.
STEPS = """
import json, time
from pathlib import Path
steps, last = {}, time.perf_counter()
def step(name):
    global last
    now = time.perf_counter()
    steps[name] = now - last
    last = now
import pandas
step("import pandas")
import altair
step("import altair")
import vl_convert
step("import vl_convert")
import jinja2, markdown, yaml
from evidence_site import charts, pipeline
from evidence_site.records import Project
step("import jinja2, markdown, yaml, evidence_site")
inputs = pipeline.load_inputs(Project(Path(".").resolve()))
page = next(p for p in inputs.pages if p.charts)
job = pipeline.chart_job(inputs, page.charts[0])
step("read and check the inputs")
spec = charts.make_chart(job.kind, job.figures).to_dict()
step("build the flagship chart in Altair")
vl_convert.vegalite_to_svg(spec)
step("first vl-convert render (engine start-up)")
vl_convert.vegalite_to_svg(spec)
step("the same render again")
print(json.dumps(steps))
"""


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


def rebuild_synthetic(root: Path) -> float:
    """Edit one synthetic summary's title, then build again with the cache."""
    page = sorted((root / "content").glob("summary-*.md"))[0]
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("title: Summary", "title: Edited", 1), encoding="utf-8")
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
        make_synthetic(synthetic, SYNTHETIC_SUMMARIES)
        big_cpu: list[float] = []
        big = timed_build(synthetic, synthetic / "site", big_cpu)
        pages = len(list((synthetic / "site").glob("*/index.html")))
        big_again = rebuild_synthetic(synthetic)
    startup = median_of(runs, lambda: timed_python(STARTUP))
    steps = [json.loads(python_output(STEPS)) for _ in range(runs)]
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
        ("Where a cold build's time goes, step by step:", "", "", ""),
        ("  Python start-up", f"{startup:.2f} s", "", ""),
        *[
            (f"  {name}", f"{statistics.median(s[name] for s in steps):.2f} s", "", "")
            for name in steps[0]
        ],
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
