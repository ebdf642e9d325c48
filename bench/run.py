"""The build benchmark in one command: every target of issue 14, with the floor and the ratios.

    .venv/bin/python bench/run.py                       # real site: floor, cold, mkdocs, rebuilds
    .venv/bin/python bench/run.py --runs 5              # fewer paired rounds (default 15)
    .venv/bin/python bench/run.py --sizes 50 200 1000   # also synthetic projects (1,000 is slow)
    .venv/bin/python bench/run.py --no-real --sizes 50  # only a synthetic size (a quick run)
    .venv/bin/python bench/run.py --no-peer             # without the mkdocs peer
    .venv/bin/python bench/run.py --lighthouse          # also Lighthouse mobile on every page
    .venv/bin/python bench/run.py --json after.json --compare before.json  # save; before/after
    .venv/bin/python bench/run.py --repo /work/main     # measure another checkout's code

The floor is what no build of this site can beat: a fresh Python that imports vl-convert and makes
exactly the conversions the real build makes (recorded from one build, then replayed). The mkdocs
peer is the same content as an MkDocs-Material site with mkdocs-charts-plugin (bench/peer_mkdocs.py,
pins in bench/peer-requirements.txt, its own venv in bench/out/). Each round runs the floor, a cold
build and a cold `mkdocs build` back to back (their order rotating), so all meet the same load on a
shared machine; a ratio is the median of the rounds' ratios. Cold is a fresh copy of the project
with no .cache/, built by `python build.py` in a fresh process; warm builds it again with nothing
changed; one edit adds a sentence to one page first. Synthetic sizes get one cold build each, then
--runs rounds of a warm and a one-edit build of every size (the order rotating, as the real site's
rounds), so a size's ratio to the smallest compares builds that met the same load. "cpu" is user +
system time of the process and its children (steadier than the clock when other work shares the
machine). The last table lists every target: measured, target, met or missed. Projects live in a
temporary folder; nothing is written inside the repository except bench/out/ (the peer's venv,
Lighthouse).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import pickle
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import peer_mkdocs
import report
from synthetic import make_project
from timing import Timed, run

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FLAGSHIP = "alemtuzumab-infections"
PROJECT_PARTS = ("content", "data", "templates", "static")

# Runs build.py in this process with every vl-convert function recording its arguments.
RECORD = """
import os, pickle, sys
import vl_convert
calls = []
def recording(name, function):
    def call(*args, **kwargs):  # with the font configuration vl-convert loads its fonts by
        calls.append((name, args, kwargs, os.environ.get("FONTCONFIG_FILE")))
        return function(*args, **kwargs)
    return call
for name in dir(vl_convert):
    if name.endswith(("_to_svg", "_to_png", "_to_vega", "_to_jpeg", "_to_pdf")):
        setattr(vl_convert, name, recording(name, getattr(vl_convert, name)))
build, root, record = sys.argv[1:4]
sys.path.insert(0, os.path.dirname(build))
import build as checkout  # its main() returns: build.py as a script exits at once
if checkout.main(["--root", root, "--jobs", "1"]):
    raise SystemExit("the recorded build failed")
with open(record, "wb") as handle:
    pickle.dump(calls, handle)
"""
# The floor: import vl-convert and make the recorded conversions, nothing else (its fonts loaded
# as the build loaded them: converter.vl_convert).
REPLAY = """
import os, pickle, sys
with open(sys.argv[1], "rb") as handle:
    calls = pickle.load(handle)
if calls and calls[0][3] is not None:
    os.environ["FONTCONFIG_FILE"] = calls[0][3]
import vl_convert
for name, args, kwargs, _ in calls:
    getattr(vl_convert, name)(*args, **kwargs)
"""


def build(repo: Path, root: Path) -> Timed:
    """`python build.py --root ROOT` from repo, in a fresh process."""
    return run([sys.executable, str(repo / "build.py"), "--root", str(root)], root)


def copy_site(repo: Path, root: Path) -> Path:
    """The real site's inputs in a new folder: no .cache/, no site/."""
    for name in PROJECT_PARTS:
        shutil.copytree(repo / name, root / name)
    shutil.copy(repo / "site.toml", root / "site.toml")
    return root


def folder_mb(folder: Path) -> float:
    """Total size of the files under folder in MB (0 if it does not exist); in .cache/, not the
    spare site (the last site a swap put aside: hard links to the published files, mostly)."""
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.is_file() and p.relative_to(folder).parts[0] != "spare") / 1e6


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


def medians(runs: list[Timed]) -> dict[str, float]:
    """Median wall and CPU seconds and peak MB of several runs of one thing."""
    return {field: statistics.median(getattr(t, field) for t in runs)
            for field in ("wall", "cpu", "peak_mb")}


def ratios(top: list[Timed], bottom: list[Timed], field: str) -> list[float]:
    """Each round's ratio of one field."""
    return [getattr(a, field) / getattr(b, field) for a, b in zip(top, bottom, strict=True)]


def real_site(repo: Path, runs: int, tmp: Path, peer: bool) -> dict[str, Any]:
    """Rounds of floor, cold build and mkdocs peer in rotating order, then warm and one edit."""
    record, conversions = record_conversions(repo, tmp)
    mkdocs = None
    if peer:
        peer_mkdocs.install()
        mkdocs = peer_mkdocs.make_project(repo, copy_site(repo, tmp / "peer-source"),
                                          tmp / "peer")
    timed: dict[str, list[Timed]] = {"floor": [], "cold": [], "warm": [], "edit": [],
                                     "mkdocs": []}
    cache_sizes = []
    for round_no in range(runs):
        root = copy_site(repo, tmp / f"cold-{round_no}")
        steps = {"floor": lambda: run([sys.executable, "-c", REPLAY, str(record)], tmp),
                 "cold": lambda root=root: build(repo, root)}
        if mkdocs:
            steps["mkdocs"] = lambda: peer_mkdocs.build(mkdocs)
        order = list(steps)
        for name in order[round_no % len(order):] + order[:round_no % len(order)]:
            timed[name].append(steps[name]())
        timed["warm"].append(build(repo, root))
        edit_flagship(root, round_no)
        timed["edit"].append(build(repo, root))
        cache_sizes.append(folder_mb(root / ".cache"))
        shutil.rmtree(root)
    result: dict[str, Any] = {name: medians(t) for name, t in timed.items() if t}
    rounds = {"cold_floor": ratios(timed["cold"], timed["floor"], "wall"),
              "cold_floor_cpu": ratios(timed["cold"], timed["floor"], "cpu")}
    if mkdocs:
        rounds["cold_mkdocs"] = ratios(timed["cold"], timed["mkdocs"], "wall")
        rounds["cold_mkdocs_cpu"] = ratios(timed["cold"], timed["mkdocs"], "cpu")
    result |= {key: statistics.median(values) for key, values in rounds.items()}
    return result | {"runs": runs, "conversions": conversions, "rounds": rounds,
                     "cache_mb": statistics.median(cache_sizes),
                     "warm_last_line": timed["warm"][-1].last_line}


def real_site_lines(real: dict[str, Any]) -> list[str]:
    """The real site's results as report lines."""
    rows = [("floor", f"vl-convert floor ({real['conversions']} conversions, fresh Python)"),
            ("cold", "cold build, real site (fresh copy, fresh process)"),
            ("mkdocs", "cold mkdocs build of the same content (peer)"),
            ("warm", "warm build (nothing changed)"),
            ("edit", "one-edit build (a sentence added to the flagship)")]
    lines = [f"Real site, {real['runs']} paired rounds (median wall s, median cpu s, peak MB):"]
    lines += [f"  {label:<52} {real[key]['wall']:6.2f} s {real[key]['cpu']:6.2f} cpu "
              f"{real[key]['peak_mb']:5.0f} MB" for key, label in rows if key in real]
    words = {"cold_floor": "cold / floor", "cold_floor_cpu": "cold / floor in cpu seconds",
             "cold_mkdocs": "cold / mkdocs", "cold_mkdocs_cpu": "cold / mkdocs in cpu seconds"}
    for key, label in words.items():
        if key in real:
            lines.append(f"  {label + ' (median of the rounds)':<52} {real[key]:6.2f} x   "
                         f"(rounds: {', '.join(f'{r:.2f}' for r in real['rounds'][key])})")
    lines.append(f"  {'.cache/ after the one-edit build':<52} {real['cache_mb']:6.2f} MB")
    lines.append(f"  last line of a warm build: {real['warm_last_line']}")
    return lines


def scale_points(repo: Path, sizes: list[int], charts: int, runs: int, tmp: Path
                 ) -> list[dict[str, Any]]:
    """Each synthetic size, smallest first: one cold build, then `runs` warm and one-edit
    builds each.

    The rebuilds of every size are measured afterwards in rounds, each round a warm and a
    one-edit build of every size (the order rotating), as the real site's builds are: so the
    ratio of a size to the smallest compares builds that met the same load, not builds minutes
    apart (the floor's own time moves by a fifth within minutes on a shared machine).
    """
    roots, points = {}, {}
    for size in sorted(sizes):
        root = roots[size] = make_project(tmp / f"scale-{size}", size, charts, repo)
        cold = build(repo, root)
        points[size] = {"size": size, "charts": charts, "runs": runs, "cold": medians([cold]),
                        "ms_per_summary": 1000 * cold.wall / size,
                        "cpu_ms_per_summary": 1000 * cold.cpu / size,
                        "cold_cache_mb": folder_mb(root / ".cache")}
    warms: dict[int, list[Timed]] = {size: [] for size in roots}
    edits: dict[int, list[Timed]] = {size: [] for size in roots}
    order = sorted(roots)
    for round_no in range(runs):
        for size in order[round_no % len(order):] + order[:round_no % len(order)]:
            warms[size].append(build(repo, roots[size]))
            edit_synthetic(roots[size])
            edits[size].append(build(repo, roots[size]))
    for size, root in roots.items():
        points[size] |= {"warm": medians(warms[size]), "edit": medians(edits[size]),
                         "cache_mb": folder_mb(root / ".cache")}
        shutil.rmtree(root)
    return [points[size] for size in order]


SCALE_HEAD = (f"  {'size':>6} {'cold':>8} {'cpu':>8} {'ms/summ':>7} {'cpu ms':>7} {'warm':>7} "
              f"{'1 edit':>7} {'warm x':>7} {'edit x':>7} {'cache MB':>9} {'after ed':>9} "
              f"{'peak MB':>7}")


def scale_line(point: dict[str, Any], smallest: dict[str, Any]) -> str:
    """One synthetic size as a table row (warm x, edit x: against the smallest size)."""
    peak = max(point[kind]["peak_mb"] for kind in ("cold", "warm", "edit"))
    return (f"  {point['size']:>6} {point['cold']['wall']:8.1f} {point['cold']['cpu']:8.1f} "
            f"{point['ms_per_summary']:7.0f} {point['cpu_ms_per_summary']:7.0f} "
            f"{point['warm']['wall']:7.2f} {point['edit']['wall']:7.2f} "
            f"{point['warm']['wall'] / smallest['warm']['wall']:7.2f} "
            f"{point['edit']['wall'] / smallest['edit']['wall']:7.2f} "
            f"{point['cold_cache_mb']:9.1f} {point['cache_mb']:9.1f} {peak:7.0f}")


def lighthouse_pages(repo: Path, tmp: Path) -> dict[str, Any]:
    """Lighthouse mobile on every page of the site repo builds: performance score and LCP."""
    import lighthouse

    cli = lighthouse.install()
    lighthouse.REPORTS.mkdir(parents=True, exist_ok=True)
    root = copy_site(repo, tmp / "lighthouse-root")
    site = root / "site"
    build(repo, root)
    pages = []
    with lighthouse.serve_site(site) as base:
        for page in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")):
            name = page.removesuffix("index.html").strip("/").replace("/", "_") or "home"
            result = lighthouse.audit(cli, base + page, "mobile",
                                      lighthouse.REPORTS / f"{name}-mobile.json")
            pages.append({"page": page, "lcp_ms":
                          result["audits"]["largest-contentful-paint"]["numericValue"],
                          "performance": round(100 * (result["categories"]["performance"]
                                                      ["score"] or 0))})
            print(f"  {page:44} performance {pages[-1]['performance']:3}  LCP "
                  f"{pages[-1]['lcp_ms']:6.0f} ms", flush=True)
    return {"pages": pages}


def commit_of(repo: Path) -> str:
    """The checkout's commit (with + when its work tree has changes), or '?'."""
    try:
        head = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--",
                                "evidence_site", "build.py"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return head + ("+" if dirty else "")


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages, rounded."""
    return [round(x, 2) for x in os.getloadavg()]


def main(argv: list[str] | None = None) -> int:
    """Measure, print every section and the target table; save and compare if asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # Rounds on this 2-CPU machine spread by a third either side of their median: with 15,
    # the median of a ratio moves by about 0.05 between runs of the command.
    parser.add_argument("--runs", type=int, default=15,
                        help="paired rounds on the real site; warm and edit builds per size")
    parser.add_argument("--sizes", type=int, nargs="*", default=[],
                        help="synthetic project sizes to build too (e.g. 50 200 1000)")
    parser.add_argument("--charts", type=int, default=3, help="charts per synthetic summary")
    parser.add_argument("--repo", type=Path, default=REPO,
                        help="the checkout whose build.py and project to measure")
    parser.add_argument("--no-real", action="store_true", help="skip the real site")
    parser.add_argument("--peer", action=argparse.BooleanOptionalAction, default=True,
                        help="time the mkdocs peer in the real site's rounds (default: yes)")
    parser.add_argument("--lighthouse", action="store_true",
                        help="also Lighthouse mobile on every page of the real site")
    parser.add_argument("--json", type=Path, help="save the results here")
    parser.add_argument("--compare", type=Path, help="results saved earlier, to print beside")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    results: dict[str, Any] = {"meta": {
        "repo": str(repo), "commit": commit_of(repo), "python": sys.version.split()[0],
        "cpus": os.cpu_count(), "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_start": load_average(), "argv": sys.argv[1:] if argv is None else argv}}
    print(f"{repo} ({results['meta']['commit']}) · Python {results['meta']['python']} · "
          f"{os.cpu_count()} CPUs · load average {results['meta']['load_start']} at start",
          flush=True)
    # Bytecode written beforehand, as an installed package has it (timing.measured_env).
    compileall.compile_dir(repo / "evidence_site", quiet=1)
    with tempfile.TemporaryDirectory(prefix="evidence-bench-") as tmp:
        if not args.no_real:
            results["real"] = real_site(repo, args.runs, Path(tmp), args.peer)
            print("\n".join(real_site_lines(results["real"])), flush=True)
        if args.sizes:
            print(f"Synthetic summaries, {args.charts} charts each (cold: one run; warm, edit: "
                  f"median of {args.runs}; seconds; x: against the smallest size):\n"
                  f"{SCALE_HEAD}", flush=True)
            results["sizes"] = scale_points(repo, args.sizes, args.charts, args.runs, Path(tmp))
            print("\n".join(scale_line(point, results["sizes"][0])
                            for point in results["sizes"]), flush=True)
        if args.lighthouse:
            print("Lighthouse, mobile (real site):", flush=True)
            results["lighthouse"] = lighthouse_pages(repo, Path(tmp))
    results["meta"]["load_end"] = load_average()
    print(f"Load average at end: {results['meta']['load_end']}\n")
    print(report.target_table(report.targets(results)))
    if args.json:
        report.save(args.json, results)
        print(f"\nResults saved to {args.json}")
    if args.compare:
        print(f"\nBefore ({args.compare}) and after:\n"
              + report.comparison(report.load(args.compare), results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
