"""Progress output: a bar on a terminal, plain lines in CI, and one summary line per build."""

from __future__ import annotations

import io
from pathlib import Path

import build
from evidence_site.commands.progress import Progress, summary_line


def test_plain_lines_when_not_a_terminal():
    """CI logs get one line per tenth of the work, not a redrawn bar."""
    stream = io.StringIO()
    report = Progress(stream, tty=False)
    for done in range(1, 41):
        report("charts", done, 40)
    lines = stream.getvalue().splitlines()
    assert lines == [f"charts: {n}/40" for n in range(4, 41, 4)]


def test_bar_on_a_terminal_ends_with_a_newline():
    """A terminal gets one bar redrawn in place, finished by a newline."""
    stream = io.StringIO()
    report = Progress(stream, tty=True)
    for done in range(1, 41):
        report("pages", done, 40)
    out = stream.getvalue()
    assert out.startswith("\r  pages [") and out.endswith("] 40/40\n")
    assert out.count("\n") == 1


def test_short_stages_print_nothing():
    """A handful of steps is over before a bar would help."""
    stream = io.StringIO()
    Progress(stream, tty=False)("pages", 3, 3)
    assert stream.getvalue() == ""


def test_summary_line_names_pages_charts_warnings_and_time():
    assert summary_line(Path("site"), 1001, 3, 2997, 1, 2.5) == (
        "Built site/: 1001 pages, 3 charts rendered, 2997 reused, 1 warning, 2.50 s")
    assert summary_line(Path("site"), 1, 1, 0, 0, 0.5, 1_234_567).endswith(
        " 0 warnings, 0.50 s, .cache/ 1.2 MB")


def test_every_build_ends_with_the_summary_line(fixture_site, capsys):
    """The CLI's last line says what was built, from the cache or not."""
    assert build.main(["--root", str(fixture_site)]) == 0
    assert build.main(["--root", str(fixture_site)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith(f"Built {fixture_site}/site/: 15 pages, 0 charts rendered, 6 reused, ")
