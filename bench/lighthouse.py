"""Lighthouse on every page of the built site, mobile and desktop: four scores and LCP.

    python3 bench/lighthouse.py                 # build the site into a temp folder, then audit it
    python3 bench/lighthouse.py --site site     # audit an already built folder
    python3 bench/lighthouse.py --raw           # serve files uncompressed (a worst case)

Installs the pinned npm package into bench/out/lighthouse/ on first use (no global install),
serves the site on 127.0.0.1 and runs Debian's Chromium (CHROME_PATH, /usr/bin/chromium).
A benchmark, not a test: it prints numbers and the audits that cost points; it always exits 0
once Lighthouse ran. JSON reports go to bench/out/lighthouse-reports/.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # hosting.py is test support, not part of the package
import hosting  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"
PREFIX = HERE / "out" / "lighthouse"
REPORTS = HERE / "out" / "lighthouse-reports"
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def install() -> Path:
    """The lighthouse CLI from the pinned npm package, installed locally once."""
    cli = PREFIX / "node_modules" / ".bin" / "lighthouse"
    package = PREFIX / "node_modules" / "lighthouse" / "package.json"
    version = LIGHTHOUSE.rsplit("@", 1)[1]
    if not (cli.exists() and json.loads(package.read_text())["version"] == version):
        PREFIX.mkdir(parents=True, exist_ok=True)
        print(f"Installing {LIGHTHOUSE} into {PREFIX} ...", flush=True)
        subprocess.run(["npm", "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund",
                        "--loglevel=error", LIGHTHOUSE], check=True)
    return cli


@contextlib.contextmanager
def serve_site(directory: Path, compress: bool = True) -> Iterator[str]:
    """Serve a folder under the site's path on its host, gzip-compressed as hosts send it."""
    with hosting.serve(directory, hosting.site_prefix(directory), compress) as url:
        yield url


def audit(cli: Path, url: str, mode: str, report: Path) -> dict:
    """Run Lighthouse once; return its JSON report."""
    command = [str(cli), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
    if mode == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env)
    return json.loads(report.read_text(encoding="utf-8"))


def losses(result: dict) -> list[str]:
    """Audits that cost accessibility, best-practices or SEO points."""
    lost = []
    for name in CATEGORIES[1:]:
        for ref in result["categories"][name]["auditRefs"]:
            item = result["audits"][ref["id"]]
            if ref["weight"] and item["score"] is not None and item["score"] < 1:
                lost.append(f"{name}: {ref['id']}: {item['title']}")
    return lost


def main(argv: list[str]) -> int:
    """Build (or take) the site, serve it and print one line per page and mode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one)")
    parser.add_argument("--raw", action="store_true",
                        help="serve files uncompressed (no static host does; a worst case)")
    args = parser.parse_args(argv)
    cli = install()
    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(REPO),
                            "--out", str(site)], check=True, stdout=subprocess.DEVNULL)
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
        print("served " + ("uncompressed" if args.raw else "gzip-compressed, as static hosts do"))
        print(f"{'page':40} {'mode':8} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'LCP ms':>7}")
        notes = set()
        with serve_site(site, compress=not args.raw) as base:
            for page in pages:
                for mode in ("mobile", "desktop"):
                    name = page.removesuffix("index.html").strip("/").replace("/", "_") or "home"
                    result = audit(cli, base + page, mode, REPORTS / f"{name}-{mode}.json")
                    scores = [round(100 * (result["categories"][c]["score"] or 0))
                              for c in CATEGORIES]
                    lcp = result["audits"]["largest-contentful-paint"]["numericValue"]
                    print(f"{page:40} {mode:8} {scores[0]:5} {scores[1]:5} {scores[2]:5} "
                          f"{scores[3]:5} {lcp:7.0f}", flush=True)
                    notes.update(losses(result))
    for note in sorted(notes):
        print(f"  lost points: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
