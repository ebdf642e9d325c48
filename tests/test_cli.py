"""The command line: evidence-site, python -m evidence_site and build.py, as a curator runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, edit, snapshot

import build
from evidence_site.commands import cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI; return (exit code, stdout, stderr)."""
    code = build.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_writes_site_and_reports(
    fixture_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A good project builds into ROOT/site by default and says what it wrote."""
    code, out, err = run(capsys, "--root", str(fixture_site), "--strict")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].startswith(
        f"Built {fixture_site}/site/: 15 pages, 6 charts rendered, 0 reused, 0 warnings, "
    )
    assert "\n  cladribine/index.html: reading grade " in out
    assert (fixture_site / "site" / "cladribine" / "index.html").is_file()


def test_broken_csv_exits_1_and_leaves_site_untouched(
    fixture_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every problem is printed as path:line, the exit code is 1, and site/ is byte-identical."""
    out_dir = fixture_site / "public"
    assert run(capsys, "--root", str(fixture_site), "--out", str(out_dir))[0] == 0
    before = snapshot(out_dir)
    edit(fixture_site, "data/alemtuzumab-trend.csv", ",52.6,,,percent", ",52.6%,,,percent")
    edit(fixture_site, "data/cladribine-infections.csv", "people,,S5,", "people,,S7,")
    code, out, err = run(capsys, "--root", str(fixture_site), "--out", str(out_dir))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "data/alemtuzumab-trend.csv:3: value is '52.6%', not a number; write 52.6, without % or "
        "thousands commas",
        "data/cladribine-infections.csv:2: unknown source 'S7'; add it to data/sources.csv "
        "(known: S1, S5, X1)",
        f"Build failed: 2 problem(s) in the inputs. {out_dir}/ was not changed.",
    ]
    assert snapshot(out_dir) == before


def test_warnings_are_printed_and_strict_fails(
    fixture_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A warning is printed and the site is built; with --strict the build fails instead."""
    edit(fixture_site, "content/about.md", "Every number", "Each of the 3 numbers")
    code, out, err = run(capsys, "--root", str(fixture_site))
    warning = (
        "content/about.md:11: the number '3' is typed into the prose; take it from data/ "
        "instead, e.g. {{ fig.ID.about }}, or quote the source in a > blockquote"
    )
    assert (code, err) == (0, f"{warning} (warning)\n")
    assert ", 1 warning, " in out
    code, out, err = run(
        capsys, "--root", str(fixture_site), "--strict", "--out", str(fixture_site / "strict")
    )
    assert code == 1
    assert err.splitlines()[0] == warning
    assert not (fixture_site / "strict").exists()


def test_stamp_after_checking_clears_the_warning(
    fixture_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Edit a figure, see the warning, re-stamp after checking, and the warning is gone."""
    csv = fixture_site / "data" / "cladribine-infections.csv"
    sidecar = fixture_site / "data" / "cladribine-infections.meta.toml"
    edit(
        fixture_site, "data/cladribine-infections.csv", "Over 96 weeks,48.3", "Over 96 weeks,48.3 "
    )
    assert "changed since its figures were checked" in run(capsys, "--root", str(fixture_site))[2]
    code, out, err = run(capsys, "stamp", str(csv), "--checked", "2026-04-02")
    assert (code, out, err) == (0, f"Stamped {sidecar}: checked = 2026-04-02\n", "")
    text = sidecar.read_text(encoding="utf-8")
    assert text.startswith(
        'title = "Infections in the CLARITY trial (Cook et al. 2011)"\n'
        'curated_by = "Test Curator"\nchecked = 2026-04-02\nsha256 = "'
    )
    assert run(capsys, "--root", str(fixture_site), "--strict")[0:3:2] == (0, "")


def test_stamp_a_new_dataset_needs_title_and_curator(
    fixture_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first stamp of a dataset asks for its title and curator."""
    csv = fixture_site / "data" / "cladribine-infections.csv"
    sidecar = csv.with_suffix(".meta.toml")
    sidecar.unlink()
    code, out, err = run(capsys, "stamp", str(csv))
    assert (code, out) == (1, "")
    assert err == f"{sidecar}: needs --title 'TITLE' and --curator 'NAME' the first time\n"
    code, _, _ = run(
        capsys, "stamp", str(csv), "--title", "T", "--curator", "C", "--checked", "2026-04-02"
    )
    assert code == 0 and 'title = "T"\ncurated_by = "C"\n' in sidecar.read_text(encoding="utf-8")


def test_stamp_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped CSV path is named."""
    missing = tmp_path / "data" / "nope.csv"
    assert run(capsys, "stamp", str(missing)) == (1, "", f"{missing}: no such file\n")


HELP = """\
usage: evidence-site [COMMAND] [options]

Build and preview an evidence site: data/ + content/ -> site/, with the default theme
(a file in the site's templates/ or static/ replaces the theme's file of the same name).

commands:
  build  build the site into ROOT/site (the default command)
  serve  live preview on http://127.0.0.1:8000/, rebuilt on every save
  new    scaffold a new summary to fill in: new SLUG
  check  check the written site: links, HTML, charts, contrast
  stamp  record that a dataset's figures were checked against its source
  init   create a new site folder that builds at once: init DIR

With no command, evidence-site builds. --root (the site folder) defaults to the current folder.
Run 'evidence-site COMMAND --help' for a command's options.
"""


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`evidence-site --help` names all six commands; build.py prints the same with its name."""
    assert cli.main(["--help"]) == 0
    assert capsys.readouterr().out == HELP
    assert run(capsys, "-h") == (0, HELP.replace("evidence-site", "python build.py"), "")


@pytest.mark.parametrize("command", list(cli.COMMANDS))
def test_each_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every command answers --help with its own usage line and exits 0."""
    with pytest.raises(SystemExit) as done:
        cli.main([command, "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: evidence-site {command} [-h]")


def test_unknown_command_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped command gets the list of real ones, not a build of the current folder."""
    assert cli.main(["buidl"]) == 2
    assert capsys.readouterr().err == (
        "evidence-site: unknown command 'buidl'; use one of build, serve, new, check, stamp, "
        "init (see evidence-site --help)\n")


def test_no_command_builds_the_current_folder(
    fixture_site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m evidence_site` with no arguments is a build of the current folder."""
    monkeypatch.chdir(fixture_site)
    result = subprocess.run([sys.executable, "-m", "evidence_site", "--no-cache"],
                            capture_output=True, text=True, env=env_with_repo())
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("Built site/: ")
    assert (fixture_site / "site" / "cladribine" / "index.html").is_file()


def test_check_without_a_site_says_which_build_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hint names the command the curator is using."""
    missing = tmp_path / "site"
    assert cli.main(["check", "--out", str(missing)]) == 1
    assert capsys.readouterr().err == f"{missing}/: no such folder; run evidence-site build first\n"


def env_with_repo() -> dict[str, str]:
    """The environment with the repository importable (a subprocess outside it)."""
    return {**os.environ, "PYTHONPATH": str(REPO)}


def test_python_m_build_in_the_repository_is_the_packaging_tool() -> None:
    """`python -m build` at the top of the checkout reaches the packaging tool, not build.py."""
    result = subprocess.run([sys.executable, "-m", "build", "--version"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("build 1.6.1 (")
    assert "site-packages" in result.stdout


def test_python_m_build_without_the_tool_says_how_to_get_it(tmp_path: Path) -> None:
    """Without the packaging tool installed, `python -m build` says so instead of building."""
    hide = tmp_path / "hide"  # a sitecustomize that makes the installed tool unfindable
    hide.mkdir()
    (hide / "sitecustomize.py").write_text(
        "import sys\nsys.path[:] = [p for p in sys.path if 'site-packages' not in p]\n")
    result = subprocess.run([sys.executable, "-m", "build"], cwd=REPO, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(hide)})
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == build.NO_PACKAGING_TOOL + "\n"
