"""A wrong --out: refused with exit 2 and a message saying what to do, and nothing is touched."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from bad_input import planted, run_cli
from helpers import edit, snapshot

from evidence_site.check import audit
from evidence_site.publish.write import MARK

FIX = "choose a new folder such as site/ — nothing was written"


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every folder (None) and file (its bytes) under folder, hidden ones included."""
    return {p.relative_to(folder).as_posix(): None if p.is_dir() else p.read_bytes()
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def project(fixture_site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture project as the current folder, with a .git/ and a curator's notes/ folder."""
    (fixture_site / ".git").mkdir()
    (fixture_site / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (fixture_site / "notes").mkdir()
    (fixture_site / "notes" / "todo.txt").write_text("check figures\n", encoding="utf-8")
    monkeypatch.chdir(fixture_site)
    return fixture_site


def refused(everything: Path, *argv: str) -> str:
    """Run the CLI; assert exit 2, no traceback, nothing printed to stdout and nothing changed
    under `everything`; return the one message."""
    before = tree(everything)
    answer = run_cli(*argv)
    assert (answer.code, answer.out) == (2, ""), answer.err
    assert "Traceback" not in answer.err
    assert tree(everything) == before
    return answer.err


@pytest.mark.parametrize(("out", "why"), [
    (".", "this is the project folder (it holds content/ and data/)"),
    ("content", "this is the project's content/ folder"),
    ("data", "this is the project's data/ folder"),
    ("data/new", "this is inside the project's data/ folder"),
    ("templates", "this is the project's templates/ folder"),
    (".git", "this is the project's .git/ folder"),
    (".cache", "this is the project's .cache/ folder"),
    ("site.toml", "this is the project's site.toml file"),
    ("README.md", "this is a file, not a folder"),
    ("notes", f"this folder holds files this tool did not write (it has no {MARK} mark); "
              "choose a new or empty folder, or empty this one yourself — nothing was written"),
])
def test_out_inside_the_project_is_refused(project: Path, out: str, why: str) -> None:
    """The project folder, its inputs, a file or a curator's own folder is never replaced."""
    message = why if why.endswith("written") else f"{why}; {FIX}"
    assert refused(project, "--out", out) == f"--out {out}: {message}\n"


def test_the_folder_above_the_project_is_refused(project: Path) -> None:
    """--out .. holds the whole project: refused."""
    assert refused(project.parent, "--out", "..") == (
        f"--out ..: this folder holds the project ({project}); {FIX}\n")


def test_the_home_folder_is_refused(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--out ~ (the shell turns it into the home folder's path) is refused, as is its parent."""
    home = project.parent / "home" / "curator"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "thesis.md").write_text("years of work\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    assert refused(home, "--out", str(home)) == f"--out {home}: this is your home folder; {FIX}\n"
    assert refused(home, "--out", str(home.parent)) == (
        f"--out {home.parent}: this folder holds your home folder ({home}); {FIX}\n")


def test_the_file_system_root_is_refused_without_walking_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--out / is refused at once: no folder is listed, nothing is built."""
    def guarded(real: Callable[..., object]) -> Callable[..., object]:
        def listing(path: object = ".", *args: object, **kwargs: object) -> object:
            if Path(str(path)).resolve() == Path("/"):
                raise AssertionError("the file system root was listed")
            return real(path, *args, **kwargs)
        return listing

    before = tree(project)
    with monkeypatch.context() as patched:
        for name in ("walk", "scandir", "listdir"):
            patched.setattr(os, name, guarded(getattr(os, name)))
        answer = run_cli("--out", "/")
    assert (answer.code, answer.out) == (2, "")
    assert answer.err == f"--out /: this is the root of the file system; {FIX}\n"
    assert tree(project) == before


def test_a_path_through_a_file_is_refused(project: Path) -> None:
    """--out README.md/site cannot be made: README.md is a file."""
    assert refused(project, "--out", "README.md/site") == (
        f"--out README.md/site: {project}/README.md is a file, not a folder; {FIX}\n")


def test_an_earlier_versions_site_and_an_empty_folder_are_replaced(project: Path) -> None:
    """A site written before the mark existed, or an empty folder, becomes the new site."""
    earlier = project / "public"
    for relative in ("index.html", "404.html", "sitemap.xml", "_headers", "static/style.css"):
        (earlier / relative).parent.mkdir(parents=True, exist_ok=True)
        (earlier / relative).write_text("old\n", encoding="utf-8")
    (project / "empty").mkdir()
    for out in ("public", "empty"):
        answer = run_cli("--out", out)
        assert answer.code == 0, answer.err
        assert (project / out / MARK).is_file()
        assert (project / out / "index.html").read_text(encoding="utf-8") != "old\n"


def test_a_parent_you_cannot_write_to_is_refused_before_building(
    built_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only parent folder is named, with exit 2 and the previous site untouched."""
    real = os.access

    def read_only(path: object, mode: int, **kwargs: object) -> bool:
        return False if Path(str(path)) == built_site else real(path, mode, **kwargs)

    answer = planted(built_site, lambda root: monkeypatch.setattr(os, "access", read_only),
                     code=2)
    assert answer.err == (f"--out {built_site}/site: cannot write in {built_site}/ (permission "
                          "denied); choose a folder you can write to — nothing was written\n")


def test_a_write_that_fails_says_what_failed(
    built_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk refusing the staging folder is one message (exit 1), not an OSError traceback."""
    def refuse(*args: object, dir: str, **kwargs: object) -> str:  # noqa: A002
        raise PermissionError(errno.EACCES, "Permission denied", dir)

    def fault(root: Path) -> None:
        edit(root, "content/about.md", "Every number", "Each number")
        monkeypatch.setattr(tempfile, "mkdtemp", refuse)

    answer = planted(built_site, fault)
    assert answer.err.splitlines()[-1] == (
        f"--out {built_site}/site: could not write {built_site} (Permission denied); check "
        f"that the folder and its parent exist and you may write there — {built_site}/site/ "
        "was not changed")


def test_check_reads_only_a_site_this_tool_wrote(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check --out` refuses a root, a home or a foreign folder, and stops at a size cap."""
    give = "give the site folder a build wrote, such as site/"
    assert refused(project, "check", "--out", "/") == (
        f"--out /: this is the root of the file system, not a site; {give}\n")
    monkeypatch.setenv("HOME", str(project / "notes"))
    assert refused(project, "check", "--out", str(project / "notes")) == (
        f"--out {project}/notes: this is your home folder, not a site; {give}\n")
    assert refused(project, "check", "--out", "content") == (
        f"--out content: this folder was not written by a build (it has no {MARK} mark); "
        f"{give}\n")
    site = project / "fake"
    site.mkdir()
    (site / MARK).write_text("", encoding="utf-8")
    for number in range(4):
        (site / f"{number}.html").write_text("<p>x</p>", encoding="utf-8")
    monkeypatch.setattr(audit, "MAX_FILES", 3)
    assert refused(project, "check", "--out", "fake") == (
        f"--out fake: more than 3 files or 500 MB, far more than a built site; {give}\n")


def test_no_out_value_deletes_a_file_the_tool_did_not_write(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every wrong --out at once, checked against the whole tree around the project."""
    monkeypatch.setenv("HOME", str(project.parent))
    for out in (".", "..", "content", "data", "templates", "static", ".git", "notes",
                "README.md", "site.toml", str(project.parent), "/"):
        assert run_cli("--out", out).code == 2, out
    before = tree(project.parent)
    for out in (".", "..", "notes", "README.md"):
        assert run_cli("--out", out).code == 2
    assert tree(project.parent) == before
    assert snapshot(project / "notes") == {"todo.txt": b"check figures\n"}


def test_the_preview_refuses_a_wrong_out_before_serving(project: Path) -> None:
    """`serve --out .` neither replaces nor serves the project folder."""
    assert refused(project, "serve", "--out", ".") == (
        f"--out .: this is the project folder (it holds content/ and data/); {FIX}\n")
