"""`python build.py check` on the written site: exit 0 on the real one, 1 on planted problems."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import build
from evidence_site import theme

REPO = Path(__file__).resolve().parents[2]
SUMMARY = "alemtuzumab-infections/index.html"


@pytest.fixture
def site_copy(real_site: Path, tmp_path: Path) -> Path:
    """A private copy of the built real site that a test may break."""
    return Path(shutil.copytree(real_site, tmp_path / "site"))


def check(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Run `build.py check --out SITE`; return the exit code and the problem lines."""
    code = build.main(["check", "--out", str(site)])
    return code, capsys.readouterr().err.splitlines()[:-1]


def edit(path: Path, old: str, new: str) -> None:
    """Replace one piece of text that must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_real_site_passes(real_site, capsys):
    """The site in this repository has no problems the checks can see."""
    assert build.main(["check", "--out", str(real_site)]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    assert re.fullmatch(r"Checked \d+ pages in .*: no problems\n", out.out)


def test_planted_broken_link_fails(site_copy, capsys):
    """A link to a page that was not built is reported with the page it is on."""
    edit(site_copy / SUMMARY, '<a class="skip" href="#main">',
         '<a href="../no-such-page/index.html">x</a><a class="skip" href="#main">')
    assert check(site_copy, capsys) == (1, [
        f"site/{SUMMARY}: link to '../no-such-page/index.html' goes nowhere"])


def test_planted_missing_anchor_fails(site_copy, capsys):
    """A #fragment with no element of that id is reported."""
    edit(site_copy / "index.html", 'href="#main"', 'href="#mian"')
    assert check(site_copy, capsys) == (1, ["site/index.html: link to '#mian': no element with "
                                           "id 'mian'"])


def test_planted_low_contrast_css_colour_fails_in_its_mode(site_copy, capsys):
    """A muted grey too light for dark mode fails there, named with its colours and ratio.

    The page's CSS is inline (static/style.css, minified), so the grey is planted there.
    """
    edit(site_copy / SUMMARY, "--muted:#c8c8c8;", "--muted:#5a5a5a;")
    code, lines = check(site_copy, capsys)
    assert code == 1
    assert lines, "expected contrast problems"
    pattern = (r"site/\S+: <\w+[^>]*> \".*\"( \(and \d+ more like it\))?: contrast 2\.\d\d:1 "
               r"\(#5a5a5a on #121417\) in dark mode; needs 4\.5:1")
    assert all(re.fullmatch(pattern, line) for line in lines), lines
    assert any(line.startswith(f'site/{SUMMARY}: <p class="kicker"> "Evidence summary" (and ')
               for line in lines), lines


def test_planted_low_contrast_chart_colour_fails(site_copy, capsys):
    """A pale line in a chart fails the 3:1 rule for graphics, in both colour schemes."""
    page = site_copy / SUMMARY
    edit(page, 'stroke="#1d4e89"', 'stroke="#9db6d3"')
    code, lines = check(site_copy, capsys)
    assert code == 1
    assert lines == [
        f"site/{SUMMARY}: <path> chart mark: contrast 2.09:1 (#9db6d3 on #ffffff) in dark mode; "
        "needs 3:1",
        f"site/{SUMMARY}: <path> chart mark: contrast 2.09:1 (#9db6d3 on #ffffff) in light mode; "
        "needs 3:1",
    ]


def test_planted_chart_without_table_or_summary_fails(site_copy, capsys):
    """A chart figure must keep its accessible name, its text summary and its data table."""
    page = site_copy / SUMMARY
    text = page.read_text(encoding="utf-8")
    head, chart = text.split('<figure class="chart"', 1)  # the fact box's table comes first
    chart = re.sub(r'<p class="chart-summary">.*?</p>', "", chart, count=1, flags=re.S)
    chart = re.sub(r"<table[ >].*?</table>", "", chart, count=1, flags=re.S)
    page.write_text(head + '<figure class="chart"' + chart, encoding="utf-8")
    code, lines = check(site_copy, capsys)
    assert code == 1
    assert [re.sub(r"#chart-\S+", "#chart-X", line) for line in lines] == [
        f"site/{SUMMARY}: chart figure #chart-X has no data table with a <caption>, <th> and <td>",
        f"site/{SUMMARY}: chart figure #chart-X has no text summary; say in words what it shows "
        "in its <figcaption>",
    ]


def test_planted_invalid_html_and_missing_basics_fail(site_copy, capsys):
    """Markup errors are reported with their line; a page needs lang, title, h1, description."""
    page = site_copy / "index.html"
    edit(page, '<html lang="en-GB">', "<html>")
    edit(page, "<main", "</div><main")
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'<meta name="description"[^>]*>', "", text), encoding="utf-8")
    code, lines = check(site_copy, capsys)
    line = next(n for n, text in enumerate(page.read_text().splitlines(), 1)
                if "</div><main" in text)
    assert code == 1
    assert lines == [
        "site/index.html: <html> has no lang",
        'site/index.html: has no <meta name="description"> with content; search results show it',
        f"site/index.html:{line}: invalid HTML: End tag (div) seen too early. "
        "Expected other end tag.",
    ]


def test_check_without_a_site_says_what_to_do(tmp_path, capsys):
    """Checking before building explains itself."""
    assert build.main(["check", "--out", str(tmp_path / "nothing")]) == 1
    assert capsys.readouterr().err == (f"{tmp_path / 'nothing'}/: no such folder; run python "
                                      "build.py first\n")


def test_strict_build_runs_the_checks_and_leaves_site_alone(fixture_site, tmp_path, capsys):
    """--strict runs the same output checks before writing; a failure writes nothing."""
    project = fixture_site  # the minimal project: the checks, without a second real-site build
    shutil.copy(theme.STATIC / "style.css", project / "static/style.css")  # a site override
    edit(project / "static/style.css", "--ink: #1a1a1a;", "--ink: #999999;")
    out = tmp_path / "out"
    assert build.main(["--root", str(project), "--out", str(out), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "(#999999 on #ffffff) in light mode; needs 4.5:1" in err
    assert err.endswith(f"{out}/ was not changed.\n")
    assert not out.exists()
